package dev.jspy.lm;

import java.util.List;

/**
 * An LM's answer: one choice per completion asked for ({@code n}), the usage and the model that served.
 *
 * @param choices the completions, at least one
 * @param usage token counts
 * @param model the model the server says answered
 * @param cacheHit whether the response came from the cache rather than the server
 */
public record LMResponse(List<Choice> choices, Usage usage, String model, boolean cacheHit) {
  /** Copies the components. */
  public LMResponse {
    choices = List.copyOf(choices);
  }

  /**
   * A response fresh from the server.
   *
   * @param choices the completions
   * @param usage token counts
   * @param model the model that answered
   */
  public LMResponse(List<Choice> choices, Usage usage, String model) {
    this(choices, usage, model, false);
  }

  /** @return this response marked as served from the cache */
  public LMResponse asCacheHit() {
    return new LMResponse(choices, usage, model, true);
  }

  /** @return the first completion's text */
  public String text() {
    return choices.get(0).text();
  }

  /**
   * One completion.
   *
   * @param text the message content ({@code ""} if the server sent none)
   * @param finishReason why generation stopped: {@code stop}, {@code length}, … or {@code null}
   */
  public record Choice(String text, String finishReason) {
    /** @return whether generation stopped at the token limit */
    public boolean truncated() {
      return "length".equals(finishReason);
    }
  }
}
