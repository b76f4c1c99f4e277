package dev.jspy.streaming;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a stream as Server-Sent Events for an HTTP endpoint, as DSPy's {@code streaming_response}: one
 * {@code data: {...}\n\n} event per stream event, then {@code data: [DONE]\n\n}. The final result is
 * {@code {"prediction": {...}}} as in DSPy (the output record's components by name); a field chunk is
 * {@code {"chunk": {"predict_name", "signature_field_name", "chunk", "is_last_chunk"}}} (DSPy's
 * {@code StreamResponse} fields); a status message is {@code {"status_message": "..."}}; a failed program
 * ends with {@code {"error": {"type", "message"}}} before {@code [DONE]}.
 *
 * <p>With the JDK's {@code com.sun.net.httpserver.HttpServer}:
 *
 * <pre>{@code
 * server.createContext("/qa", exchange -> {
 *   StreamRun<QaOutput> run = streamer.stream(new QaInput(question(exchange)));
 *   exchange.getResponseHeaders().set("Content-Type", SseWriter.CONTENT_TYPE);
 *   exchange.sendResponseHeaders(200, 0);
 *   try (OutputStream body = exchange.getResponseBody()) {
 *     SseWriter.writeTo(run, body);   // a slow client holds the LM back; a client that leaves cancels it
 *   }
 * });
 * }</pre>
 *
 * <p>With Spring's {@code SseEmitter}, send the JSON of each event and let Spring write the {@code data:}
 * framing: {@code run.forEach(e -> emitter.send(SseEmitter.event().data(SseWriter.json(e), MediaType.APPLICATION_JSON)))},
 * then {@code emitter.send("[DONE]")} and {@code emitter.complete()} when {@code run.result()} completes.
 */
public final class SseWriter {
  /** The Content-Type of an SSE response. */
  public static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

  /** The event that ends the stream. */
  public static final String DONE = "data: [DONE]\n\n";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private SseWriter() {}

  /**
   * @param event a stream event
   * @return its JSON payload, as DSPy's {@code streaming_response} writes it
   */
  public static String json(StreamEvent event) {
    Objects.requireNonNull(event, "event");
    Map<String, Object> data = new LinkedHashMap<>();
    if (event instanceof FieldChunk) {
      FieldChunk c = (FieldChunk) event;
      Map<String, Object> chunk = new LinkedHashMap<>();
      chunk.put("predict_name", c.predictName());
      chunk.put("signature_field_name", c.fieldName());
      chunk.put("chunk", c.chunk());
      chunk.put("is_last_chunk", c.isLastChunk());
      data.put("chunk", chunk);
    } else if (event instanceof StatusMessage) {
      data.put("status_message", ((StatusMessage) event).message());
    } else {
      data.put("prediction", ((Final<?>) event).output());
    }
    return MAPPER.writeValueAsString(data);
  }

  /**
   * @param event a stream event
   * @return the event as one SSE event: {@code data: <json>\n\n}
   */
  public static String event(StreamEvent event) {
    return "data: " + json(event) + "\n\n";
  }

  /**
   * Writes a run's events as SSE, flushing each, then {@code data: [DONE]}. Blocks the calling thread (a
   * request handler's) while the program runs; the events are taken as fast as {@code out} accepts them,
   * so a slow client holds the LM back instead of filling memory. If writing fails (the client left), the
   * run is cancelled, which cancels its HTTP calls, and the failure is rethrown.
   *
   * @param run the run to write
   * @param out the response body; not closed here
   * @throws IOException if writing fails
   */
  public static void writeTo(StreamRun<?> run, OutputStream out) throws IOException {
    Iterator<StreamEvent> events = run.iterator();
    try {
      while (true) {
        StreamEvent e;
        try {
          if (!events.hasNext()) {
            break;
          }
          e = events.next();
        } catch (RuntimeException failure) {
          Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          Map<String, Object> error = new LinkedHashMap<>();
          error.put("type", cause.getClass().getSimpleName());
          error.put("message", String.valueOf(cause.getMessage()));
          write(out, "data: " + MAPPER.writeValueAsString(Map.of("error", error)) + "\n\n");
          break;
        }
        write(out, event(e));
      }
      write(out, DONE);
    } catch (IOException | RuntimeException e) {
      run.result().cancel(true);
      throw e;
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
