package dev.jspy.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real OpenAI-compatible server on {@code 127.0.0.1} (a free port) for tests: it answers
 * {@code POST /v1/chat/completions} from a script, so a test runs jspy's whole LM client (HTTP, retries,
 * cache, concurrency) without a model or the network.
 *
 * <pre>{@code
 * try (LoopbackLMServer server = LoopbackLMServer.serving(DummyLM.answers(List.of(Map.of("answer", "red"))))) {
 *   LM lm = LM.builder("openai/dummy").apiBase(server.baseUrl()).cache(false).build();
 *   ...
 *   server.requests().get(0).messages();   // what jspy sent
 * }
 * }</pre>
 *
 * <p>A responder that throws makes the server answer HTTP 500 with the exception's message in OpenAI's
 * error shape. Requests are served by up to 16 threads at once.
 *
 * <p>The JDK's HTTP server writes replies with Nagle's algorithm on unless {@code sun.net.httpserver.nodelay}
 * is set, which with the client's delayed acknowledgements costs about 40 ms a call. Loading this class sets
 * that property to {@code true} unless the JVM was started with it, so it holds for every JDK HTTP server the
 * test JVM creates afterwards.
 */
public final class LoopbackLMServer implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final String PATH = "/v1/chat/completions";

  static {
    // Read once, when the JVM's first HttpServer starts: set before any of ours does.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConcurrentLinkedQueue<LMRequest> requests = new ConcurrentLinkedQueue<>();
  private final AtomicInteger ids = new AtomicInteger();

  private LoopbackLMServer(Function<LMRequest, LMResponse> responder) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            16,
            r -> {
              Thread t = new Thread(r, "jspy-loopback-lm-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, responder));
    server.start();
  }

  /**
   * @param lm the script; every request is answered as {@code lm} answers it
   * @return a started server
   * @throws IOException if no loopback port can be bound
   */
  public static LoopbackLMServer serving(DummyLM lm) throws IOException {
    Objects.requireNonNull(lm, "lm");
    return new LoopbackLMServer(lm::answer);
  }

  /**
   * @param reply the reply text for a request (one choice, {@code finish_reason: "stop"})
   * @return a started server
   * @throws IOException if no loopback port can be bound
   */
  public static LoopbackLMServer replying(Function<LMRequest, String> reply) throws IOException {
    Objects.requireNonNull(reply, "reply");
    return new LoopbackLMServer(
        request ->
            new LMResponse(
                List.of(new LMResponse.Choice(reply.apply(request), "stop")),
                new dev.jspy.lm.Usage(0, 0, 0),
                "dummy"));
  }

  /** @return the base URL to give {@code LM.builder(...).apiBase(...)}: {@code http://127.0.0.1:PORT/v1} */
  public String baseUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/v1";
  }

  /**
   * @return the requests received so far, in arrival order: the messages, and every other body key (such
   *     as {@code model}, {@code temperature}, {@code response_format}) as a parameter
   */
  public List<LMRequest> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange, Function<LMRequest, LMResponse> responder) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod()) || !PATH.equals(exchange.getRequestURI().getPath())) {
        send(exchange, 404, error("no route for " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
            + "; this server answers POST " + PATH));
        return;
      }
      LMRequest request;
      try (InputStream in = exchange.getRequestBody()) {
        request = toRequest(JSON.readValue(in, MAP));
      } catch (RuntimeException e) {
        send(exchange, 400, error("the body is not an OpenAI chat completion request: " + e.getMessage()));
        return;
      }
      requests.add(request);
      LMResponse response;
      try {
        response = responder.apply(request);
      } catch (RuntimeException e) {
        send(exchange, 500, error(String.valueOf(e.getMessage())));
        return;
      }
      send(exchange, 200, JSON.writeValueAsString(toBody(response)));
    }
  }

  private static LMRequest toRequest(Map<String, Object> body) {
    Object raw = body.get("messages");
    if (!(raw instanceof List)) {
      throw new IllegalArgumentException("\"messages\" is missing or not a list");
    }
    List<Message> messages = new ArrayList<>();
    for (Object m : (List<?>) raw) {
      if (!(m instanceof Map)) {
        throw new IllegalArgumentException("a message is not an object: " + m);
      }
      Map<?, ?> message = (Map<?, ?>) m;
      Object content = message.get("content");
      messages.add(new Message(String.valueOf(message.get("role")), content == null ? null : String.valueOf(content)));
    }
    Map<String, Object> params = new LinkedHashMap<>(body);
    params.remove("messages");
    params.values().removeIf(Objects::isNull);
    return new LMRequest(messages, params);
  }

  private Map<String, Object> toBody(LMResponse response) {
    List<Object> choices = new ArrayList<>();
    for (LMResponse.Choice c : response.choices()) {
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("role", "assistant");
      message.put("content", c.text());
      Map<String, Object> choice = new LinkedHashMap<>();
      choice.put("index", choices.size());
      choice.put("message", message);
      choice.put("finish_reason", c.finishReason());
      choices.add(choice);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", "chatcmpl-loopback-" + ids.incrementAndGet());
    body.put("object", "chat.completion");
    body.put("model", response.model());
    body.put("choices", choices);
    body.put(
        "usage",
        Map.of(
            "prompt_tokens", response.usage().promptTokens(),
            "completion_tokens", response.usage().completionTokens(),
            "total_tokens", response.usage().totalTokens()));
    return body;
  }

  private static String error(String message) {
    return JSON.writeValueAsString(Map.of("error", Map.of("message", message, "type", "loopback_error")));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "LoopbackLMServer(" + baseUrl() + ")";
  }
}
