package dev.jspy.benchmarks.cold;

import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** Cold start, Spring AI: ChatClient {@code .entity(..)} without a Spring context, as {@code SpringAiContender}. */
public final class ColdSpring {
  private ColdSpring() {}

  /** The typed result. */
  public record Answer(String answer, double confidence, List<String> sources) {}

  public static void main(String[] args) {
    OpenAiChatModel model = OpenAiChatModel.builder()
        .options(OpenAiChatOptions.builder().baseUrl(args[0]).apiKey("bench-key").model("bench").maxRetries(3).build())
        .build();
    Answer a = ChatClient.create(model).prompt().system(Cold.INSTRUCTIONS)
        .user(u -> u.text("Question: {question}\nContext: {context}\nLanguage: {language}")
            .param("question", Cold.QUESTION).param("context", Cold.CONTEXT).param("language", Cold.LANGUAGE))
        .call().entity(Answer.class);
    Cold.done(a.answer(), a.confidence(), a.sources());
  }
}
