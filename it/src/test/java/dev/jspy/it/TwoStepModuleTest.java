package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.jspy.Jspy;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The two-step program of DSPy's async guide ({@code docs/docs/tutorials/async/index.md}): a
 * ChainOfThought answers, a second ChainOfThought simplifies the answer. Over a real server on loopback.
 */
@Timeout(60)
@SuppressWarnings("try")
class TwoStepModuleTest {
  static final String QUESTION = "Why did a chicken cross the kitchen?";
  static final String ANSWER = "To reach the other side, where the food was.";

  /** As in the guide: only {@code aforward} is written; {@code forward} waits for it. */
  static final class TwoStep extends Module<String, String> {
    final QaChainOfThought answer = new QaChainOfThought();
    final SimplifyChainOfThought simplify = new SimplifyChainOfThought();

    @Override
    public CompletableFuture<String> aforward(String question) {
      return answer
          .aforward(question)
          .thenCompose(a -> simplify.aforward(a.answer()))
          .thenApply(SimplifyChainOfThoughtOutput::simplified_answer);
    }
  }

  /** The same program written synchronously: only {@code forward}. */
  static final class TwoStepSync extends Module<String, String> {
    final QaChainOfThought answer = new QaChainOfThought();
    final SimplifyChainOfThought simplify = new SimplifyChainOfThought();
    final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public String forward(String question) {
      threads.add(Thread.currentThread());
      return simplify.forward(answer.forward(question).answer()).simplified_answer();
    }
  }

  /** Answers the Qa ChainOfThought, then simplifies whatever answer it is given. */
  static String script(JsonNode body) {
    String system = Wire.system(body);
    String user = Wire.user(body);
    if (system.contains("`simplified_answer`")) {
      return Wire.reply(
          "reasoning", "Keep only the gist.", "simplified_answer", "Food. (" + Wire.field(user, "answer") + ")");
    }
    String question = Wire.field(user, "question");
    return Wire.reply(
        "reasoning", "Chickens go where the food is.", "answer", question.equals(QUESTION) ? ANSWER : "?" + question);
  }

  static final String SIMPLIFIED = "Food. (" + ANSWER + ")";

  @AfterEach
  void reset() {
    Wire.resetGlobalSettings();
  }

  /** The exact ChainOfThought requests DSPy sends: reasoning first among the outputs. */
  static void assertTwoCotRequests(List<JsonNode> requests) {
    assertThat(requests).hasSize(2);
    Wire.assertMessages(requests.get(0), DspyPrompts.QA_COT_SYSTEM, DspyPrompts.QA_COT_USER);
    Wire.assertMessages(requests.get(1), DspyPrompts.SIMPLIFY_COT_SYSTEM, DspyPrompts.SIMPLIFY_COT_USER);
  }

  @Test
  void callRunsTheAsyncModuleSynchronouslyThroughTheDefaultForward() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(TwoStepModuleTest::script);
        OpenAiLM lm = Wire.lm(server);
        var scope = Jspy.context(s -> s.lm(lm))) {
      String result = new TwoStep().call(QUESTION);

      assertThat(result).isEqualTo(SIMPLIFIED);
      assertTwoCotRequests(server.requests());
    }
  }

  @Test
  void acallRunsTheAsyncModule() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(TwoStepModuleTest::script);
        OpenAiLM lm = Wire.lm(server)) {
      CompletableFuture<String> result;
      try (var scope = Jspy.context(s -> s.lm(lm))) {
        result = new TwoStep().acall(QUESTION);
      }
      // The LM was captured when acall started: the second step runs after the scope closed.
      assertThat(result.get(30, SECONDS)).isEqualTo(SIMPLIFIED);
      assertTwoCotRequests(server.requests());
    }
  }

  @Test
  void chainOfThoughtGivesReasoningFirstInItsTypedOutput() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(TwoStepModuleTest::script);
        OpenAiLM lm = Wire.lm(server)) {
      QaChainOfThought cot = new QaChainOfThought();
      cot.lm(lm);

      QaChainOfThoughtOutput sync = cot.forward(QUESTION);
      QaChainOfThoughtOutput async = cot.aforward(QUESTION).get(30, SECONDS);

      assertThat(sync).isEqualTo(new QaChainOfThoughtOutput("Chickens go where the food is.", ANSWER));
      assertThat(async).isEqualTo(sync);
      assertThat(cot.signature().outputs().stream().map(f -> f.name()).toList())
          .containsExactly("reasoning", "answer")
          .inOrder();
      for (JsonNode request : server.requests()) {
        Wire.assertMessages(request, DspyPrompts.QA_COT_SYSTEM, DspyPrompts.QA_COT_USER);
      }
    }
  }

  @Test
  void forwardOnlyModuleRunsOnTheCallersThreadWithCall() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(TwoStepModuleTest::script);
        OpenAiLM lm = Wire.lm(server);
        var scope = Jspy.context(s -> s.lm(lm))) {
      TwoStepSync module = new TwoStepSync();

      assertThat(module.call(QUESTION)).isEqualTo(SIMPLIFIED);
      assertThat(module.threads).containsExactly(Thread.currentThread());
      assertTwoCotRequests(server.requests());
    }
  }

  @Test
  void forwardOnlyModuleRunsOffTheCallersThreadWithAcall() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (OpenAiServer server =
            OpenAiServer.replying(
                body -> {
                  try {
                    // Holds the first reply until the test has its future back: an acall that ran
                    // forward on the caller's thread would only return once this gate times out.
                    gate.await(10, SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return script(body);
                });
        OpenAiLM lm = Wire.lm(server)) {
      TwoStepSync module = new TwoStepSync();
      CompletableFuture<String> result;
      try (var scope = Jspy.context(s -> s.lm(lm))) {
        result = module.acall(QUESTION);
      }
      assertThat(result.isDone()).isFalse();
      gate.countDown();

      assertThat(result.get(30, SECONDS)).isEqualTo(SIMPLIFIED);
      assertThat(module.threads).hasSize(1);
      assertThat(module.threads.get(0)).isNotSameInstanceAs(Thread.currentThread());
      assertTwoCotRequests(server.requests());
    }
  }

  @Test
  void namedPredictorsListsTheInnerPredictorsByField() {
    TwoStep module = new TwoStep();

    List<Map.Entry<String, Predict<?, ?>>> named = module.namedPredictors();

    assertThat(named.stream().map(Map.Entry::getKey).toList())
        .containsExactly("answer.predict", "simplify.predict")
        .inOrder();
    assertThat(named.get(0).getValue()).isSameInstanceAs(module.answer.predict());
    assertThat(named.get(1).getValue()).isSameInstanceAs(module.simplify.predict());
    assertThat(new TwoStepSync().namedPredictors().stream().map(Map.Entry::getKey).toList())
        .containsExactly("answer.predict", "simplify.predict")
        .inOrder();
  }
}
