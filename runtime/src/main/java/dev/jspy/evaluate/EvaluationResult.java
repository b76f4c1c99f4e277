package dev.jspy.evaluate;

import dev.jspy.Example;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Evaluate} returns, as DSPy's {@code EvaluationResult}: the score as a percentage rounded to
 * two decimals, and per example the prediction and its score.
 *
 * @param score {@code round(100 * sum(scores) / len(devset), 2)}, failures counted with the failure score
 * @param results one per dev set example, in dev set order
 * @param <O> the program's output
 */
public record EvaluationResult<O>(double score, List<Item<O>> results) {
  /** Copies the results. */
  public EvaluationResult {
    results = List.copyOf(results);
  }

  /**
   * One example's outcome.
   *
   * @param example the example
   * @param prediction the program's output, {@code null} if the program or the metric failed (DSPy puts an
   *     empty {@code Prediction} there)
   * @param score the metric's score, or the failure score
   * @param error why it failed, {@code null} if it did not
   * @param <O> the program's output
   */
  public record Item<O>(Example example, O prediction, double score, Throwable error) {
    /** @return why it failed, if it did */
    public Optional<Throwable> failure() {
      return Optional.ofNullable(error);
    }
  }

  /** @return {@code EvaluationResult(score=70.0, results=<list of 10 results>)}, as DSPy prints it */
  @Override
  public String toString() {
    return "EvaluationResult(score=" + dev.jspy.internal.py.PyFloat.repr(score) + ", results=<list of "
        + results.size() + " results>)";
  }
}
