package dev.jspy.benchmarks;

import dev.jspy.Example;
import dev.jspy.lm.LM;
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
  private static final int WARMUP_RUNS = 2;

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
          Evaluate evaluate = Evaluate.builder(devset).numThreads(c).build();
          List<BenchRagInput> inputs = new ArrayList<>(n);
          for (Example e : devset) {
            inputs.add(input(e));
          }
          // Warm up on full runs of both: at C=256 a run lasts under a second, so a JIT that is still
          // compiling (a shorter warm-up) shows up as a lower share that is not Evaluate's.
          for (int i = 0; i < WARMUP_RUNS; i++) {
            evaluate.run(program, EvaluateBench::input, exact);
            program.batch(inputs, c);
          }
          int before = threads.getThreadCount();
          threads.resetPeakThreadCount();
          long t0 = System.nanoTime();
          EvaluationResult<BenchRagOutput> result = evaluate.run(program, EvaluateBench::input, exact);
          double wall = (System.nanoTime() - t0) / 1e9;
          double limit = n * latency / 1000.0 / c;
          if (result.score() != 100.0) {
            throw new IllegalStateException("expected every example right, got " + result);
          }
          int peak = threads.getPeakThreadCount();
          String pools = byPool();
          // The same calls through Module.batch (the same window, no metric, no results): what the LM client
          // and the server reach on this machine, so the difference is Evaluate's own cost.
          long t1 = System.nanoTime();
          program.batch(inputs, c);
          double batchWall = (System.nanoTime() - t1) / 1e9;
          System.out.printf(Locale.ROOT,
              "Evaluate N=%d L=%dms C=%d: wall %.3f s, limit N*L/C %.3f s, share %.1f%% (Module.batch, same"
                  + " window: %.3f s, %.1f%%), JVM threads %d before / %d peak (%s)%n",
              n, latency, c, wall, limit, 100 * limit / wall, batchWall, 100 * limit / batchWall, before, peak,
              pools);
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
