package dev.jspy.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible {@code POST /v1/chat/completions} on 127.0.0.1 answering after {@code latencyMs}.
 *
 * <p><b>Same reply for everyone, in the form each can parse.</b> A request whose body contains
 * {@code "[[ ## "} comes from DSPy's/jspy's ChatAdapter and gets the answer in that format; every other
 * request (LangChain4j, Spring AI, the floor: they ask for JSON) gets the same answer as a JSON object. Both
 * completions carry the same three values and differ in size by a few bytes ({@link #replySizes()}).
 *
 * <p>The wait holds no thread: replies are written from a scheduler, so hundreds of calls in flight cost the
 * server nothing but its sockets. {@code GET /stats} says how many requests and bytes it read and how many
 * connections it saw since {@code POST /stats} (which resets them).
 *
 * <p>Standalone: {@code java ... LoopbackServer <latencyMs>} prints its base URL and serves until killed.
 */
public final class LoopbackServer implements AutoCloseable {
  static {
    // The JDK server closes idle keep-alive connections beyond 200 by default: not a limit a real server has.
    System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
    // Headers and body go out in two writes: without TCP_NODELAY, Nagle + the client's delayed ACK add ~40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static final String CHAT_CONTENT =
      "[[ ## answer ## ]]\n" + Inputs.ANSWER + "\n\n"
          + "[[ ## confidence ## ]]\n" + Inputs.CONFIDENCE + "\n\n"
          + "[[ ## sources ## ]]\n[\"doc-1\", \"doc-2\"]\n\n"
          + "[[ ## completed ## ]]";
  static final String JSON_CONTENT =
      "{\"answer\": \"" + Inputs.ANSWER + "\", \"confidence\": " + Inputs.CONFIDENCE
          + ", \"sources\": [\"doc-1\", \"doc-2\"]}";

  private static final byte[] CHAT_BODY = completion(CHAT_CONTENT);
  private static final byte[] JSON_BODY = completion(JSON_CONTENT);
  private static final byte[] MARKER = "[[ ## ".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  private final ExecutorService handlers = Executors.newFixedThreadPool(2);
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong requestBytes = new AtomicLong();
  private final Set<InetSocketAddress> peers = ConcurrentHashMap.newKeySet();

  /**
   * @param latencyMs how long each reply waits; 0 answers at once
   * @throws IOException if the port cannot be bound
   */
  public LoopbackServer(long latencyMs) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    server.setExecutor(handlers);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          byte[] in;
          try (InputStream body = exchange.getRequestBody()) {
            in = body.readAllBytes();
          }
          requests.incrementAndGet();
          requestBytes.addAndGet(in.length);
          peers.add(exchange.getRemoteAddress());
          byte[] reply = contains(in, MARKER) ? CHAT_BODY : JSON_BODY;
          if (latencyMs <= 0) {
            reply(exchange, reply);
          } else {
            timer.schedule(() -> reply(exchange, reply), latencyMs, TimeUnit.MILLISECONDS);
          }
        });
    server.createContext(
        "/stats",
        exchange -> {
          String text = "requests=" + requests.get() + " bytes=" + requestBytes.get() + " connections=" + peers.size();
          if ("POST".equals(exchange.getRequestMethod())) {
            requests.set(0);
            requestBytes.set(0);
            peers.clear();
          }
          byte[] b = text.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, b.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
  }

  /** The full chat-completion body around {@code content}, with every field OpenAI's SDKs read. */
  private static byte[] completion(String content) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", content);
    message.put("refusal", null);
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("logprobs", null);
    choice.put("finish_reason", "stop");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("id", "chatcmpl-bench");
    root.put("object", "chat.completion");
    root.put("created", 1_700_000_000L);
    root.put("model", "bench");
    root.put("choices", List.of(choice));
    root.put("usage", Map.of("prompt_tokens", 300, "completion_tokens", 40, "total_tokens", 340));
    return JsonMapper.builder().build().writeValueAsBytes(root);
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void reply(HttpExchange exchange, byte[] body) {
    try {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      exchange.close();
    }
  }

  /** @return the HTTP body sizes of the ChatAdapter-format and the JSON-format replies, in bytes */
  static int[] replySizes() {
    return new int[] {CHAT_BODY.length, JSON_BODY.length};
  }

  /** @return requests read since the last reset */
  long requests() {
    return requests.get();
  }

  /** @return request body bytes read since the last reset */
  long requestBytes() {
    return requestBytes.get();
  }

  /** @return distinct client connections seen since the last reset */
  int connections() {
    return peers.size();
  }

  /** Zeroes the counters. */
  void resetStats() {
    requests.set(0);
    requestBytes.set(0);
    peers.clear();
  }

  /** @return the OpenAI base URL, {@code http://127.0.0.1:<port>/v1} */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Override
  public void close() {
    server.stop(0);
    timer.shutdownNow();
    handlers.shutdownNow();
  }

  /**
   * Serves until killed, printing {@code url=<base URL>} once ready.
   *
   * @param args latency in ms (default 100)
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    LoopbackServer s = new LoopbackServer(args.length > 0 ? Long.parseLong(args[0]) : 100);
    System.out.println("url=" + s.baseUrl());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
