package dev.jspy.benchmarks;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * LangChain4j: an {@code AiServices} interface returning the {@link Answer} record (LangChain4j appends its
 * JSON format instructions to the user message and parses the reply). {@code OpenAiChatModel} on
 * LangChain4j's JDK {@code HttpClient} with HTTP/1.1 forced (it prefers HTTP/2) and {@code maxRetries(3)},
 * jspy's default (LangChain4j's own is 2). AiServices has no asynchronous API for a typed result (only
 * {@code TokenStream} for streaming text), so async here is {@code CompletableFuture.supplyAsync} on a fixed
 * pool of C threads.
 */
final class Lc4jContender implements Contender {
  /** The AiServices interface. */
  interface Rag {
    @SystemMessage(Inputs.INSTRUCTIONS)
    @UserMessage("Question: {{question}}\nContext: {{context}}\nLanguage: {{language}}")
    Answer answer(@V("question") String question, @V("context") String context, @V("language") String language);
  }

  private final Rag rag;
  private final ExecutorService pool;

  Lc4jContender(String baseUrl, int concurrency) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey("bench-key")
            .modelName("bench")
            .maxRetries(3)
            .httpClientBuilder(
                JdkHttpClient.builder().httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
            .build();
    rag = AiServices.create(Rag.class, model);
    pool = Executors.newFixedThreadPool(concurrency);
  }

  @Override
  public String name() {
    return "lc4j";
  }

  @Override
  public Object call() {
    return rag.answer(Inputs.QUESTION, Inputs.CONTEXT, Inputs.LANGUAGE);
  }

  @Override
  public CompletableFuture<?> callAsync() {
    return CompletableFuture.supplyAsync(this::call, pool);
  }

  @Override
  public void check(Object result) {
    Answer a = (Answer) result;
    Inputs.check(name(), a.answer(), a.confidence(), a.sources());
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
