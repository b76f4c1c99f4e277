package dev.jspy.lm;

/** The LM server refused the call for now (HTTP 429). */
public class RateLimitException extends LMHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * @param model the model the call was for
   * @param serverMessage the server's error message
   */
  public RateLimitException(String model, String serverMessage) {
    this(model, serverMessage, null);
  }

  /**
   * @param model the model the call was for
   * @param serverMessage the server's error message
   * @param retryAfter the server's {@code Retry-After}, or {@code null}
   */
  public RateLimitException(String model, String serverMessage, java.time.Duration retryAfter) {
    this(model, null, serverMessage, retryAfter);
  }

  /**
   * @param model the model the call was for
   * @param url the URL the request went to, credentials redacted, or {@code null}
   * @param serverMessage the server's error message
   * @param retryAfter the server's {@code Retry-After}, or {@code null}
   */
  public RateLimitException(String model, String url, String serverMessage, java.time.Duration retryAfter) {
    super(model, url, 429, serverMessage, retryAfter, null);
  }
}
