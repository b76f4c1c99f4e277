package dev.jspy.benchmarks.cold;

import dev.jspy.lm.LM;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.benchmarks.BenchRagOutput;
import dev.jspy.benchmarks.BenchRagPredict;

/** Cold start, jspy: the defaults (cache on, in {@code $JSPY_CACHE_DIR}), or {@code nocache}. */
public final class ColdJspy {
  private ColdJspy() {}

  public static void main(String[] args) {
    OpenAiLM lm =
        LM.builder("openai/bench").apiBase(args[0]).apiKey("bench-key").cache(!(args.length > 1 && "nocache".equals(args[1])))
            .build();
    BenchRagPredict predict = new BenchRagPredict();
    predict.lm(lm);
    BenchRagOutput out = predict.forward(Cold.QUESTION, Cold.CONTEXT, Cold.LANGUAGE);
    Cold.done(out.answer(), out.confidence(), out.sources());
  }
}
