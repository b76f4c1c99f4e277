package dev.jspy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The predictor calls of one program run, as DSPy's {@code dspy.settings.trace}: each successful predictor
 * call appends its predictor, inputs and outputs when it completes. A trace records a run when it is carried
 * in the run's settings, {@code Jspy.context(s -> s.trace(trace))} around the call that starts it; the
 * settings travel with every part of the call, on whatever threads it runs, so concurrent runs with their
 * own traces never mix. The optimizers hand the trace to the {@link dev.jspy.evaluate.Metric}; {@link dev.jspy.evaluate.Evaluate} passes
 * {@code null}, as DSPy's does.
 *
 * <pre>{@code
 * Trace trace = new Trace();
 * try (var scope = Jspy.context(s -> s.trace(trace))) {
 *   program.call(input);
 * }
 * trace.steps();   // every predictor call of that run, in the order they completed
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Trace {
  /**
   * One predictor call.
   *
   * @param predictor the predictor that was called
   * @param inputs its input values by field name, in signature order
   * @param outputs its parsed output values by field name, in signature order
   */
  public record Step(Predict<?, ?> predictor, Map<String, Object> inputs, Map<String, Object> outputs) {
    /** Copies the maps (unmodifiable, order kept; values may be {@code null}). */
    public Step {
      Objects.requireNonNull(predictor, "predictor");
      inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
      outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
  }

  private final List<Step> steps = new ArrayList<>();

  /** An empty trace. */
  public Trace() {}

  /**
   * Appends a call; predictors do this when they complete inside a run carrying this trace.
   *
   * @param step the call
   */
  public synchronized void add(Step step) {
    steps.add(Objects.requireNonNull(step, "step"));
  }

  /** @return the calls recorded so far, in the order they completed (a snapshot) */
  public synchronized List<Step> steps() {
    return List.copyOf(steps);
  }

  /** @return how many calls were recorded */
  public synchronized int size() {
    return steps.size();
  }

  @Override
  public synchronized String toString() {
    return "Trace" + steps;
  }
}
