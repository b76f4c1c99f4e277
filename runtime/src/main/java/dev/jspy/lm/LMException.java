package dev.jspy.lm;

import dev.jspy.core.JspyException;

/**
 * A failure talking to the language model: transport, HTTP status, or a reply that is not a usable chat
 * completion. Messages name the model and never contain the API key.
 */
public class LMException extends JspyException {
  private static final long serialVersionUID = 1L;

  private final String model;
  private volatile int attempts = 1;

  /**
   * @param model the model the call was for
   * @param message what happened
   * @param cause the underlying failure, or {@code null}
   */
  public LMException(String model, String message, Throwable cause) {
    super("[" + model + "] " + message, cause);
    this.model = model;
  }

  /**
   * @return how many attempts the call made before failing (1 when it was not retried); the failures of the
   *     earlier attempts are {@linkplain #getSuppressed() suppressed} by this one
   */
  public int attempts() {
    return attempts;
  }

  void attempts(int n) {
    attempts = n;
  }

  /** @return the model the failed call was for */
  public String model() {
    return model;
  }
}
