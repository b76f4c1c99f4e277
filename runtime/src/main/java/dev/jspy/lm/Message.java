package dev.jspy.lm;

import java.util.Objects;

/**
 * One chat message as OpenAI-compatible servers take it.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
public record Message(String role, String content) {
  /** Checks the components. */
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /**
   * @param content the text
   * @return a system message
   */
  public static Message system(String content) {
    return new Message("system", content);
  }

  /**
   * @param content the text
   * @return a user message
   */
  public static Message user(String content) {
    return new Message("user", content);
  }

  /**
   * @param content the text
   * @return an assistant message
   */
  public static Message assistant(String content) {
    return new Message("assistant", content);
  }
}
