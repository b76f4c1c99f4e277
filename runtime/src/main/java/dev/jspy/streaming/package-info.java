/**
 * Streaming output fields as the LM writes them, as DSPy 3.3.1's {@code dspy.streaming}.
 *
 * <p>This package holds the pure parts: {@link dev.jspy.streaming.StreamListener} names an output field
 * (and optionally its predictor); {@link dev.jspy.streaming.StreamListener#bind} ties listeners to the
 * predictors of a program; a {@link dev.jspy.streaming.FieldDetector} per listener turns the text deltas
 * of the LM's streamed reply into {@link dev.jspy.streaming.FieldChunk}s with DSPy's own field-detection
 * state machines for the ChatAdapter, JSONAdapter and XMLAdapter formats; and
 * {@link dev.jspy.streaming.StatusStreamingCallback} turns tool calls into
 * {@link dev.jspy.streaming.StatusMessage}s. Everything here is synchronous and single-threaded; the
 * transport that feeds it is built on top.
 */
package dev.jspy.streaming;
