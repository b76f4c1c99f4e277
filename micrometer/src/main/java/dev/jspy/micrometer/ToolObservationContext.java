package dev.jspy.micrometer;

import dev.jspy.Tool;
import io.micrometer.observation.Observation;
import java.util.Map;
import java.util.Objects;

/**
 * What an observation of one tool call knows: the tool, its arguments as the LM gave them and, once it
 * ended, its result. Its error is the context's {@link #getError()}.
 */
public final class ToolObservationContext extends Observation.Context {
  private final Tool tool;
  private final Map<String, Object> arguments;
  private volatile Object result;

  /**
   * @param tool the tool called
   * @param arguments its arguments as the LM gave them
   */
  public ToolObservationContext(Tool tool, Map<String, Object> arguments) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.arguments = arguments == null ? Map.of() : arguments;
  }

  /** @return the tool called */
  public Tool getTool() {
    return tool;
  }

  /** @return its arguments as the LM gave them */
  public Map<String, Object> getArguments() {
    return arguments;
  }

  /** @return its result, or {@code null} while it runs or if it failed */
  public Object getResult() {
    return result;
  }

  void setResult(Object result) {
    this.result = result;
  }
}
