package dev.jspy.benchmarks;

import dev.jspy.Example;
import dev.jspy.LM;
import dev.jspy.evaluate.Evaluate;
import dev.jspy.evaluate.EvaluationResult;
import dev.jspy.evaluate.Metric;
import dev.jspy.lm.OpenAiLM;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluate over N examples against the loopback server at latency L with C examples (and LM requests) in
 * flight: wall time against the limit N·L/C, and the threads the JVM used.
 *
 * <p>{@code java -cp ... dev.jspy.benchmarks.EvaluateBench [N=2000] [L=100] [C=64,256]}
 */
public final class EvaluateBench {
  private EvaluateBench() {}

  /**
   * @param args N, L in ms, comma-separated C values
   * @throws Exception if the server or a run fails
   */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    long latency = args.length > 1 ? Long.parseLong(args[1]) : 100;
    String[] windows = (args.length > 2 ? args[2] : "64,256").split(",");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Example> devset = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      devset.add(Example.of("question", Inputs.QUESTION, "context", Inputs.CONTEXT, "language", Inputs.LANGUAGE,
          "answer", Inputs.ANSWER).withInputs("question", "context", "language"));
    }
    Metric<BenchRagOutput> exact = (ex, pred, trace) -> ex.get("answer").equals(pred.answer()) ? 1 : 0;
    try (LoopbackServer server = new LoopbackServer(latency)) {
      for (String w : windows) {
        int c = Integer.parseInt(w.trim());
        try (OpenAiLM lm = LM.builder("openai/bench").apiBase(server.baseUrl()).apiKey("bench-key")
            .maxConcurrency(c).cache(false).build()) {
          BenchRagPredict program = new BenchRagPredict();
          program.lm(lm);
          Evaluate warm = Evaluate.builder(devset.subList(0, Math.min(n, 4 * c))).numThreads(c).build();
          warm.run(program, EvaluateBench::input, exact);
          int before = threads.getThreadCount();
          threads.resetPeakThreadCount();
          Evaluate evaluate = Evaluate.builder(devset).numThreads(c).build();
          long t0 = System.nanoTime();
          EvaluationResult<BenchRagOutput> result = evaluate.run(program, EvaluateBench::input, exact);
          double wall = (System.nanoTime() - t0) / 1e9;
          double limit = n * latency / 1000.0 / c;
          if (result.score() != 100.0) {
            throw new IllegalStateException("expected every example right, got " + result);
          }
          System.out.printf(Locale.ROOT,
              "Evaluate N=%d L=%dms C=%d: wall %.3f s, limit N*L/C %.3f s, share %.1f%%, JVM threads %d before"
                  + " / %d peak (%s)%n",
              n, latency, c, wall, limit, 100 * limit / wall, before, threads.getPeakThreadCount(), byPool());
        }
      }
    }
  }

  private static BenchRagInput input(Example e) {
    return new BenchRagInput((String) e.get("question"), (String) e.get("context"), (String) e.get("language"));
  }

  /** Live threads by name with digits dropped: which pools they belong to. */
  private static String byPool() {
    Map<String, Integer> pools = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      pools.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return pools.toString();
  }
}
