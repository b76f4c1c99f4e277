package dev.jspy.benchmarks;

import dev.jspy.lm.LM;
import dev.jspy.lm.OpenAiLM;
import java.util.concurrent.CompletableFuture;

/**
 * jspy: the generated {@code BenchRagPredict}; sync {@code forward}, async {@code aforward} (OkHttp's async
 * API behind it, {@code maxConcurrency} = C). Defaults otherwise (3 retries, history on); the response cache
 * is off unless {@code cache} (a cache hit would not make the call).
 */
final class JspyContender implements Contender {
  private final OpenAiLM lm;
  private final BenchRagPredict predict = new BenchRagPredict();

  JspyContender(String baseUrl, int concurrency, boolean cache) {
    lm = LM.builder("openai/bench").apiBase(baseUrl).apiKey("bench-key").maxConcurrency(concurrency).cache(cache)
        .build();
    predict.lm(lm);
  }

  @Override
  public String name() {
    return "jspy";
  }

  @Override
  public Object call() {
    return predict.forward(Inputs.QUESTION, Inputs.CONTEXT, Inputs.LANGUAGE);
  }

  @Override
  public CompletableFuture<?> callAsync() {
    return predict.aforward(Inputs.QUESTION, Inputs.CONTEXT, Inputs.LANGUAGE);
  }

  @Override
  public void check(Object result) {
    BenchRagOutput o = (BenchRagOutput) result;
    Inputs.check(name(), o.answer(), o.confidence(), o.sources());
  }

  @Override
  public void close() {
    lm.close();
  }
}
