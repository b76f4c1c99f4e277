package dev.jspy.lm;

import java.util.concurrent.CompletionStage;

/**
 * Receives the text of a streamed reply as the LM writes it (the first choice's content deltas, in order),
 * and paces the reading: returning an incomplete stage pauses reading the HTTP reply, without holding a
 * thread, until the stage completes. Called on the LM's I/O thread, one delta at a time; it must be quick
 * and never block.
 */
@FunctionalInterface
public interface DeltaSink {
  /**
   * @param text the next piece of the reply's content, never empty
   * @return {@code null} or a completed stage to go on reading; an incomplete stage to pause until it
   *     completes (normally or not)
   */
  CompletionStage<?> delta(String text);
}
