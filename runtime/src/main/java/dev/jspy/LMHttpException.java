package dev.jspy;

/** The LM server answered with an HTTP error status. */
public class LMHttpException extends LMException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String serverMessage;

  /**
   * @param model the model the call was for
   * @param status the HTTP status code
   * @param serverMessage the error message the server sent (its {@code error.message}, or the body)
   */
  public LMHttpException(String model, int status, String serverMessage) {
    super(model, "HTTP " + status + ": " + serverMessage, null);
    this.status = status;
    this.serverMessage = serverMessage;
  }

  /** @return the HTTP status code */
  public int status() {
    return status;
  }

  /** @return the server's error message */
  public String serverMessage() {
    return serverMessage;
  }
}
