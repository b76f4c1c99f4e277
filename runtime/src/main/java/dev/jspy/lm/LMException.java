package dev.jspy.lm;

import dev.jspy.core.JspyException;

/**
 * A failure talking to the language model: transport, HTTP status, or a reply that is not a usable chat
 * completion. Messages name the model and never contain the API key.
 */
public class LMException extends JspyException {
  private static final long serialVersionUID = 1L;

  private final String model;

  /**
   * @param model the model the call was for
   * @param message what happened
   * @param cause the underlying failure, or {@code null}
   */
  public LMException(String model, String message, Throwable cause) {
    super("[" + model + "] " + message, cause);
    this.model = model;
  }

  /** @return the model the failed call was for */
  public String model() {
    return model;
  }
}
