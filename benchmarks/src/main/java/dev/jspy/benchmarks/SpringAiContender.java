package dev.jspy.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Spring AI: {@code ChatClient.prompt().system(..).user(..).call().entity(Answer.class)} (Spring AI appends
 * the JSON schema of the record to the prompt and parses the reply), built programmatically without a Spring
 * context. Spring AI 2's {@code OpenAiChatModel} runs on the official openai-java SDK over OkHttp (HTTP/1.1 on
 * {@code http://}); {@code maxRetries(3)}, jspy's default. Its reactive {@code .stream()} gives text chunks
 * over SSE, not an entity, so async here is the blocking {@code .call().entity(..)} on a fixed pool of C
 * threads via {@code CompletableFuture.supplyAsync}.
 */
final class SpringAiContender implements Contender {
  private static final String USER = "Question: {question}\nContext: {context}\nLanguage: {language}";

  private final ChatClient chat;
  private final ExecutorService pool;

  SpringAiContender(String baseUrl, int concurrency) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .options(
                OpenAiChatOptions.builder().baseUrl(baseUrl).apiKey("bench-key").model("bench").maxRetries(3).build())
            .build();
    chat = ChatClient.create(model);
    pool = Executors.newFixedThreadPool(concurrency);
  }

  @Override
  public String name() {
    return "spring";
  }

  @Override
  public Object call() {
    return chat.prompt()
        .system(Inputs.INSTRUCTIONS)
        .user(
            u ->
                u.text(USER)
                    .param("question", Inputs.QUESTION)
                    .param("context", Inputs.CONTEXT)
                    .param("language", Inputs.LANGUAGE))
        .call()
        .entity(Answer.class);
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
