package dev.jspy.lm;

import dev.jspy.internal.Snippets;

/**
 * The LM stopped because it hit the token limit ({@code finish_reason: "length"}) before it finished the
 * reply, so the reply could not be used. Raise {@code maxTokens} or shorten the prompt.
 */
public class LMTruncatedException extends LMException {
  private static final long serialVersionUID = 1L;

  private final String rawReply;

  /**
   * @param model the model the call was for
   * @param maxTokens the token budget in force, or {@code null} if none was set
   * @param rawReply the truncated reply
   */
  public LMTruncatedException(String model, Integer maxTokens, String rawReply) {
    super(
        model,
        "the reply was cut off at the token limit (finish_reason \"length\""
            + (maxTokens == null ? "" : ", maxTokens " + maxTokens)
            + "); raise maxTokens. Truncated reply: "
            + Snippets.quote(rawReply),
        null);
    this.rawReply = rawReply;
  }

  /** @return the truncated reply as the LM sent it */
  public String rawReply() {
    return rawReply;
  }
}
