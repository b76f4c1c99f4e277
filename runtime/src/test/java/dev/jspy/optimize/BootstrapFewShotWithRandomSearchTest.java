package dev.jspy.optimize;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Jspy;
import dev.jspy.testing.ScriptedLM;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The random search's candidates, seeds, shuffles and the best kept, as DSPy's random_search.py. */
@Timeout(60)
@SuppressWarnings("try")
class BootstrapFewShotWithRandomSearchTest {
  @Test
  void candidatesBySeedEvaluatedAndTheFirstBestKept() {
    // Right whenever the prompt shows demos, else only for even-numbered questions.
    try (ScriptedLM lm =
            new ScriptedLM(
                r -> {
                  String q = ScriptedLM.field(r, "question");
                  boolean right = r.messages().size() > 2 || Integer.parseInt(q.substring(1)) % 2 == 0;
                  return "[[ ## answer ## ]]\n" + (right ? "a" + q.substring(1) : "wrong") + "\n\n[[ ## completed ## ]]\n";
                });
        Jspy.Scope s = Jspy.context(c -> c.lm(lm))) {
      Qa.QaPredict student = new Qa.QaPredict();
      BootstrapFewShotWithRandomSearch.Result<Qa.QaPredict> result =
          BootstrapFewShotWithRandomSearch.builder(BootstrapFewShotTest.EXACT)
              .maxBootstrappedDemos(2).maxLabeledDemos(2).numCandidatePrograms(2).numThreads(2)
              .displayProgress(false).build()
              .search(student, e -> e.toInput(Qa.SIG), LabeledFewShotTest.train(5), null);

      List<Integer> seeds = new ArrayList<>();
      List<Double> scores = new ArrayList<>();
      Map<Integer, List<Map<String, Object>>> demos = new java.util.HashMap<>();
      for (var c : result.candidates()) {
        seeds.add(c.seed());
        scores.add(c.score());
        demos.put(c.seed(), c.program().demos());
      }
      // Highest first, ties in seed order; zero-shot (3 of 5 right) last.
      assertThat(seeds).containsExactly(-2, -1, 0, 1, -3).inOrder();
      assertThat(scores).containsExactly(100.0, 100.0, 100.0, 100.0, 60.0).inOrder();
      assertThat(result.best()).isSameInstanceAs(result.candidates().get(0).program());
      assertThat(result.candidates().get(4).subscores()).containsExactly(1.0, 0.0, 1.0, 0.0, 1.0).inOrder();
      assertThat(demos.get(-3)).isEmpty();
      assertThat(demos.get(-1))
          .containsExactly(BootstrapFewShotTest.augmented("q0", "a0"), BootstrapFewShotTest.augmented("q1", "a1"))
          .inOrder();
      // CPython: Random(0).shuffle(range(5)) -> [2, 1, 0, 4, 3], Random(0).randint(1, 2) -> 2
      assertThat(demos.get(0))
          .containsExactly(BootstrapFewShotTest.augmented("q2", "a2"), BootstrapFewShotTest.augmented("q1", "a1"))
          .inOrder();
      // Random(1): [2, 3, 4, 0, 1] and randint 1; unbootstrapped [q3, q4, q0, q1] shuffled by Random(0) is
      // [q0, q3, q4, q1], and Random(0).sample(that, 1) is [q1].
      assertThat(demos.get(1))
          .containsExactly(BootstrapFewShotTest.augmented("q2", "a2"), Map.of("question", "q1", "answer", "a1"))
          .inOrder();
      assertThat(student.demos()).isEmpty();
    }
  }
}
