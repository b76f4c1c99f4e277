package dev.jspy.lm;

/** The LM server rejected the API key (HTTP 401 or 403). */
public class AuthenticationException extends LMHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * @param model the model the call was for
   * @param status 401 or 403
   * @param serverMessage the server's error message
   */
  public AuthenticationException(String model, int status, String serverMessage) {
    this(model, status, serverMessage, true);
  }

  /**
   * @param model the model the call was for
   * @param status 401 or 403
   * @param serverMessage the server's error message
   * @param keySet whether a key was sent at all, for the advice in the message
   */
  public AuthenticationException(String model, int status, String serverMessage, boolean keySet) {
    this(model, null, status, serverMessage, keySet);
  }

  /**
   * @param model the model the call was for
   * @param url the URL the request went to, credentials redacted, or {@code null}
   * @param status 401 or 403
   * @param serverMessage the server's error message
   * @param keySet whether a key was sent at all, for the advice in the message
   */
  public AuthenticationException(String model, String url, int status, String serverMessage, boolean keySet) {
    super(
        model,
        url,
        status,
        serverMessage,
        null,
        keySet
            ? "check OPENAI_API_KEY or the key given to LM.builder(model).apiKey(...)"
            : "no API key was sent: set OPENAI_API_KEY or LM.builder(model).apiKey(...)");
  }
}
