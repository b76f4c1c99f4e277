package dev.jspy.evaluate;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Example;
import org.junit.jupiter.api.Test;

class SemanticF1Test {
  @Test
  void f1ClampsPrecisionAndRecallToTheUnitIntervalAsDspyDoes() {
    assertThat(SemanticF1.f1Score(1.5, 0.5)).isWithin(1e-15).of(2 * 0.5 / 1.5);
    assertThat(SemanticF1.f1Score(-0.2, 0.9)).isEqualTo(0.0);
    assertThat(SemanticF1.f1Score(0.0, 0.0)).isEqualTo(0.0);
    assertThat(SemanticF1.f1Score(0.5, 0.5)).isEqualTo(0.5);
  }

  @Test
  void judgesThroughAChainOfThoughtNamedModulePredictAsInDspy() {
    SemanticF1 plain = new SemanticF1();
    assertThat(plain.namedPredictors().get(0).getKey()).isEqualTo("module.predict");
    assertThat(plain.module().signature().outputs().stream().map(f -> f.name()).toList())
        .containsExactly("reasoning", "recall", "precision").inOrder();
    assertThat(new SemanticF1(0.5, true).module().signature().outputs().stream().map(f -> f.name()).toList())
        .containsExactly("reasoning", "ground_truth_key_ideas", "system_response_key_ideas", "discussion", "recall",
            "precision").inOrder();
  }

  @Test
  void anExampleWithoutTheGroundTruthIsAFailureNamingTheKey() {
    Metric<String> metric = new SemanticF1().metric(r -> r);
    java.util.concurrent.ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class, () -> metric.ascore(Example.of("question", "q"), "x", null).get());
    assertThat(e).hasCauseThat().isInstanceOf(IllegalArgumentException.class);
    assertThat(e).hasCauseThat().hasMessageThat().contains("'response'");
  }
}
