package dev.jspy.optimize;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Example;
import dev.jspy.Jspy;
import dev.jspy.evaluate.Metric;
import dev.jspy.Trace;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.Message;
import dev.jspy.testing.ScriptedLM;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** BootstrapFewShot, step for step as DSPy 3.3.1's bootstrap.py. */
@Timeout(60)
@SuppressWarnings("try")
class BootstrapFewShotTest {
  static final Metric<Qa.Out> EXACT = (ex, pred, trace) -> ex.get("answer").equals(pred.answer()) ? 1 : 0;

  static Map<String, Object> augmented(String q, String a) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("augmented", true);
    m.put("question", q);
    m.put("answer", a);
    return m;
  }

  /** Right for even-numbered questions only. */
  static ScriptedLM evenRight() {
    return ScriptedLM.answering(q -> Integer.parseInt(q.substring(1)) % 2 == 0 ? "a" + q.substring(1) : "wrong");
  }

  @Test
  void acceptedRunsBecomeAugmentedDemosFollowedByShuffledSampledLabels() {
    List<Trace> traces = Collections.synchronizedList(new ArrayList<>());
    Metric<Qa.Out> metric =
        (ex, pred, trace) -> {
          traces.add(trace);
          return EXACT.score(ex, pred, trace);
        };
    try (ScriptedLM lm = evenRight(); Jspy.Scope s = Jspy.context(c -> c.lm(lm))) {
      Qa.QaPredict student = new Qa.QaPredict();
      Qa.QaPredict compiled =
          BootstrapFewShot.builder(metric).maxBootstrappedDemos(2).maxLabeledDemos(3).build()
              .compile(student, LabeledFewShotTest.train(5));

      // q0 and q2 accepted (two bootstraps: stop); unbootstrapped [q1, q3, q4] shuffled by Random(0) is
      // [q1, q4, q3], and Random(0).sample(that, 1) is [q4] (CPython).
      assertThat(compiled.demos())
          .containsExactly(
              augmented("q0", "a0"), augmented("q2", "a2"), Map.of("question", "q4", "answer", "a4"))
          .inOrder();
      assertThat(student.demos()).isEmpty();
      assertThat(compiled).isNotSameInstanceAs(student);
      // The metric got each run's own trace: one call, the teacher's predictor.
      assertThat(traces).hasSize(3);
      for (Trace t : traces) {
        assertThat(t.steps()).hasSize(1);
      }
      assertThat(traces.get(1).steps().get(0).inputs()).isEqualTo(Map.of("question", "q1"));
    }
  }

  @Test
  void theTeacherNeverSeesTheExampleItIsRunOnAmongItsDemos() {
    try (ScriptedLM lm = evenRight(); Jspy.Scope s = Jspy.context(c -> c.lm(lm))) {
      BootstrapFewShot.builder(EXACT).maxBootstrappedDemos(5).maxLabeledDemos(5).build()
          .compile(new Qa.QaPredict(), LabeledFewShotTest.train(5));
      assertThat(lm.requests()).hasSize(5);
      for (LMRequest r : lm.requests()) {
        String question = ScriptedLM.field(r, "question");
        List<Message> m = r.messages();
        int demosShown = 0;
        for (Message msg : m.subList(1, m.size() - 1)) {
          if (msg.role().equals("user")) {
            demosShown++;
            assertThat(msg.content()).isNotEqualTo("[[ ## question ## ]]\n" + question);
          }
        }
        assertThat(demosShown).isEqualTo(4);
      }
    }
  }

  @Test
  void laterRoundsSendRolloutIdAndTemperatureOne() {
    // Right only on a fresh rollout.
    try (ScriptedLM lm =
            new ScriptedLM(
                (r, o) -> "[[ ## answer ## ]]\n"
                    + (Integer.valueOf(1).equals(o.rolloutId())
                        ? "a" + ScriptedLM.field(r, "question").substring(1)
                        : "wrong")
                    + "\n\n[[ ## completed ## ]]\n");
        Jspy.Scope s = Jspy.context(c -> c.lm(lm))) {
      Qa.QaPredict compiled =
          BootstrapFewShot.builder(EXACT).maxBootstrappedDemos(1).maxLabeledDemos(1).maxRounds(3).build()
              .compile(new Qa.QaPredict(), LabeledFewShotTest.train(2));
      assertThat(compiled.demos()).containsExactly(augmented("q0", "a0"));
      List<LMRequest> requests = lm.requests();
      assertThat(requests).hasSize(2);
      assertThat(lm.options().get(0).rolloutId()).isNull();
      assertThat(lm.options().get(1).rolloutId()).isEqualTo(1);
      // A typed option: never among the parameters sent.
      assertThat(requests.get(1).params()).doesNotContainKey("rollout_id");
      assertThat(requests.get(1).params()).containsEntry("temperature", 1.0);
    }
  }

  @Test
  void failingMetricsCountUntilMaxErrorsStopsTheRun() {
    Metric<Qa.Out> broken =
        (ex, pred, trace) -> {
          throw new IllegalStateException("metric broke on " + ex.get("question"));
        };
    try (ScriptedLM lm = evenRight(); Jspy.Scope s = Jspy.context(c -> c.lm(lm))) {
      OptimizationException e =
          assertThrows(
              OptimizationException.class,
              () -> BootstrapFewShot.builder(broken).maxErrors(2).build()
                  .compile(new Qa.QaPredict(), LabeledFewShotTest.train(5)));
      assertThat(e).hasMessageThat().contains("2 failures");
      assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("metric broke on q1");
      assertThat(lm.requests()).hasSize(2);
    }
  }

  @Test
  void aPredictorCalledTwicePerRunKeepsOneOfItsCallsPerExample() {
    try (ScriptedLM lm = ScriptedLM.answering(q -> "x" + q); Jspy.Scope s = Jspy.context(c -> c.lm(lm))) {
      BootstrapFewShot<Qa.Out> optimizer =
          BootstrapFewShot.<Qa.Out>builder().maxBootstrappedDemos(3).maxLabeledDemos(3).build();
      List<Example> train = LabeledFewShotTest.train(4);
      Qa.Twice compiled = optimizer.compile(new Qa.Twice(), e -> e.toInput(Qa.SIG), train);
      Qa.Twice again = optimizer.compile(new Qa.Twice(), e -> e.toInput(Qa.SIG), train);

      List<Map<String, Object>> demos = compiled.step.demos();
      assertThat(demos).hasSize(3);
      for (int i = 0; i < 3; i++) {
        String q = "q" + i;
        assertThat(demos.get(i))
            .isAnyOf(augmented(q, "x" + q), augmented(q + "!", "x" + q + "!"));
      }
      assertThat(again.step.demos()).isEqualTo(demos);
    }
  }
}
