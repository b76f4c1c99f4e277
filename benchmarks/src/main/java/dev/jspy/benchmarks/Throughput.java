package dev.jspy.benchmarks;

import dev.jspy.Jspy;
import dev.jspy.LM;
import dev.jspy.lm.OpenAiLM;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * N async calls at concurrency C against a loopback OpenAI-compatible server that answers after L ms:
 * jspy's generated predictor versus a bare JDK {@link HttpClient} (HTTP/1.1, no framework) in the same
 * run, alternating, median of repeats. Prints a Markdown table.
 *
 * <p>Run: {@code mvn -q install -DskipTests && mvn -q -pl benchmarks exec:java}
 * ({@code -Dexec.args="100 3 16 64 256"}: latency ms, repeats, concurrencies).
 */
public final class Throughput {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Throughput() {}

  record Run(double callsPerSecond, int peakThreads) {}

  public static void main(String[] args) throws Exception {
    long latencyMs = args.length > 0 ? Long.parseLong(args[0]) : 100;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Integer> concurrencies = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      concurrencies.add(Integer.parseInt(args[i]));
    }
    if (concurrencies.isEmpty()) {
      concurrencies = List.of(16, 64, 256);
    }
    System.out.printf(
        Locale.ROOT,
        "Loopback server answering after %d ms; %d cores; JDK %s; median of %d alternating runs%n%n",
        latencyMs, Runtime.getRuntime().availableProcessors(), Runtime.version(), repeats);
    System.out.println("| C | calls | limit C/L (calls/s) | bare JDK HttpClient (calls/s) | jspy (calls/s) | jspy / bare | jspy / limit | peak threads bare | peak threads jspy |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    try (LoopbackServer server = new LoopbackServer(latencyMs)) {
      for (int c : concurrencies) {
        int calls = Math.max(2000, 40 * c);
        // Warm both paths up (JIT, connection pools) before measuring.
        bare(server, c, Math.min(calls, 1000));
        jspy(server, c, Math.min(calls, 1000));
        List<Run> bareRuns = new ArrayList<>();
        List<Run> jspyRuns = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
          if (r % 2 == 0) {
            bareRuns.add(bare(server, c, calls));
            jspyRuns.add(jspy(server, c, calls));
          } else {
            jspyRuns.add(jspy(server, c, calls));
            bareRuns.add(bare(server, c, calls));
          }
        }
        double limit = c * 1000.0 / latencyMs;
        double b = median(bareRuns, true);
        double j = median(jspyRuns, true);
        System.out.printf(
            Locale.ROOT,
            "| %d | %d | %.0f | %.0f | %.0f | %.1f%% | %.1f%% | %.0f | %.0f |%n",
            c, calls, limit, b, j, 100 * j / b, 100 * j / limit, median(bareRuns, false), median(jspyRuns, false));
      }
    }
  }

  private static double median(List<Run> runs, boolean rate) {
    List<Double> v = new ArrayList<>();
    for (Run r : runs) {
      v.add(rate ? r.callsPerSecond() : r.peakThreads());
    }
    Collections.sort(v);
    return v.get(v.size() / 2);
  }

  /** The floor: the JDK's non-blocking client, C requests in flight, each body read as a string. */
  static Run bare(LoopbackServer server, int concurrency, int calls) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String body =
        "{\"model\":\"bench\",\"messages\":[{\"role\":\"system\",\"content\":\"Your input fields are:\\n1. `question` (str):\"},"
            + "{\"role\":\"user\",\"content\":\"[[ ## question ## ]]\\nq\"}]}";
    URI uri = URI.create(server.baseUrl() + "/chat/completions");
    Semaphore slots = new Semaphore(concurrency);
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>(calls);
    THREADS.resetPeakThreadCount();
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      slots.acquire();
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> slots.release()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    long took = System.nanoTime() - start;
    for (CompletableFuture<HttpResponse<String>> f : all) {
      if (f.join().statusCode() != 200) {
        throw new IllegalStateException("bare call failed: " + f.join().statusCode());
      }
    }
    return new Run(calls / (took / 1e9), THREADS.getPeakThreadCount());
  }

  /** jspy: a generated predictor, every call submitted at once, the LM bounding C in flight. */
  static Run jspy(LoopbackServer server, int concurrency, int calls) {
    try (OpenAiLM lm =
        LM.builder("openai/bench").apiBase(server.baseUrl()).apiKey(null).maxConcurrency(concurrency).build()) {
      Jspy.configure(s -> s.lm(lm));
      Jspy.history().maxSize(0);
      BenchQaPredict predict = new BenchQaPredict();
      List<CompletableFuture<BenchQaOutput>> all = new ArrayList<>(calls);
      THREADS.resetPeakThreadCount();
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        all.add(predict.aforward("question " + i));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      long took = System.nanoTime() - start;
      for (CompletableFuture<BenchQaOutput> f : all) {
        if (!"42".equals(f.join().answer())) {
          throw new IllegalStateException("unexpected answer " + f.join());
        }
      }
      return new Run(calls / (took / 1e9), THREADS.getPeakThreadCount());
    }
  }
}
