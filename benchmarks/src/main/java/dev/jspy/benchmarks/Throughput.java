package dev.jspy.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput under latency (issue 5's harness, issue 7's workload 2): N async calls at concurrency C against
 * a loopback OpenAI-compatible server that answers after L ms, for every contender, alternating the order
 * every repeat, medians quoted. Per run: calls/s and its ratio to the physical limit C/L, peak live threads
 * above the JVM's baseline, peak heap used above the baseline (sampled every 5 ms after a GC), and the
 * connections the server saw.
 *
 * <p>Each run builds a fresh contender (so its threads are counted from zero), warms its connections with 2·C
 * calls, then submits all N calls at once (the bare JDK client, which has no limit of its own, through a
 * semaphore of C) and waits for all. A global warm-up first runs every contender so the JIT has compiled
 * them all.
 *
 * <p>Args (all optional): {@code --url <base>} (an external {@link LoopbackServer}, else one is started
 * in-process), {@code --latency 100}, {@code --calls 2000}, {@code --repeats 3}, {@code --concurrency
 * 16,64,256}, {@code --contenders bare,floor,jspy,lc4j,spring} (and {@code floor-vt} on JDK 21+), {@code --out results.tsv}.
 */
public final class Throughput {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private Throughput() {}

  /** One measured run. */
  record Run(double callsPerSecond, int peakThreads, long peakHeapBytes, long connections, long requestBytes) {}

  /** Where the server is and how to read its counters. */
  interface Server {
    String baseUrl();

    void reset();

    long[] stats(); // requests, bytes, connections
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    long latencyMs = Long.parseLong(opt.getOrDefault("latency", "100"));
    int calls = Integer.parseInt(opt.getOrDefault("calls", "2000"));
    int repeats = Integer.parseInt(opt.getOrDefault("repeats", "3"));
    List<Integer> concurrencies = new ArrayList<>();
    for (String c : opt.getOrDefault("concurrency", "16,64,256").split(",")) {
      concurrencies.add(Integer.parseInt(c.trim()));
    }
    // floor-vt (OkHttp on virtual threads) needs JDK 21+: it shows what jspy's OpenAiLM could do there.
    String all = "bare,floor,jspy,lc4j,spring" + (Runtime.version().feature() >= 21 ? ",floor-vt" : "");
    List<String> contenders = Arrays.asList(opt.getOrDefault("contenders", all).split(","));
    LoopbackServer local = opt.containsKey("url") ? null : new LoopbackServer(latencyMs);
    Server server = local != null ? inProcess(local) : remote(opt.get("url"));

    System.out.printf(
        Locale.ROOT,
        "Throughput: %d async calls, server answering after %d ms (%s), %d cores, JDK %s, -Xmx %d MB; "
            + "median of %d runs, contender order rotated every run%n%n",
        calls, latencyMs, local != null ? "in-process" : "separate JVM", Runtime.getRuntime().availableProcessors(),
        Runtime.version(), Runtime.getRuntime().maxMemory() >> 20, repeats);

    // Global warm-up: JIT every contender's path before anything is measured.
    for (String name : contenders) {
      run(server, name, 64, Math.min(calls, 1500));
    }

    StringBuilder tsv = new StringBuilder("C\tcontender\tcalls_per_s\tlimit\tpeak_threads\tpeak_heap_mb\tconnections\n");
    System.out.println(
        "| C | contender | calls/s | % of C/L | % of floor | % of bare | peak threads | peak heap MB | connections |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (int c : concurrencies) {
      Map<String, List<Run>> runs = new LinkedHashMap<>();
      for (String name : contenders) {
        runs.put(name, new ArrayList<>());
      }
      for (int r = 0; r < repeats; r++) {
        List<String> order = new ArrayList<>(contenders);
        Collections.rotate(order, r);
        if (r % 2 == 1) {
          Collections.reverse(order);
        }
        for (String name : order) {
          runs.get(name).add(run(server, name, c, calls));
        }
      }
      double limit = c * 1000.0 / latencyMs;
      double floor = runs.containsKey("floor") ? median(runs.get("floor"), Run::callsPerSecond) : Double.NaN;
      double bare = runs.containsKey("bare") ? median(runs.get("bare"), Run::callsPerSecond) : Double.NaN;
      for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
        List<Run> rs = e.getValue();
        double rate = median(rs, Run::callsPerSecond);
        double threads = median(rs, Run::peakThreads);
        double heap = median(rs, r -> r.peakHeapBytes() / 1048576.0);
        double conns = median(rs, Run::connections);
        System.out.printf(
            Locale.ROOT,
            "| %d | %s | %.0f | %.1f%% | %.1f%% | %.1f%% | %.0f | %.0f | %.0f |%n",
            c, e.getKey(), rate, 100 * rate / limit, 100 * rate / floor, 100 * rate / bare, threads, heap, conns);
        tsv.append(
            String.format(
                Locale.ROOT, "%d\t%s\t%.1f\t%.0f\t%.0f\t%.1f\t%.0f%n", c, e.getKey(), rate, limit, threads, heap, conns));
        System.out.flush();
      }
    }
    if (opt.containsKey("out")) {
      Files.writeString(Path.of(opt.get("out")), tsv);
    }
    if (local != null) {
      local.close();
    }
    System.exit(0);
  }

  interface ToDouble {
    double of(Run r);
  }

  static double median(List<Run> runs, ToDouble f) {
    double[] v = runs.stream().mapToDouble(f::of).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** One run: fresh contender, 2·C warm-up calls, then {@code calls} submitted at once, C in flight. */
  static Run run(Server server, String name, int concurrency, int calls) throws Exception {
    System.gc();
    Thread.sleep(300);
    AtomicLong peakHeap = new AtomicLong();
    long baseHeap = MEMORY.getHeapMemoryUsage().getUsed();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    int baseThreads = THREADS.getThreadCount();
    THREADS.resetPeakThreadCount();
    Run result;
    try (Contender contender = Contender.create(name, server.baseUrl(), concurrency)) {
      Semaphore slots = "bare".equals(name) ? new Semaphore(concurrency) : null;
      submitAll(contender, slots, 2 * concurrency);
      server.reset();
      long start = System.nanoTime();
      if (Boolean.getBoolean("bench.threadDump")) {
        dumpThreadsLater(name, concurrency);
      }
      List<CompletableFuture<?>> all = submitAll(contender, slots, calls);
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      long took = System.nanoTime() - start;
      for (CompletableFuture<?> f : all) {
        contender.check(f.join());
      }
      long[] stats = server.stats();
      if (stats[0] != calls) {
        throw new IllegalStateException(name + ": the server saw " + stats[0] + " requests for " + calls + " calls");
      }
      result =
          new Run(
              calls / (took / 1e9),
              THREADS.getPeakThreadCount() - baseThreads,
              Math.max(0, peakHeap.get() - baseHeap),
              stats[2],
              stats[1] / Math.max(1, stats[0]));
    } finally {
      sampler.interrupt();
    }
    return result;
  }

  /**
   * With {@code -Dbench.threadDump=true}: half a second into a measured run, prints the live threads grouped by
   * name (digits dropped) and top frame, to show what the threads of each contender are doing.
   */
  private static void dumpThreadsLater(String name, int concurrency) {
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(500);
              } catch (InterruptedException e) {
                return;
              }
              Map<String, Integer> groups = new java.util.TreeMap<>();
              for (java.lang.management.ThreadInfo info : THREADS.dumpAllThreads(false, false)) {
                StackTraceElement[] st = info.getStackTrace();
                String top = st.length == 0 ? "-" : st[0].getClassName() + "." + st[0].getMethodName();
                groups.merge(info.getThreadName().replaceAll("[0-9]+", "N") + " " + info.getThreadState() + " @ " + top, 1,
                    Integer::sum);
              }
              StringBuilder b = new StringBuilder("thread dump, " + name + " at C=" + concurrency + ":\n");
              groups.forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %4d  %s%n", v, k)));
              System.err.print(b);
            },
            "thread-dumper");
    t.setDaemon(true);
    t.start();
  }

  private static List<CompletableFuture<?>> submitAll(Contender contender, Semaphore slots, int calls)
      throws InterruptedException {
    List<CompletableFuture<?>> all = new ArrayList<>(calls);
    for (int i = 0; i < calls; i++) {
      if (slots != null) {
        slots.acquire();
        all.add(contender.callAsync().whenComplete((r, e) -> slots.release()));
      } else {
        all.add(contender.callAsync());
      }
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    return all;
  }

  static Server inProcess(LoopbackServer s) {
    return new Server() {
      @Override
      public String baseUrl() {
        return s.baseUrl();
      }

      @Override
      public void reset() {
        s.resetStats();
      }

      @Override
      public long[] stats() {
        return new long[] {s.requests(), s.requestBytes(), s.connections()};
      }
    };
  }

  static Server remote(String baseUrl) {
    URI stats = URI.create(baseUrl.replaceFirst("/v1/?$", "") + "/stats");
    return new Server() {
      @Override
      public String baseUrl() {
        return baseUrl;
      }

      @Override
      public void reset() {
        fetch("POST");
      }

      @Override
      public long[] stats() {
        String[] parts = fetch("GET").split(" ");
        long[] out = new long[3];
        for (int i = 0; i < 3; i++) {
          out[i] = Long.parseLong(parts[i].substring(parts[i].indexOf('=') + 1));
        }
        return out;
      }

      private String fetch(String method) {
        try {
          HttpURLConnection c = (HttpURLConnection) stats.toURL().openConnection();
          c.setRequestMethod(method);
          try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
          } finally {
            c.disconnect();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
