package dev.jspy.lm;

import java.util.List;

/**
 * An LM's answer: one choice per completion asked for ({@code n}), the usage and the model that served.
 *
 * @param choices the completions, at least one
 * @param usage token counts
 * @param model the model the server says answered
 */
public record LMResponse(List<Choice> choices, Usage usage, String model) {
  /** Copies the components. */
  public LMResponse {
    choices = List.copyOf(choices);
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
