package dev.jspy.core;

/**
 * The root of every failure jspy raises at run time. Unchecked, so {@code forward}, {@code call} and tool
 * calls declare no checked exceptions; an {@code aforward} future completes exceptionally with the same
 * types.
 */
public class JspyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened and, where it helps, what to do about it
   */
  public JspyException(String message) {
    super(message);
  }

  /**
   * @param message what happened and, where it helps, what to do about it
   * @param cause the underlying failure
   */
  public JspyException(String message, Throwable cause) {
    super(message, cause);
  }
}
