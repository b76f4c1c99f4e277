package dev.jspy.lm;

import java.time.Duration;
import java.util.Optional;

/** The LM server answered with an HTTP error status. */
public class LMHttpException extends LMException {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final int status;
  private final String serverMessage;
  private final Duration retryAfter;

  /**
   * @param model the model the call was for
   * @param status the HTTP status code
   * @param serverMessage the error message the server sent (its {@code error.message}, or the body)
   */
  public LMHttpException(String model, int status, String serverMessage) {
    this(model, status, serverMessage, null);
  }

  /**
   * @param model the model the call was for
   * @param status the HTTP status code
   * @param serverMessage the error message the server sent (its {@code error.message}, or the body)
   * @param retryAfter how long the server asked the client to wait ({@code Retry-After}), or {@code null}
   */
  public LMHttpException(String model, int status, String serverMessage, Duration retryAfter) {
    this(model, status, serverMessage, retryAfter, null);
  }

  /**
   * @param model the model the call was for
   * @param status the HTTP status code
   * @param serverMessage the error message the server sent
   * @param retryAfter the server's {@code Retry-After}, or {@code null}
   * @param advice what the caller can do about it, appended to the message; {@code null} for none
   */
  protected LMHttpException(String model, int status, String serverMessage, Duration retryAfter, String advice) {
    this(model, null, status, serverMessage, retryAfter, advice);
  }

  /**
   * @param model the model the call was for
   * @param url the URL the request went to, credentials already redacted (it is quoted in the message), or
   *     {@code null} if unknown
   * @param status the HTTP status code
   * @param serverMessage the error message the server sent
   * @param retryAfter the server's {@code Retry-After}, or {@code null}
   * @param advice what the caller can do about it, appended to the message; {@code null} for none
   */
  public LMHttpException(
      String model, String url, int status, String serverMessage, Duration retryAfter, String advice) {
    super(
        model,
        "HTTP " + status + (url == null ? "" : " from " + url) + ": " + serverMessage
            + (advice == null ? "" : " (" + advice + ")"),
        null);
    this.url = url;
    this.status = status;
    this.serverMessage = serverMessage;
    this.retryAfter = retryAfter;
  }

  /** @return how long the server asked the client to wait before retrying, if it said */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** @return whether trying again may help: 408, 409, 429 and 5xx, as DSPy's LM client retries */
  public boolean isRetryable() {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** @return the URL the request went to, credentials redacted, if known */
  public Optional<String> url() {
    return Optional.ofNullable(url);
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
