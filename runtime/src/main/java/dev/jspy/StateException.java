package dev.jspy;

import dev.jspy.core.JspyException;

/**
 * A saved program state cannot be loaded: malformed JSON, a predictor the program does not have (or one it
 * has that the state lacks), a field count that does not match, a value of the wrong type, or a format newer
 * than jspy reads. Loading is all-or-nothing: when this is thrown, no predictor has changed.
 */
public class StateException extends JspyException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message where in the state the problem is, what was expected and what was found
   */
  public StateException(String message) {
    super(message);
  }

  /**
   * @param message where in the state the problem is, what was expected and what was found
   * @param cause the underlying failure
   */
  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
