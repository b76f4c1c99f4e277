package dev.jspy.optimize;

import dev.jspy.Example;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.internal.py.PyRandom;
import java.util.List;
import java.util.Map;

/**
 * Gives every predictor {@code k} examples of the trainset as demos, as DSPy's {@code LabeledFewShot}: a
 * sample drawn with {@code random.Random(0)} (one draw per predictor, in {@link Module#namedPredictors()}
 * order), or the first {@code k}.
 *
 * <pre>{@code
 * QaPredict compiled = new LabeledFewShot(4).compile(new QaPredict(), trainset);
 * }</pre>
 */
public final class LabeledFewShot {
  private final int k;

  /** At most 16 demos per predictor, DSPy's default. */
  public LabeledFewShot() {
    this(16);
  }

  /**
   * @param k the most demos per predictor
   */
  public LabeledFewShot(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative, got " + k);
    }
    this.k = k;
  }

  /**
   * Samples the demos.
   *
   * @param student the program; not changed
   * @param trainset the labeled examples
   * @param <M> the program's class
   * @return a reset copy of the student ({@link Module#resetCopy()}) with the demos
   */
  public <M extends Module<?, ?>> M compile(M student, List<Example> trainset) {
    return compile(student, trainset, true);
  }

  /**
   * @param student the program; not changed
   * @param trainset the labeled examples
   * @param sample {@code true} to sample the demos with {@code random.Random(0)}, {@code false} for the
   *     first {@code k}
   * @param <M> the program's class
   * @return a reset copy of the student with the demos
   */
  public <M extends Module<?, ?>> M compile(M student, List<Example> trainset, boolean sample) {
    M copy = Programs.resetCopy(student);
    if (trainset.isEmpty()) {
      return copy;
    }
    PyRandom rng = new PyRandom(0);
    int n = Math.min(k, trainset.size());
    for (Map.Entry<String, Predict<?, ?>> e : copy.namedPredictors()) {
      List<Example> chosen = sample ? rng.sample(trainset, n) : trainset.subList(0, n);
      Programs.setDemos(e.getValue(), Programs.asDemos(chosen));
    }
    return copy;
  }
}
