package dev.jspy.optimize;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.core.ConfigurationException;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.testing.ScriptedLM;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Module.deepcopy / resetCopy: a new program with the same state; the original untouched. */
class ModuleCopyTest {
  @Test
  void deepcopyCopiesEveryPredictorsStateIntoANewInstance() {
    try (ScriptedLM lm = ScriptedLM.answering(q -> "a")) {
      Qa.TwoStep p = new Qa.TwoStep();
      p.first.addDemo(Map.of("question", "q1", "answer", "a1")).lm(lm).instructions("Be brief.");
      Qa.TwoStep copy = p.deepcopy();

      assertThat(copy).isNotSameInstanceAs(p);
      assertThat(copy.first).isNotSameInstanceAs(p.first);
      assertThat(copy.first.demos()).isEqualTo(p.first.demos());
      assertThat(copy.first.lm()).isSameInstanceAs(lm);
      assertThat(copy.first.signature().instructions()).isEqualTo("Be brief.");
      copy.first.addDemo(Map.of("question", "q2", "answer", "a2"));
      assertThat(p.first.demos()).hasSize(1);
    }
  }

  @Test
  void resetCopyDropsDemosAndOwnLmAsDspy() {
    try (ScriptedLM lm = ScriptedLM.answering(q -> "a")) {
      Predict<Qa.In, Qa.Out> p = new Predict<>(Qa.SIG);
      p.addDemo(Map.of("question", "q1", "answer", "a1")).lm(lm);
      Predict<Qa.In, Qa.Out> copy = p.resetCopy();
      assertThat(copy.getClass()).isEqualTo(Predict.class);
      assertThat(copy.demos()).isEmpty();
      assertThat(copy.lm()).isNull();
      assertThat(p.demos()).hasSize(1);
      assertThat(p.lm()).isSameInstanceAs(lm);
    }
  }

  static final class NeedsArgs extends Module<Qa.In, Qa.Out> {
    final Predict<Qa.In, Qa.Out> step;

    NeedsArgs(Predict<Qa.In, Qa.Out> step) {
      this.step = step;
    }

    @Override
    public CompletableFuture<Qa.Out> aforward(Qa.In input) {
      return step.aforward(input);
    }
  }

  @Test
  void aModuleWithoutANoArgumentConstructorSaysToOverrideNewInstance() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> new NeedsArgs(new Predict<>(Qa.SIG)).deepcopy());
    assertThat(e).hasMessageThat().contains("override newInstance()");
  }
}
