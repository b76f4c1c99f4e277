package dev.jspy;

import dev.jspy.core.JspyException;

/** A tool could not be called as asked: arguments that do not fit, or an async tool called synchronously. */
public class ToolException extends JspyException {
  private static final long serialVersionUID = 1L;

  private final String tool;

  /**
   * @param tool the tool's name
   * @param message what went wrong and what to do
   */
  public ToolException(String tool, String message) {
    super("tool '" + tool + "': " + message);
    this.tool = tool;
  }

  /** @return the tool's name */
  public String tool() {
    return tool;
  }
}
