package dev.jspy.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAI-compatible {@code /v1/chat/completions} on 127.0.0.1 that answers every request with the same
 * ChatAdapter-format completion after {@code latencyMs}. The wait holds no thread: replies are written
 * from a scheduler, so the server itself is not the bottleneck at hundreds of calls in flight.
 */
final class LoopbackServer implements AutoCloseable {
  static final String REPLY =
      "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"model\":\"bench\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"[[ ## answer ## ]]\\n42\\n\\n[[ ## completed ## ]]\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":12,\"total_tokens\":132}}";
  private static final byte[] BODY = REPLY.getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  private final ExecutorService handlers = Executors.newFixedThreadPool(2);

  LoopbackServer(long latencyMs) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(handlers);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          if (latencyMs <= 0) {
            reply(exchange);
          } else {
            timer.schedule(() -> reply(exchange), latencyMs, TimeUnit.MILLISECONDS);
          }
        });
    server.start();
  }

  private static void reply(HttpExchange exchange) {
    try {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    } catch (IOException e) {
      exchange.close();
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Override
  public void close() {
    server.stop(0);
    timer.shutdownNow();
    handlers.shutdownNow();
  }
}
