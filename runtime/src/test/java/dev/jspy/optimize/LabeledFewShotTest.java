package dev.jspy.optimize;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LabeledFewShot samples as DSPy: one random.Random(0) for all predictors, in order. */
class LabeledFewShotTest {
  static List<Example> train(int n) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Example.of("question", "q" + i, "answer", "a" + i).withInputs("question"));
    }
    return out;
  }

  @Test
  void samplesWithCPythonsRandomZeroAcrossPredictors() {
    Qa.TwoStep student = new Qa.TwoStep();
    Qa.TwoStep compiled = new LabeledFewShot(3).compile(student, train(10));
    // CPython: r = random.Random(0); r.sample(range(10), 3) -> [6, 9, 0]; again -> [4, 8, 7]
    assertThat(compiled.first.demos())
        .containsExactly(
            Map.of("question", "q6", "answer", "a6"),
            Map.of("question", "q9", "answer", "a9"),
            Map.of("question", "q0", "answer", "a0"))
        .inOrder();
    assertThat(compiled.second.demos().get(0)).isEqualTo(Map.of("question", "q4", "answer", "a4"));
    assertThat(compiled.second.demos()).hasSize(3);
    assertThat(student.first.demos()).isEmpty();
  }

  @Test
  void withoutSamplingTakesTheFirstK() {
    Qa.QaPredict compiled = new LabeledFewShot(2).compile(new Qa.QaPredict(), train(5), false);
    assertThat(compiled.demos())
        .containsExactly(Map.of("question", "q0", "answer", "a0"), Map.of("question", "q1", "answer", "a1"))
        .inOrder();
  }
}
