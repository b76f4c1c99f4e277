package dev.jspy.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The practical limit of issue 5: the JDK's non-blocking {@link HttpClient} (HTTP/1.1), no framework, the
 * jspy-sized request sent as a constant and the reply read as a string, not parsed. Its async call is
 * {@code sendAsync}; it has no limit of its own, so the throughput harness bounds it with a semaphore.
 */
final class BareJdkContender implements Contender {
  private static final String BODY =
      "{\"model\":\"bench\",\"messages\":[{\"role\":\"system\",\"content\":\"" + "x".repeat(1100) + "\"},"
          + "{\"role\":\"user\",\"content\":\"" + "y".repeat(750) + "\"}]}";

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
  private final URI uri;

  BareJdkContender(String baseUrl) {
    uri = URI.create(baseUrl + "/chat/completions");
  }

  @Override
  public String name() {
    return "bare";
  }

  private HttpRequest request() {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer bench-key")
        .POST(HttpRequest.BodyPublishers.ofString(BODY))
        .build();
  }

  @Override
  public Object call() {
    try {
      return client.send(request(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public CompletableFuture<?> callAsync() {
    return client.sendAsync(request(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void check(Object result) {
    HttpResponse<?> r = (HttpResponse<?>) result;
    if (r.statusCode() != 200) {
      throw new IllegalStateException("bare call failed: HTTP " + r.statusCode());
    }
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
