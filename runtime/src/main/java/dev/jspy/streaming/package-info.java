/**
 * Streaming output fields as the LM writes them, as DSPy 3.3.1's {@code dspy.streaming}.
 *
 * <p>This package holds the pure parts: {@link dev.jspy.streaming.StreamListener} names an output field
 * (and optionally its predictor); {@link dev.jspy.streaming.StreamListener#bind} ties listeners to the
 * predictors of a program; a {@link dev.jspy.streaming.FieldDetector} per listener turns the text deltas
 * of the LM's streamed reply into {@link dev.jspy.streaming.FieldChunk}s with DSPy's own field-detection
 * state machines for the ChatAdapter, JSONAdapter and XMLAdapter formats; and
 * {@link dev.jspy.streaming.StatusStreamingCallback} turns tool calls into
 * {@link dev.jspy.streaming.StatusMessage}s.
 *
 * <p>On top of them, {@link dev.jspy.streaming.Streamify} runs a program with a
 * {@link dev.jspy.StreamSink} in its settings, so each targeted predictor's LM call streams over
 * Server-Sent Events ({@link dev.jspy.lm.LM#astream}); its {@link dev.jspy.streaming.StreamRun} is a
 * {@link java.util.concurrent.Flow.Publisher} with a bounded buffer that pauses the HTTP read, ending with a
 * {@link dev.jspy.streaming.Final} result; {@link dev.jspy.streaming.SseWriter} serves it as DSPy's
 * {@code streaming_response} does.
 */
package dev.jspy.streaming;
