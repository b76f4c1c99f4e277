package dev.jspy.streaming;

import java.util.Objects;

/**
 * A progress note for the person waiting, as DSPy's {@code StatusMessage}: "Calling tool search...".
 *
 * @param message the text
 */
public record StatusMessage(String message) implements StreamEvent {
  /** Checks that the message is not null. */
  public StatusMessage {
    Objects.requireNonNull(message, "message");
  }
}
