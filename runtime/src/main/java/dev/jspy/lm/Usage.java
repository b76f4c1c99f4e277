package dev.jspy.lm;

/**
 * Token counts the server reported for one call (zero where it reported none).
 *
 * @param promptTokens tokens in the prompt
 * @param completionTokens tokens generated
 * @param totalTokens their sum as the server counts it
 */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {
  /** No usage reported. */
  public static final Usage NONE = new Usage(0, 0, 0);

  /**
   * @param other another call's usage
   * @return the sum of both
   */
  public Usage plus(Usage other) {
    return new Usage(
        promptTokens + other.promptTokens,
        completionTokens + other.completionTokens,
        totalTokens + other.totalTokens);
  }
}
