package dev.jspy.micrometer;

import dev.jspy.lm.LM;
import dev.jspy.lm.OpenAiLM;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real OpenAI-compatible server on loopback, answering each request by a script, and counting the tokens
 * it reported in the usage of its answers.
 */
final class ScriptedServer implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the server answers: a completion with usage, or an HTTP error. */
  record Reply(int status, String content, long promptTokens, long completionTokens) {
    static Reply ok(String content, long promptTokens, long completionTokens) {
      return new Reply(200, content, promptTokens, completionTokens);
    }

    static Reply error(int status, String message) {
      return new Reply(status, message, 0, 0);
    }
  }

  private final MockWebServer server = new MockWebServer();
  final AtomicLong promptTokens = new AtomicLong();
  final AtomicLong completionTokens = new AtomicLong();
  final AtomicLong requests = new AtomicLong();

  ScriptedServer(Function<JsonNode, Reply> script) throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.incrementAndGet();
            Reply reply = script.apply(JSON.readTree(request.getBody().utf8()));
            if (reply.status() != 200) {
              return new MockResponse.Builder()
                  .code(reply.status())
                  .addHeader("Content-Type", "application/json")
                  .body(JSON.writeValueAsString(Map.of("error", Map.of("message", reply.content()))))
                  .build();
            }
            promptTokens.addAndGet(reply.promptTokens());
            completionTokens.addAndGet(reply.completionTokens());
            Map<String, Object> body =
                Map.of(
                    "id", "chatcmpl-test",
                    "object", "chat.completion",
                    "model", "test-model-0613",
                    "choices",
                        List.of(
                            Map.of(
                                "index", 0,
                                "message", Map.of("role", "assistant", "content", reply.content()),
                                "finish_reason", "stop")),
                    "usage",
                        Map.of(
                            "prompt_tokens", reply.promptTokens(),
                            "completion_tokens", reply.completionTokens(),
                            "total_tokens", reply.promptTokens() + reply.completionTokens()));
            return new MockResponse.Builder()
                .addHeader("Content-Type", "application/json")
                .body(JSON.writeValueAsString(body))
                .build();
          }
        });
    try {
      server.start(0);
    } catch (IOException e) {
      server.close();
      throw e;
    }
  }

  /** @return a builder of a hermetic LM on this server: no cache, no retries, bounded waits */
  OpenAiLM.Builder lm() {
    return LM.builder("openai/test-model")
        .apiBase(server.url("/v1").toString())
        .apiKey("sk-micrometer-test")
        .cache(false)
        .numRetries(0)
        .connectTimeout(Duration.ofSeconds(10))
        .timeout(Duration.ofSeconds(30));
  }

  /** @return the host the server listens on, as in its URL */
  String host() {
    return server.url("/").host();
  }

  /** @return the port the server listens on */
  int port() {
    return server.url("/").port();
  }

  /** A reply in ChatAdapter's format: name, value, name, value, … */
  static String chat(String... fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      sb.append("[[ ## ").append(fields[i]).append(" ## ]]\n").append(fields[i + 1]).append("\n\n");
    }
    return sb.append("[[ ## completed ## ]]\n").toString();
  }

  /** @return the last message of a request */
  static String user(JsonNode body) {
    JsonNode messages = body.path("messages");
    return messages.get(messages.size() - 1).path("content").stringValue();
  }

  /** @return the system message of a request */
  static String system(JsonNode body) {
    return body.path("messages").get(0).path("content").stringValue();
  }

  /** @return the value of section {@code name} in ChatAdapter's format, up to the next blank line */
  static String field(String text, String name) {
    String header = "[[ ## " + name + " ## ]]\n";
    int start = text.indexOf(header);
    if (start < 0) {
      throw new AssertionError("no section " + name + " in:\n" + text);
    }
    start += header.length();
    int end = text.indexOf("\n\n", start);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  @Override
  public void close() {
    server.close();
  }
}
