package dev.jspy.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.jspy.lm.LM;
import dev.jspy.Predict;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.streaming.FieldChunk;
import dev.jspy.streaming.StreamEvent;
import dev.jspy.streaming.StreamListener;
import dev.jspy.streaming.StreamRun;
import dev.jspy.streaming.Streamify;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streaming overhead on loopback: time to the first field chunk and time per chunk through
 * {@code Streamify} (SSE parse, field detection, Flow delivery to a subscriber on another thread) against
 * a hand-written OkHttp SSE reader (read lines, parse each event with Jackson, take the content) on the same
 * server. The server streams a ChatAdapter reply of {@code N} word deltas with no pause between them.
 *
 * <p>Then {@code C} streams at once, each of 64 deltas with 1 ms between them ("SLOW"): wall time and the
 * JVM's peak thread count, the floor reading each stream on its own thread, jspy through one LM.
 *
 * <p>{@code java -cp ... dev.jspy.benchmarks.StreamBench [runs=2000] [N=2000] [longRuns=30] [C=256]}
 */
public final class StreamBench {
  static {
    // Without TCP_NODELAY the JDK server's small writes meet the client's delayed ACK: ~40 ms per reply.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  record In(String question) {}

  record Out(String answer) {}

  static final SignatureSpec<In, Out> QA =
      SignatureSpec.<In, Out>builder("Qa")
          .instructions("Given the fields `question`, produce the fields `answer`.")
          .input("question", "", FieldType.STRING)
          .output("answer", "", FieldType.STRING)
          .inputValues(in -> new Object[] {in.question()})
          .outputs(v -> new Out(v.get(0)))
          .outputValues(out -> new Object[] {out.answer()})
          .build();

  private StreamBench() {}

  static byte[] sse(int words) {
    StringBuilder b = new StringBuilder();
    List<String> deltas = new ArrayList<>();
    deltas.add("[[ ## answer ## ]]\n");
    for (int i = 0; i < words; i++) {
      deltas.add("w" + i + " ");
    }
    deltas.add("\n\n[[ ## completed ## ]]");
    for (String d : deltas) {
      Map<String, Object> choice = new LinkedHashMap<>();
      choice.put("index", 0);
      choice.put("delta", Map.of("content", d));
      choice.put("finish_reason", null);
      b.append("data: ").append(JSON.writeValueAsString(Map.of("id", "c", "object", "chat.completion.chunk",
          "model", "bench", "choices", List.of(choice)))).append("\n\n");
    }
    b.append("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
    b.append("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":")
        .append(words).append(",\"total_tokens\":").append(words + 10).append("}}\n\n");
    b.append("data: [DONE]\n\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Each event is written and flushed on its own, as a server streaming tokens does. */
  static HttpServer server(byte[] shortReply, byte[] longReply) throws IOException {
    return server(shortReply, longReply, sse(64));
  }

  static HttpServer server(byte[] shortReply, byte[] longReply, byte[] slowReply) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sse-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/v1/chat/completions", exchange -> {
      byte[] in;
      try (InputStream body = exchange.getRequestBody()) {
        in = body.readAllBytes();
      }
      String request = new String(in, StandardCharsets.UTF_8);
      boolean slow = request.contains("SLOW");
      byte[] reply = slow ? slowReply : request.contains("LONG") ? longReply : shortReply;
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        int start = 0;
        for (int i = 0; i + 1 < reply.length; i++) {
          if (reply[i] == '\n' && reply[i + 1] == '\n') {
            out.write(reply, start, i + 2 - start);
            out.flush();
            start = i + 2;
            if (slow) {
              try {
                Thread.sleep(1);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
            }
          }
        }
      } catch (IOException e) {
        // the client hung up
      }
    });
    server.start();
    return server;
  }

  /** The floor: OkHttp, read SSE lines, parse each with Jackson, note the first delta past the field marker. */
  static long[] floor(OkHttpClient client, String url, String question) throws IOException {
    String body = "{\"model\":\"bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
    long t0 = System.nanoTime();
    long first = -1;
    int deltas = 0;
    try (Response r = client.newCall(new Request.Builder().url(url)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
      BufferedSource source = r.body().source();
      StringBuilder text = new StringBuilder();
      String line;
      while ((line = source.readUtf8Line()) != null) {
        if (!line.startsWith("data: ")) {
          continue;
        }
        String data = line.substring(6);
        if (data.equals("[DONE]")) {
          break;
        }
        JsonNode root = JSON.readTree(data);
        for (JsonNode c : root.path("choices")) {
          JsonNode content = c.path("delta").path("content");
          if (content.isString()) {
            text.append(content.stringValue());
            deltas++;
            if (first < 0 && deltas == 2) { // the first word after "[[ ## answer ## ]]\n"
              first = System.nanoTime() - t0;
            }
          }
        }
      }
    }
    return new long[] {first, System.nanoTime() - t0};
  }

  /** jspy: Streamify over a Predict; a subscriber on a pool thread sees the first FieldChunk. */
  static long[] jspy(Streamify<In, Out> streamer, String question) throws Exception {
    long t0 = System.nanoTime();
    StreamRun<Out> run = streamer.stream(new In(question));
    long[] first = {-1};
    CountDownLatch done = new CountDownLatch(1);
    run.subscribe(new Flow.Subscriber<StreamEvent>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(StreamEvent item) {
        if (first[0] < 0 && item instanceof FieldChunk) {
          first[0] = System.nanoTime() - t0;
        }
      }

      @Override
      public void onError(Throwable t) {
        t.printStackTrace();
        done.countDown();
      }

      @Override
      public void onComplete() {
        done.countDown();
      }
    });
    done.await(60, TimeUnit.SECONDS);
    run.result().get(60, TimeUnit.SECONDS);
    return new long[] {first[0], System.nanoTime() - t0};
  }

  static double median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1000.0;
  }

  static double p99(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1000.0;
  }

  /**
   * @param args runs, N (deltas of the long reply), long runs
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int longRuns = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int concurrent = args.length > 3 ? Integer.parseInt(args[3]) : 256;
    HttpServer server = server(sse(16), sse(n));
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    OkHttpClient client = new OkHttpClient();
    try (OpenAiLM lm = LM.builder("openai/bench").apiBase(base).apiKey("bench-key").cache(false)
        .maxConcurrency(Math.max(OpenAiLM.DEFAULT_MAX_CONCURRENCY, concurrent)).build()) {
      Predict<In, Out> predict = new Predict<>(QA).lm(lm);
      Streamify<In, Out> streamer = Streamify.of(predict, List.of(StreamListener.of("answer")), null, true);
      for (int i = 0; i < Math.max(200, runs / 4); i++) { // warm-up, both paths
        floor(client, base + "/chat/completions", "q");
        jspy(streamer, "q");
      }
      long[] floorFirst = new long[runs];
      long[] jspyFirst = new long[runs];
      for (int i = 0; i < runs; i++) { // interleaved, so both see the same machine
        floorFirst[i] = floor(client, base + "/chat/completions", "q")[0];
        jspyFirst[i] = jspy(streamer, "q")[0];
      }
      long[] floorLong = new long[longRuns];
      long[] jspyLong = new long[longRuns];
      for (int i = 0; i < 3; i++) {
        floor(client, base + "/chat/completions", "LONG");
        jspy(streamer, "LONG");
      }
      for (int i = 0; i < longRuns; i++) {
        floorLong[i] = floor(client, base + "/chat/completions", "LONG")[1];
        jspyLong[i] = jspy(streamer, "LONG")[1];
      }
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      client.dispatcher().setMaxRequests(concurrent);
      client.dispatcher().setMaxRequestsPerHost(concurrent);
      double[] floorWall = new double[3];
      double[] jspyWall = new double[3];
      int floorPeak = 0;
      int jspyPeak = 0;
      int before = threads.getThreadCount();
      for (int round = 0; round < 3; round++) { // jspy first: the floor's reader pool is not there yet
        threads.resetPeakThreadCount();
        long t0 = System.nanoTime();
        List<CompletableFuture<Out>> js = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
          js.add(streamer.stream(new In("SLOW")).forEach(e -> { }));
        }
        CompletableFuture.allOf(js.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
        jspyWall[round] = (System.nanoTime() - t0) / 1e6;
        jspyPeak = Math.max(jspyPeak, threads.getPeakThreadCount());
      }
      ExecutorService readers = Executors.newFixedThreadPool(concurrent);
      for (int round = 0; round < 3; round++) {
        threads.resetPeakThreadCount();
        long t0 = System.nanoTime();
        List<java.util.concurrent.Future<long[]>> fs = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
          fs.add(readers.submit(() -> floor(client, base + "/chat/completions", "SLOW")));
        }
        for (java.util.concurrent.Future<long[]> f : fs) {
          f.get(120, TimeUnit.SECONDS);
        }
        floorWall[round] = (System.nanoTime() - t0) / 1e6;
        floorPeak = Math.max(floorPeak, threads.getPeakThreadCount());
      }
      readers.shutdown();
      System.out.printf(Locale.ROOT, "time to first field chunk (%d runs, 16-word reply), microseconds:%n", runs);
      System.out.printf(Locale.ROOT, "  floor (OkHttp + Jackson SSE reader): median %.1f  p99 %.1f%n",
          median(floorFirst), p99(floorFirst));
      System.out.printf(Locale.ROOT, "  jspy Streamify -> Flow subscriber:   median %.1f  p99 %.1f%n",
          median(jspyFirst), p99(jspyFirst));
      System.out.printf(Locale.ROOT, "  difference of medians: %.1f%n", median(jspyFirst) - median(floorFirst));
      System.out.printf(Locale.ROOT, "per chunk (%d-delta reply, %d runs), microseconds per delta:%n", n, longRuns);
      System.out.printf(Locale.ROOT, "  floor: %.2f  jspy: %.2f  overhead: %.2f%n", median(floorLong) / n,
          median(jspyLong) / n, (median(jspyLong) - median(floorLong)) / n);
      System.out.printf(Locale.ROOT, "%d streams at once (64 deltas, 1 ms apart), Java %d, last of 3 rounds:%n",
          concurrent, Runtime.version().feature());
      System.out.printf(Locale.ROOT, "  (platform threads before: %d; the server adds about one per open stream)%n", before);
      System.out.printf(Locale.ROOT, "  floor (a reader thread per stream): %.0f ms, peak threads %d%n",
          floorWall[2], floorPeak);
      System.out.printf(Locale.ROOT, "  jspy Streamify:                     %.0f ms, peak threads %d%n",
          jspyWall[2], jspyPeak);
    } finally {
      server.stop(0);
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
