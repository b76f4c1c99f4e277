package dev.jspy.sample;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Jspy;
import dev.jspy.evaluate.Metrics;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.Message;
import dev.jspy.testing.LoopbackLMServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learn sample's whole flow against a loopback server: Evaluate, optimize, Evaluate, save, and a
 * fresh JVM that loads the file and sends the same prompts. The server answers right only when the prompt
 * carries demos, so optimizing must show in the scores.
 */
@Timeout(300) // a hang guard: the flow starts a second JVM
@SuppressWarnings("try")
class LearnMainTest {
  private static final Map<String, String> CAPITALS = Map.of(
      "Germany", "Berlin", "Portugal", "Lisbon", "Australia", "Canberra", "Brazil", "Brasília",
      "Sweden", "Stockholm", "Turkey", "Ankara", "Argentina", "Buenos Aires", "Vietnam", "Hanoi");

  @Test
  void evaluatesOptimizesSavesAndAFreshJvmSendsTheSamePrompts(@TempDir Path dir) throws Exception {
    try (LoopbackLMServer server = LoopbackLMServer.replying(LearnMainTest::answer);
        LM lm = LM.builder("openai/learn-test").apiBase(server.baseUrl()).apiKey("sk-test").cache(false).build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      LearnMain.Result result = LearnMain.learn(dir, System.getProperty("java.class.path"),
          Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test", "JSPY_LM", "openai/learn-test"));

      assertThat(result.before()).isEqualTo(0.0);
      assertThat(result.after()).isEqualTo(100.0);
      assertThat(Files.readString(result.saved())).contains("\"question\": \"What is the capital of Japan?\"");
      assertThat(result.prompts()).hasSize(LearnMain.REPLAYED);
      assertThat(result.samePrompts()).isTrue();
      // 8 + 8 evaluated, at least DEMOS bootstrapping runs, then the replayed examples here and in the fresh
      // JVM (which used this server too): the fresh JVM's requests come last.
      List<LMRequest> requests = server.requests();
      assertThat(requests.size()).isAtLeast(16 + LearnMain.DEMOS + 2 * LearnMain.REPLAYED);
      assertThat(requests.subList(requests.size() - LearnMain.REPLAYED, requests.size()).stream()
              .map(LMRequest::messages).toList())
          .isEqualTo(result.prompts());
    }
  }

  /** A model whose every reply is unusable (as the tiny local test model's are) still runs the flow. */
  @Test
  void theFlowRunsWhenEveryReplyFails(@TempDir Path dir) throws Exception {
    try (LoopbackLMServer server = LoopbackLMServer.replying(request -> "Once upon a time");
        LM lm = LM.builder("openai/learn-test").apiBase(server.baseUrl()).apiKey("sk-test").cache(false).build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      LearnMain.Result result = LearnMain.learn(dir, System.getProperty("java.class.path"),
          Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test", "JSPY_LM", "openai/learn-test"));

      assertThat(result.before()).isEqualTo(0.0);
      assertThat(result.after()).isEqualTo(0.0);
      assertThat(result.prompts()).hasSize(LearnMain.REPLAYED);
      assertThat(result.samePrompts()).isTrue();
    }
  }

  @Test
  void theOptimizerLeavesTheStudentAsItWas() throws Exception {
    try (LoopbackLMServer server = LoopbackLMServer.replying(LearnMainTest::answer);
        LM lm = LM.builder("openai/learn-test").apiBase(server.baseUrl()).apiKey("sk-test").cache(false).build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      QaPredict student = new QaPredict();
      QaPredict optimized = LearnMain.optimize(
          student, LearnMain.examples("learn/train.jsonl"), Metrics.answerExactMatch(QaOutput::answer));
      assertThat(student.demos()).isEmpty();
      assertThat(optimized.demos()).hasSize(LearnMain.DEMOS);
    }
  }

  /** Right only with demos in the prompt (more than a system and a user message). */
  private static String answer(LMRequest request) {
    List<Message> messages = request.messages();
    String question = messages.get(messages.size() - 1).content();
    String answer = "I do not know";
    if (messages.size() > 2) {
      for (Map.Entry<String, String> e : CAPITALS.entrySet()) {
        if (question.contains(e.getKey())) {
          answer = e.getValue();
        }
      }
    }
    return "[[ ## answer ## ]]\n" + answer + "\n\n[[ ## completed ## ]]";
  }
}
