package dev.jspy.streaming;

import java.util.Objects;

/**
 * The program's result, the last event of a stream when the final prediction is included (DSPy's
 * {@code Prediction} at the end of {@code streamify}). Its value is parsed from the whole reply, exactly as
 * without streaming.
 *
 * @param output the program's output (for a generated predictor, its output record)
 * @param <O> the output type
 */
public record Final<O>(O output) implements StreamEvent {
  /** Checks that the output is not null. */
  public Final {
    Objects.requireNonNull(output, "output");
  }
}
