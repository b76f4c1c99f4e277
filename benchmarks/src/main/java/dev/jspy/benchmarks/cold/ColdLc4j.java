package dev.jspy.benchmarks.cold;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import java.net.http.HttpClient;
import java.util.List;

/** Cold start, LangChain4j: AiServices returning a record, as {@code Lc4jContender}. */
public final class ColdLc4j {
  private ColdLc4j() {}

  /** The typed result. */
  public record Answer(String answer, double confidence, List<String> sources) {}

  /** The AiServices interface. */
  interface Rag {
    @SystemMessage(Cold.INSTRUCTIONS)
    @UserMessage("Question: {{question}}\nContext: {{context}}\nLanguage: {{language}}")
    Answer answer(@V("question") String question, @V("context") String context, @V("language") String language);
  }

  public static void main(String[] args) {
    OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(args[0]).apiKey("bench-key").modelName("bench")
        .maxRetries(3)
        .httpClientBuilder(
            JdkHttpClient.builder().httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
        .build();
    Answer a = AiServices.create(Rag.class, model).answer(Cold.QUESTION, Cold.CONTEXT, Cold.LANGUAGE);
    Cold.done(a.answer(), a.confidence(), a.sources());
  }
}
