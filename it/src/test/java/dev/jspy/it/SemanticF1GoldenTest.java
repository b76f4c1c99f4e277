package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Example;
import dev.jspy.Jspy;
import dev.jspy.adapters.Adapter;
import dev.jspy.adapters.ChatAdapter;
import dev.jspy.adapters.JSONAdapter;
import dev.jspy.evaluate.Evaluate;
import dev.jspy.evaluate.EvaluationResult;
import dev.jspy.evaluate.Metric;
import dev.jspy.evaluate.SemanticF1;
import dev.jspy.Trace;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * jspy's {@link SemanticF1} against DSPy 3.3.1's own: {@code semantic_f1.json} holds the messages DSPy's
 * {@code SemanticF1} sent and the scores it returned (made by {@code it/dspyref/semantic_f1.py}); jspy must
 * send the same messages and return the same scores, plain and decompositional, through both adapters,
 * with and without a trace.
 */
@Timeout(60)
@SuppressWarnings("try")
class SemanticF1GoldenTest {
  private static final Trace OPTIMIZING = new Trace();

  @TestFactory
  Stream<DynamicTest> sendsDspysMessagesAndReturnsDspysScores() throws Exception {
    JsonNode cases;
    try (InputStream in = SemanticF1GoldenTest.class.getResourceAsStream("/dspyref/semantic_f1.json")) {
      cases = OpenAiServer.JSON.readTree(in);
    }
    assertThat(cases.size()).isEqualTo(8);
    return cases.valueStream().map(c -> DynamicTest.dynamicTest(c.path("id").stringValue(), () -> check(c)));
  }

  private static void check(JsonNode c) throws Exception {
    String reply = c.path("lm_reply").stringValue();
    try (OpenAiServer server = OpenAiServer.replying(body -> reply);
        OpenAiLM lm = Wire.lm(server);
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).adapter(adapter(c.path("adapter").stringValue())))) {
      SemanticF1 judge = new SemanticF1(SemanticF1.DEFAULT_THRESHOLD, c.path("decompositional").booleanValue());
      assertThat(judge.namedPredictors().stream().map(Map.Entry::getKey).toList())
          .containsExactly(c.path("named_predictors").get(0).stringValue());
      Metric<String> metric = judge.metric(response -> response);
      JsonNode ex = c.path("example");
      Example example =
          Example.of("question", ex.path("question").stringValue(), "response", ex.path("response").stringValue());
      double score =
          metric.score(example, c.path("pred_response").stringValue(), c.path("trace").isNull() ? null : OPTIMIZING);
      JsonNode expected = c.path("score");
      assertThat(score).isEqualTo(expected.isBoolean() ? (expected.booleanValue() ? 1.0 : 0.0) : expected.doubleValue());
      assertThat(server.requests()).hasSize(1);
      GoldenRunner.compareMessages(c.path("id").stringValue(), c.path("messages"), server.requests().get(0));
    }
  }

  private static Adapter adapter(String name) {
    return name.equals("JSONAdapter") ? JSONAdapter.INSTANCE : ChatAdapter.INSTANCE;
  }

  /** The judge's call holds no thread: ascore returns before the judge's LM has answered. */
  @Test
  void scoresWithoutWaitingForTheJudge() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    String reply = "[[ ## reasoning ## ]]\nr\n\n[[ ## recall ## ]]\n1.0\n\n[[ ## precision ## ]]\n0.5\n\n[[ ## completed ## ]]";
    try (OpenAiServer server =
            OpenAiServer.answering(body -> {
              try {
                release.await(30, TimeUnit.SECONDS); // hang guard only
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return OpenAiServer.completion(reply, "stop");
            });
        OpenAiLM lm = Wire.lm(server);
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      Metric<String> metric = new SemanticF1().metric(r -> r);
      CompletableFuture<Double> score = metric.ascore(Example.of("question", "q", "response", "a"), "b", null);
      assertThat(score.isDone()).isFalse();
      release.countDown();
      assertThat(score.get(30, TimeUnit.SECONDS)).isWithin(1e-12).of(2 * 0.5 / 1.5);
    }
  }

  /** As an Evaluate metric over a program's outputs; DSPy names a module metric by its class. */
  @Test
  void isAnEvaluateMetric() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.replying(body -> {
              String user = Wire.user(body);
              // A program answer equal to the ground truth is judged perfect; others half right.
              String value = user.contains("[[ ## system_response ## ]]\nParis") ? "1.0" : "0.5";
              if (user.contains("[[ ## ground_truth ## ]]")) {
                return "[[ ## reasoning ## ]]\nr\n\n[[ ## recall ## ]]\n" + value + "\n\n[[ ## precision ## ]]\n" + value
                    + "\n\n[[ ## completed ## ]]";
              }
              return "[[ ## answer ## ]]\n" + (user.contains("France") ? "Paris" : "Lyon") + "\n\n[[ ## completed ## ]]";
            });
        OpenAiLM lm = Wire.lm(server);
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      List<Example> devset = List.of(
          Example.of("question", "capital of France?", "response", "Paris").withInputs("question"));
      EvaluationResult<QaOutput> result = Evaluate.builder(devset).numThreads(4).build()
          .run(new QaPredict(), new SemanticF1().metric(QaOutput::answer));
      assertThat(result.score()).isEqualTo(100.0);
      assertThat(new SemanticF1().metric(QaOutput::answer).name()).isEqualTo("SemanticF1");
    }
  }
}
