package dev.jspy.lm;

/**
 * A streamed reply (Server-Sent Events) that broke off or could not be read: it ended before the server
 * said it was done, an event was not JSON, or a chunk carried neither choices nor usage. The text that
 * arrived before the failure is kept, so nothing the LM wrote is lost.
 */
public class LMStreamException extends LMException {
  private static final long serialVersionUID = 1L;
  private final String partialText;

  /**
   * @param model the model the call was for
   * @param message what was expected and what arrived
   * @param partialText the first choice's content that arrived before the failure
   * @param cause the underlying failure, or {@code null}
   */
  public LMStreamException(String model, String message, String partialText, Throwable cause) {
    super(model, message, cause);
    this.partialText = partialText == null ? "" : partialText;
  }

  /** @return the first choice's content that arrived before the stream failed ({@code ""} if none) */
  public String partialText() {
    return partialText;
  }
}
