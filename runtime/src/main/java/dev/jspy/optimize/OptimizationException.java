package dev.jspy.optimize;

import dev.jspy.core.JspyException;

/** An optimizer stopped: as many runs or metrics failed as its {@code maxErrors} allows. */
public class OptimizationException extends JspyException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed and how many failures there were
   * @param cause the last failure
   */
  public OptimizationException(String message, Throwable cause) {
    super(message, cause);
  }
}
