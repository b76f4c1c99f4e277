package dev.jspy.evaluate;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Example;
import dev.jspy.lm.LM;
import dev.jspy.Predict;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.testing.OpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Evaluate against a scripted OpenAI-compatible server on loopback. */
class EvaluateTest {
  record In(String question) {}

  record Out(String answer) {}

  static final SignatureSpec<In, Out> QA = SignatureSpec.<In, Out>builder("Qa")
      .instructions("Given the fields `question`, produce the fields `answer`.")
      .input("question", "", FieldType.STRING)
      .output("answer", "", FieldType.STRING)
      .inputValues(i -> new Object[] {i.question()})
      .inputs(v -> new In(v.get(0)))
      .outputs(v -> new Out(v.get(0)))
      .outputValues(o -> new Object[] {o.answer()})
      .build();

  static final Pattern QUESTION = Pattern.compile("\\[\\[ ## question ## \\]\\]\\nq(\\d+)");

  /** The example number a request asks about. */
  static int asked(JsonNode body) {
    JsonNode messages = body.get("messages");
    Matcher m = QUESTION.matcher(messages.get(messages.size() - 1).get("content").asString());
    if (!m.find()) {
      throw new AssertionError("no question in " + body);
    }
    return Integer.parseInt(m.group(1));
  }

  /** The server answers example i correctly when i % 10 < 7. */
  static String reply(int i) {
    return "[[ ## answer ## ]]\n" + (i % 10 < 7 ? "a" + i : "wrong") + "\n\n[[ ## completed ## ]]";
  }

  static List<Example> devset(int n) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Example.of("question", "q" + i, "answer", "a" + i).withInputs("question"));
    }
    return out;
  }

  static OpenAiLM lm(OpenAiServer server) {
    return LM.builder("openai/test").cache(false).apiBase(server.baseUrl()).apiKey("sk-test").numRetries(0)
        .maxConcurrency(64).build();
  }

  static final Metric<Out> EXACT = Metrics.answerExactMatch(Out::answer);

  @Test
  void twoHundredExamplesScoredAsDspyWithTheWindowObservedAtTheServer() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch firstWindow = new CountDownLatch(4);
    try (OpenAiServer server = OpenAiServer.answering(body -> {
          peak.accumulateAndGet(now.incrementAndGet(), Math::max);
          try {
            // The first requests wait (hang guard only) until the whole window of 4 has arrived.
            firstWindow.countDown();
            firstWindow.await(30, TimeUnit.SECONDS);
            return OpenAiServer.completion(reply(asked(body)), "stop");
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          } finally {
            now.decrementAndGet();
          }
        });
        OpenAiLM lm = lm(server)) {
      Evaluate evaluate = Evaluate.builder(devset(200)).numThreads(4).build();
      EvaluationResult<Out> result = evaluate.run(new Predict<>(QA).lm(lm), EXACT);

      assertThat(result.score()).isEqualTo(70.0);
      assertThat(result.results()).hasSize(200);
      for (int i = 0; i < 200; i++) {
        EvaluationResult.Item<Out> item = result.results().get(i);
        assertThat(item.example().get("question")).isEqualTo("q" + i);
        assertThat(item.prediction()).isEqualTo(new Out(i % 10 < 7 ? "a" + i : "wrong"));
        assertThat(item.score()).isEqualTo(i % 10 < 7 ? 1.0 : 0.0);
      }
      assertThat(server.requests()).hasSize(200);
      assertThat(peak.get()).isEqualTo(4);
    }
  }

  @Test
  void aThrowingMetricOrProgramIsAFailureWithTheFailureScoreAndTheRunGoesOn() throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(body -> {
          int i = asked(body);
          return i == 7 ? new MockResponse.Builder().code(500).body("boom").build()
              : OpenAiServer.completion(reply(i), "stop");
        });
        OpenAiLM lm = lm(server)) {
      Metric<Out> throwsOnMultiplesOfTwenty = Metric.named("exact", (ex, pred, trace) -> {
        if (((String) ex.get("question")).matches("q\\d*[02468]0|q0")) {
          throw new IllegalStateException("metric failed on " + ex.get("question"));
        }
        return EXACT.score(ex, pred, trace);
      });
      Evaluate evaluate = Evaluate.builder(devset(200)).numThreads(8).maxErrors(100).failureScore(0.25).build();
      EvaluationResult<Out> result = evaluate.run(new Predict<>(QA).lm(lm), throwsOnMultiplesOfTwenty);

      double sum = 0;
      int failed = 0;
      for (int i = 0; i < 200; i++) {
        boolean fails = i % 20 == 0 || i == 7;
        EvaluationResult.Item<Out> item = result.results().get(i);
        assertThat(item.failure().isPresent()).isEqualTo(fails);
        if (fails) {
          failed++;
          assertThat(item.prediction()).isNull();
          assertThat(item.score()).isEqualTo(0.25);
        }
        sum += fails ? 0.25 : i % 10 < 7 ? 1 : 0;
      }
      assertThat(failed).isEqualTo(11);
      assertThat(result.results().get(20).error()).hasMessageThat().contains("metric failed on q20");
      assertThat(result.results().get(7).error().getClass().getSimpleName()).contains("LM");
      assertThat(result.score()).isEqualTo(Progress.pyRound(100 * sum / 200, 2));
    }
  }

  @Test
  void stopsAtMaxErrorsAsDspy() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> reply(asked(body)));
        OpenAiLM lm = lm(server)) {
      Metric<Out> failsOnMultiplesOfFive = (ex, pred, trace) -> {
        if (Integer.parseInt(((String) ex.get("question")).substring(1)) % 5 == 0) {
          throw new IllegalStateException("bad " + ex.get("question"));
        }
        return 1;
      };
      Evaluate evaluate = Evaluate.builder(devset(200)).numThreads(4).maxErrors(3).build();
      EvaluationCancelledException e = assertThrows(EvaluationCancelledException.class,
          () -> evaluate.run(new Predict<>(QA).lm(lm), failsOnMultiplesOfFive));
      assertThat(e).hasMessageThat().startsWith("Execution cancelled due to errors or interruption");
      assertThat(e.errors()).hasSize(3);
      assertThat(e).hasMessageThat().contains("maxErrors 3");
      // No new example starts once the third failure is recorded: the examples that ever reached the server
      // are those that had ended by then plus at most the 3 others of the 4-wide window still running. (With
      // in-order completion that is q0..q10 and 3 more; under load a slow example lets later ones end first,
      // so the count of ended examples comes from the message rather than from the order.)
      java.util.regex.Matcher ended = java.util.regex.Pattern.compile("after (\\d+) of 200 examples ended")
          .matcher(e.getMessage());
      assertThat(ended.find()).isTrue();
      int endedBeforeStop = Integer.parseInt(ended.group(1));
      assertThat(endedBeforeStop).isAtLeast(3);
      assertThat(server.requests().size()).isAtMost(endedBeforeStop + 3);
    }
  }

  @Test
  void progressOnATerminalIsOneLineRewrittenAndElsewhereLogLines() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> reply(asked(body)));
        OpenAiLM lm = lm(server)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      Evaluate.builder(devset(10)).numThreads(1).displayProgress(true).output(out).terminal(true).build()
          .run(new Predict<>(QA).lm(lm), EXACT);
      String shown = bytes.toString(StandardCharsets.UTF_8);
      assertThat(shown).startsWith("\rAverage Metric: 1.00 / 1 (100.0%): ");
      assertThat(shown).contains("\rAverage Metric: 7.00 / 8 (87.5%):  80%|");
      assertThat(shown).contains("\rAverage Metric: 7.00 / 10 (70.0%): 100%|" + "\u2588".repeat(20) + "| 10/10 [");
      assertThat(shown).endsWith("\n");
      assertThat(shown.chars().filter(c -> c == '\n').count()).isEqualTo(1);

      bytes.reset();
      Evaluate.builder(devset(10)).numThreads(1).displayProgress(true).output(out).terminal(false).build()
          .run(new Predict<>(QA).lm(lm), EXACT);
      assertThat(bytes.size()).isEqualTo(0); // not a terminal: log lines, nothing on the stream
    }
  }
}
