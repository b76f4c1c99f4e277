package dev.jspy.core;

/**
 * The root of every failure jspy raises at run time. Unchecked, so {@code forward}, {@code call} and tool
 * calls declare no checked exceptions; an {@code aforward} future completes exceptionally with the same
 * types.
 */
public class JspyException extends RuntimeException implements Cloneable {
  private static final long serialVersionUID = 1L;

  /** The exception this one rethrows on a waiting thread ({@link #rethrownHere()}), or {@code null}. */
  private transient Throwable rethrown;

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

  /**
   * This exception as a synchronous call rethrows it: the same type, message and fields, the stack of the
   * thread calling this method (the caller of {@code forward}, {@code call}, {@code lm.call}), and this
   * exception, thrown where the work ran, as its {@linkplain #getCause() cause}. Subclasses need not
   * override it.
   *
   * @return the copy to throw on the calling thread
   */
  public JspyException rethrownHere() {
    JspyException copy;
    try {
      copy = (JspyException) super.clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
    copy.rethrown = this;
    copy.fillInStackTrace();
    return copy;
  }

  /** @return the exception this one rethrows on the calling thread, else the cause it was made with */
  @Override
  public synchronized Throwable getCause() {
    return rethrown != null ? rethrown : super.getCause();
  }
}
