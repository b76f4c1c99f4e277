package dev.jspy.benchmarks;

import dev.jspy.Callback;
import dev.jspy.Example;
import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.evaluate.Metric;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.optimize.BootstrapFewShotWithRandomSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BootstrapFewShotWithRandomSearch against the loopback server at latency L: wall time against the LM calls
 * it made, each at L, with C in flight during evaluation. Bootstrapping runs one example at a time, as
 * DSPy's does, so its calls cost L each; the candidates' evaluations run C at a time.
 *
 * <p>{@code java -cp ... dev.jspy.benchmarks.RandomSearchBench [train=16] [val=200] [L=50] [C=64] [candidates=4]}
 */
public final class RandomSearchBench {
  private RandomSearchBench() {}

  /**
   * @param args train size, val size, L in ms, C, number of candidate programs
   * @throws Exception if the server or the search fails
   */
  public static void main(String[] args) throws Exception {
    int train = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int val = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    long latency = args.length > 2 ? Long.parseLong(args[2]) : 50;
    int c = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    int candidates = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    List<Example> trainset = examples(train);
    List<Example> valset = examples(val);
    Metric<BenchRagOutput> exact = (ex, pred, trace) -> ex.get("answer").equals(pred.answer()) ? 1 : 0;
    AtomicLong calls = new AtomicLong();
    Callback counter =
        new Callback() {
          @Override
          public void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {
            calls.incrementAndGet();
          }
        };
    try (LoopbackServer server = new LoopbackServer(latency);
        OpenAiLM lm = LM.builder("openai/bench").apiBase(server.baseUrl()).apiKey("bench-key")
            .maxConcurrency(c).cache(false).build()) {
      Jspy.configure(s -> s.lm(lm).callbacks(List.of(counter)));
      BootstrapFewShotWithRandomSearch<BenchRagOutput> search =
          BootstrapFewShotWithRandomSearch.builder(exact).numCandidatePrograms(candidates).numThreads(c)
              .displayProgress(false).build();
      search.compile(new BenchRagPredict(), trainset, valset); // warm-up
      calls.set(0);
      long t0 = System.nanoTime();
      search.compile(new BenchRagPredict(), trainset, valset);
      double wall = (System.nanoTime() - t0) / 1e9;
      long n = calls.get();
      double bound = n * latency / 1000.0 / c;
      System.out.printf(Locale.ROOT,
          "RandomSearch train=%d val=%d candidates=%d (%d programs) L=%dms C=%d: %d LM calls, wall %.3f s, "
              + "calls*L/C %.3f s, calls*L (all sequential) %.3f s%n",
          train, val, candidates, candidates + 3, latency, c, n, wall, bound, n * latency / 1000.0);
    }
  }

  private static List<Example> examples(int n) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Example.of("question", Inputs.QUESTION + " #" + i, "context", Inputs.CONTEXT, "language",
          Inputs.LANGUAGE, "answer", Inputs.ANSWER).withInputs("question", "context", "language"));
    }
    return out;
  }
}
