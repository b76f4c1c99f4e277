package dev.jspy.micrometer;

import dev.jspy.Example;
import dev.jspy.Module;
import dev.jspy.evaluate.EvaluationResult;
import io.micrometer.observation.Observation;
import java.util.List;
import java.util.Objects;

/**
 * What an observation of one evaluation ({@code Evaluate.run} or {@code arun}) knows: the program, the
 * examples and, once scored, the result. Its error is the context's {@link #getError()} (an
 * {@code EvaluationCancelledException} after too many failures). Every example's module, LM and tool
 * observations are its children.
 */
public final class EvaluationObservationContext extends Observation.Context {
  private final Module<?, ?> program;
  private final List<Example> devset;
  private volatile EvaluationResult<?> result;

  /**
   * @param program the program evaluated
   * @param devset the examples it runs over
   */
  public EvaluationObservationContext(Module<?, ?> program, List<Example> devset) {
    this.program = Objects.requireNonNull(program, "program");
    this.devset = Objects.requireNonNull(devset, "devset");
  }

  /** @return the program evaluated */
  public Module<?, ?> getProgram() {
    return program;
  }

  /** @return the examples it runs over */
  public List<Example> getDevset() {
    return devset;
  }

  /** @return the result, or {@code null} while it runs or if it failed */
  public EvaluationResult<?> getResult() {
    return result;
  }

  void setResult(EvaluationResult<?> result) {
    this.result = result;
  }
}
