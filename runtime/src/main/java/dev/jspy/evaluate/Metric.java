package dev.jspy.evaluate;

import dev.jspy.Trace;
import dev.jspy.Example;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Scores a program's prediction against an example, as DSPy's {@code metric(example, pred, trace=None)}:
 * usually 0 or 1 (a bool in DSPy) or a fraction.
 *
 * <p>A metric that throws counts as a failure in {@link Evaluate} (the example gets the failure score and the
 * error is reported). A metric that itself calls an LM (an LM judge) overrides {@link #ascore} so no
 * thread waits for it.
 *
 * @param <O> the program's output
 */
@FunctionalInterface
public interface Metric<O> {
  /**
   * @param example the example, labels included
   * @param prediction the program's output
   * @param trace the run's predictor calls while optimizing, {@code null} when evaluating
   * @return the score
   * @throws Exception if it cannot score (a failure, not a zero)
   */
  double score(Example example, O prediction, Trace trace) throws Exception;

  /**
   * Scores without blocking; the default runs {@link #score} on the calling thread.
   *
   * @param example the example
   * @param prediction the program's output
   * @param trace the trace, or {@code null}
   * @return the score, or a future failed with the metric's exception
   */
  default CompletableFuture<Double> ascore(Example example, O prediction, Trace trace) {
    try {
      return CompletableFuture.completedFuture(score(example, prediction, trace));
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The metric's name, the column header in results (DSPy uses the function's {@code __name__}).
   *
   * @return the name; {@code "metric"} unless given with {@link #named}
   */
  default String name() {
    return "metric";
  }

  /**
   * @param name the column name in results tables and files
   * @param metric the metric
   * @param <O> the program's output
   * @return the metric with that name
   */
  static <O> Metric<O> named(String name, Metric<O> metric) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metric, "metric");
    return new Metric<>() {
      @Override
      public double score(Example example, O prediction, Trace trace) throws Exception {
        return metric.score(example, prediction, trace);
      }

      @Override
      public CompletableFuture<Double> ascore(Example example, O prediction, Trace trace) {
        return metric.ascore(example, prediction, trace);
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
