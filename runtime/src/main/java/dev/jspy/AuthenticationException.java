package dev.jspy;

/** The LM server rejected the API key (HTTP 401 or 403). */
public class AuthenticationException extends LMHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * @param model the model the call was for
   * @param status 401 or 403
   * @param serverMessage the server's error message
   */
  public AuthenticationException(String model, int status, String serverMessage) {
    super(model, status, serverMessage, null);
  }
}
