package dev.jspy.spring.boot.web;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter in a real application: Tomcat on a free loopback port, a REST endpoint and an SSE endpoint
 * calling a generated predictor, the LM an OpenAI-compatible server on loopback, everything over real HTTP.
 */
@SpringBootTest(
    classes = QaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "jspy.lm.model=openai/test-model",
      "jspy.lm.api-key=" + QaApplicationTest.KEY,
      "jspy.lm.num-retries=0",
      "jspy.cache.enabled=false",
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-details=always"
    })
@DirtiesContext // the context configures Jspy's global settings; close it after this class
class QaApplicationTest {
  static final String KEY = "sk-spring-test-secret-7";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> DELTAS =
      List.of("[[ ## ans", "wer ## ]]\n", "Par", "is is", " the capital", "\n\n[[ #", "# completed ## ]]");

  static final MockWebServer LM_SERVER = new MockWebServer();
  static final ConcurrentLinkedQueue<RecordedRequest> CHAT_REQUESTS = new ConcurrentLinkedQueue<>();
  static volatile int modelsStatus = 200;

  @BeforeAll
  static void startLm() throws IOException {
    LM_SERVER.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if ("GET".equals(request.getMethod()) && path.equals("/v1/models")) {
          return new MockResponse.Builder().code(modelsStatus).body("{\"object\":\"list\",\"data\":[]}").build();
        }
        if (!"POST".equals(request.getMethod()) || !path.equals("/v1/chat/completions")) {
          return new MockResponse.Builder().code(404).build();
        }
        CHAT_REQUESTS.add(request);
        JsonNode body = JSON.readTree(request.getBody().utf8());
        return body.path("stream").asBoolean() ? sse(DELTAS) : completion(String.join("", DELTAS));
      }
    });
    LM_SERVER.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterAll
  static void stopLm() {
    LM_SERVER.close();
  }

  @DynamicPropertySource
  static void lmAtLoopback(DynamicPropertyRegistry registry) {
    registry.add("jspy.lm.api-base", () -> LM_SERVER.url("/v1").toString());
  }

  @AfterEach
  void reset() {
    CHAT_REQUESTS.clear();
    modelsStatus = 200;
  }

  static MockResponse completion(String content) {
    Map<String, Object> body = Map.of(
        "id", "chatcmpl-1", "object", "chat.completion", "model", "test-model",
        "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content),
            "finish_reason", "stop")),
        "usage", Map.of("prompt_tokens", 11, "completion_tokens", 7, "total_tokens", 18));
    return new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body(JSON.writeValueAsString(body)).build();
  }

  static MockResponse sse(List<String> deltas) {
    StringBuilder b = new StringBuilder();
    for (String d : deltas) {
      b.append(chunk(Map.of("content", d), null));
    }
    b.append(chunk(Map.of(), "stop")).append("data: [DONE]\n\n");
    return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(b.toString()).build();
  }

  private static String chunk(Map<String, Object> delta, String finish) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finish);
    return "data: " + JSON.writeValueAsString(Map.of("choices", List.of(choice))) + "\n\n";
  }

  @Value("${local.server.port}")
  int port;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .timeout(Duration.ofSeconds(60)) // a hang guard only
        .GET()
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void aRestEndpointCallsTheInjectedPredictorAgainstTheConfiguredLm() throws Exception {
    HttpResponse<String> response = get("/qa?question=" + q("What is the capital of France?"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("answer").asString()).isEqualTo("Paris is the capital");
    assertThat(CHAT_REQUESTS).hasSize(1);
    RecordedRequest sent = CHAT_REQUESTS.peek();
    JsonNode body = JSON.readTree(sent.getBody().utf8());
    assertThat(body.path("model").asString()).isEqualTo("test-model");
    assertThat(body.path("messages").toString()).contains("What is the capital of France?");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
  }

  @Test
  void anSseEndpointStreamsTheAnswerAsTheLmWritesIt() throws Exception {
    HttpResponse<String> response = get("/qa/stream?question=" + q("What is the capital of France?"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    List<JsonNode> events = new ArrayList<>();
    StringBuilder streamed = new StringBuilder();
    String[] frames = response.body().split("\n\n");
    assertThat(frames[frames.length - 1]).isEqualTo("data: [DONE]");
    for (int i = 0; i < frames.length - 1; i++) {
      assertThat(frames[i]).startsWith("data: ");
      JsonNode event = JSON.readTree(frames[i].substring("data: ".length()));
      events.add(event);
      if (event.has("chunk")) {
        assertThat(event.path("chunk").path("signature_field_name").asString()).isEqualTo("answer");
        streamed.append(event.path("chunk").path("chunk").asString());
      }
    }
    assertThat(events.stream().filter(e -> e.has("chunk")).count()).isAtLeast(2L);
    assertThat(streamed.toString()).isEqualTo("Paris is the capital");
    assertThat(events.get(events.size() - 1).path("prediction").path("answer").asString())
        .isEqualTo("Paris is the capital");
    assertThat(JSON.readTree(CHAT_REQUESTS.peek().getBody().utf8()).path("stream").asBoolean()).isTrue();
  }

  @Test
  void theHealthEndpointReportsTheLmServerUpThenDownWithoutTheKey() throws Exception {
    HttpResponse<String> up = get("/actuator/health/jspy");
    assertThat(up.statusCode()).isEqualTo(200);
    JsonNode upBody = JSON.readTree(up.body());
    assertThat(upBody.path("status").asString()).isEqualTo("UP");
    assertThat(upBody.path("details").path("model").asString()).isEqualTo("openai/test-model");

    modelsStatus = 503;
    HttpResponse<String> down = get("/actuator/health/jspy");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(down.body()).path("status").asString()).isEqualTo("DOWN");

    HttpResponse<String> all = get("/actuator/health");
    assertThat(all.body()).contains("\"jspy\"");
    for (String body : List.of(up.body(), down.body(), all.body())) {
      assertThat(body).doesNotContain(KEY);
    }
  }
}
