package dev.jspy.lm;

/**
 * The LM's reply was larger than the client accepts, so it was not read. Counted after decompression, so a
 * small compressed body that inflates past the limit fails the same way. Chat completions are small; a
 * reply this large is usually a misrouted request (a file server, a proxy's page) or a server streaming
 * without end. Raise the limit with {@code LM.builder(model).maxResponseBytes(n)} if the replies are
 * legitimately this large.
 */
public class LMResponseTooLargeException extends LMException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  /**
   * @param model the model the call was for
   * @param url the URL the request went to, credentials redacted
   * @param limit the largest reply accepted, in bytes
   * @param declaredLength the length the server declared ({@code Content-Length}), or -1 if it declared none
   */
  public LMResponseTooLargeException(String model, String url, long limit, long declaredLength) {
    super(
        model,
        "the reply from "
            + url
            + (declaredLength >= 0 ? " declares " + declaredLength + " bytes, more than" : " is larger than")
            + " the limit of "
            + limit
            + " bytes (counted after decompression), so it was not read; a chat completion is far smaller, "
            + "so check the base URL, or raise the limit with LM.builder(model).maxResponseBytes(n)",
        null);
    this.limit = limit;
  }

  /** @return the largest reply accepted, in bytes */
  public long limit() {
    return limit;
  }
}
