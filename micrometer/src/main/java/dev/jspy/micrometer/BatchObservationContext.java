package dev.jspy.micrometer;

import dev.jspy.Module;
import io.micrometer.observation.Observation;
import java.util.List;
import java.util.Objects;

/**
 * What an observation of one batch ({@code Module.batch} or {@code abatch}) knows: the module, the inputs
 * and, once every input ended, the outputs. Its error is the context's {@link #getError()}. Every input's
 * module observation is its child.
 */
public final class BatchObservationContext extends Observation.Context {
  private final Module<?, ?> module;
  private final List<?> inputs;
  private volatile List<?> outputs;

  /**
   * @param module the module run over the inputs
   * @param inputs the inputs
   */
  public BatchObservationContext(Module<?, ?> module, List<?> inputs) {
    this.module = Objects.requireNonNull(module, "module");
    this.inputs = Objects.requireNonNull(inputs, "inputs");
  }

  /** @return the module run over the inputs */
  public Module<?, ?> getModule() {
    return module;
  }

  /** @return the inputs, in order */
  public List<?> getInputs() {
    return inputs;
  }

  /** @return the outputs in input order, or {@code null} while it runs or if it failed */
  public List<?> getOutputs() {
    return outputs;
  }

  void setOutputs(List<?> outputs) {
    this.outputs = outputs;
  }
}
