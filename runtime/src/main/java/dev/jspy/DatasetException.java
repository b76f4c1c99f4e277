package dev.jspy;

import dev.jspy.core.JspyException;

/** A train or dev set file could not be read as examples: which file, where, and what was wrong. */
public class DatasetException extends JspyException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the file, the line or row, and what was expected and found
   */
  public DatasetException(String message) {
    super(message);
  }

  /**
   * @param message the file, the line or row, and what was expected and found
   * @param cause the underlying failure
   */
  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
