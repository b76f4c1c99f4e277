package dev.jspy.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on 127.0.0.1 that speaks OpenAI's {@code /v1/chat/completions}: each request is
 * answered by a function of its JSON body. Records every request body it saw.
 */
public final class OpenAiServer implements AutoCloseable {
  public static final JsonMapper JSON = JsonMapper.builder().build();

  private final MockWebServer server = new MockWebServer();
  private final ConcurrentLinkedQueue<JsonNode> requests = new ConcurrentLinkedQueue<>();

  private OpenAiServer(Function<JsonNode, MockResponse> answer) throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            JsonNode body = JSON.readTree(request.getBody().utf8());
            requests.add(body);
            return answer.apply(body);
          }
        });
    server.start(0);
  }

  /** A server whose reply content is {@code reply(requestBody)}, finish_reason "stop". */
  public static OpenAiServer replying(Function<JsonNode, String> reply) throws IOException {
    return new OpenAiServer(body -> completion(reply.apply(body), "stop"));
  }

  /** A server that answers every request with {@code answer(requestBody)}. */
  public static OpenAiServer answering(Function<JsonNode, MockResponse> answer) throws IOException {
    return new OpenAiServer(answer);
  }

  /** An OpenAI chat completion response with one choice. */
  public static MockResponse completion(String content, String finishReason) {
    Map<String, Object> body =
        Map.of(
            "id", "chatcmpl-test",
            "object", "chat.completion",
            "model", "test-model",
            "choices",
                List.of(
                    Map.of(
                        "index", 0,
                        "message", Map.of("role", "assistant", "content", content),
                        "finish_reason", finishReason)),
            "usage", Map.of("prompt_tokens", 11, "completion_tokens", 7, "total_tokens", 18));
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(JSON.writeValueAsString(body))
        .build();
  }

  /** The server's OpenAI base URL, {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return server.url("/v1").toString();
  }

  /** Request bodies received so far, in arrival order. */
  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** The last request body. */
  public JsonNode lastRequest() {
    List<JsonNode> all = requests();
    return all.get(all.size() - 1);
  }

  public MockWebServer raw() {
    return server;
  }

  @Override
  public void close() {
    server.close();
  }
}
