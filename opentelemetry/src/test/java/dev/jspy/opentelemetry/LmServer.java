package dev.jspy.opentelemetry;

import dev.jspy.lm.LM;
import dev.jspy.lm.OpenAiLM;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible server on loopback for the tests: replies in ChatAdapter's format from a function of
 * the request body, reporting usage (11 in, 7 out) and a response model of its own ({@value #RESPONSE_MODEL}).
 */
final class LmServer implements AutoCloseable {
  static final String RESPONSE_MODEL = "test-model-0613";
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final MockWebServer server = new MockWebServer();

  private LmServer(Function<JsonNode, MockResponse> answer) throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer.apply(JSON.readTree(request.getBody().utf8()));
          }
        });
    server.start(0);
  }

  /** A server whose reply text is {@code reply(requestBody)}. */
  static LmServer replying(Function<JsonNode, String> reply) throws IOException {
    return new LmServer(body -> completion(reply.apply(body)));
  }

  /** A server that answers every request with {@code status} and an OpenAI error body. */
  static LmServer failing(int status) throws IOException {
    return new LmServer(
        body ->
            new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body("{\"error\": {\"message\": \"the server is having a bad day\", \"type\": \"server_error\"}}")
                .build());
  }

  static MockResponse completion(String content) {
    Map<String, Object> body =
        Map.of(
            "id", "chatcmpl-test",
            "object", "chat.completion",
            "model", RESPONSE_MODEL,
            "choices",
                List.of(
                    Map.of(
                        "index", 0,
                        "message", Map.of("role", "assistant", "content", content),
                        "finish_reason", "stop")),
            "usage", Map.of("prompt_tokens", 11, "completion_tokens", 7, "total_tokens", 18));
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(JSON.writeValueAsString(body))
        .build();
  }

  /** A hermetic LM on this server: no cache, no retries, bounded waits. */
  OpenAiLM.Builder lm() {
    return LM.builder("openai/test-model")
        .apiBase(server.url("/v1").toString())
        .cache(false)
        .numRetries(0)
        .connectTimeout(Duration.ofSeconds(10))
        .timeout(Duration.ofSeconds(30));
  }

  /** The host the server listens on, as in its URL. */
  String host() {
    return server.url("/").host();
  }

  /** The port the server listens on. */
  int port() {
    return server.url("/").port();
  }

  int requestCount() {
    return server.getRequestCount();
  }

  /** A reply in ChatAdapter's format: name, value, name, value, … */
  static String reply(String... fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      sb.append("[[ ## ").append(fields[i]).append(" ## ]]\n").append(fields[i + 1]).append("\n\n");
    }
    return sb.append("[[ ## completed ## ]]\n").toString();
  }

  static String system(JsonNode body) {
    return body.path("messages").get(0).path("content").stringValue();
  }

  static String user(JsonNode body) {
    JsonNode messages = body.path("messages");
    return messages.get(messages.size() - 1).path("content").stringValue();
  }

  @Override
  public void close() {
    server.close();
  }
}
