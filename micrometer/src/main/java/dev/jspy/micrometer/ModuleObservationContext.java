package dev.jspy.micrometer;

import dev.jspy.Module;
import io.micrometer.observation.Observation;
import java.util.Objects;

/**
 * What an observation of one module call ({@code call} or {@code acall}, generated predictors included)
 * knows: the module, its input and, once it ended, its output. Its error is the context's
 * {@link #getError()}.
 */
public final class ModuleObservationContext extends Observation.Context {
  private final Module<?, ?> module;
  private final Object input;
  private volatile Object output;

  /**
   * @param module the module called
   * @param input its input
   */
  public ModuleObservationContext(Module<?, ?> module, Object input) {
    this.module = Objects.requireNonNull(module, "module");
    this.input = input;
  }

  /** @return the module called */
  public Module<?, ?> getModule() {
    return module;
  }

  /** @return its input */
  public Object getInput() {
    return input;
  }

  /** @return its output, or {@code null} while it runs or if it failed */
  public Object getOutput() {
    return output;
  }

  void setOutput(Object output) {
    this.output = output;
  }
}
