package dev.jspy.micrometer;

import dev.jspy.Callback;
import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.lm.Usage;
import dev.jspy.testing.LoopbackLMServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A plain loop harness (not a test): the per-call cost of a blocking {@code QaPredict.forward} with no
 * callbacks, with {@link JspyMetrics}, with {@link JspyObservations} (timed by a
 * {@code DefaultMeterObservationHandler}), with both, with observations on a no-op registry and on a
 * registry whose only handler does nothing, and with a callback that does nothing (the runtime's own cost
 * of callback events). Two LMs: one in process that answers at once (the worst case for the relative
 * cost: no I/O at all), and a real OpenAI-compatible server on loopback (jspy-testing's, reporting no
 * usage). Variants alternate within each round; the median of the rounds is printed.
 *
 * <p>Run: {@code java -cp micrometer/target/test-classes:micrometer/target/classes:<test classpath>
 * dev.jspy.micrometer.PerCallCost [rounds] [callsPerRound]}.
 */
@SuppressWarnings("try")
public final class PerCallCost {
  private PerCallCost() {}

  /** Answers at once, in process, with usage. */
  static final class InstantLM implements LM {
    private final LMResponse response =
        new LMResponse(
            List.of(new LMResponse.Choice("[[ ## answer ## ]]\nBlue.\n\n[[ ## completed ## ]]\n", "stop")),
            new Usage(120, 8, 128),
            "instant");

    @Override
    public String model() {
      return "openai/instant";
    }

    @Override
    public CompletableFuture<LMResponse> acall(LMRequest request) {
      return CompletableFuture.completedFuture(response);
    }

    @Override
    public void close() {}
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    System.out.println("in-process LM, " + rounds + " rounds of " + calls + " calls per variant:");
    run(new InstantLM(), rounds, calls);
    try (LoopbackLMServer server = LoopbackLMServer.replying(request -> ScriptedServer.chat("answer", "Blue."));
        OpenAiLM lm =
            LM.builder("openai/test-model").apiBase(server.baseUrl()).apiKey("sk-bench").cache(false).numRetries(0).build()) {
      System.out.println("loopback HTTP server, " + rounds + " rounds of " + calls / 20 + " calls per variant:");
      run(lm, rounds, calls / 20);
    }
  }

  private static void run(LM lm, int rounds, int calls) {
    MeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    JspyMetrics metrics = JspyMetrics.create(meters);
    JspyObservations observed = JspyObservations.create(observations);
    Map<String, List<Callback>> variants = new LinkedHashMap<>();
    variants.put("off (no callbacks)", List.of());
    // A callback that does nothing: what the runtime's callback events cost before any of this module's work.
    variants.put("a Callback that does nothing", List.of(new Callback() {}));
    variants.put("JspyMetrics", List.of(metrics));
    variants.put("JspyObservations", List.of(observed));
    variants.put("both", List.of(metrics, observed));
    variants.put("JspyObservations, NOOP registry", List.of(JspyObservations.create(ObservationRegistry.NOOP)));
    // A registry whose one handler does nothing: what JspyObservations itself costs, without the meters.
    ObservationRegistry bare = ObservationRegistry.create();
    bare.observationConfig().observationHandler(context -> true);
    variants.put("JspyObservations, empty handler", List.of(JspyObservations.create(bare)));

    QaPredict predict = new QaPredict();
    Map<String, double[]> perCall = new LinkedHashMap<>();
    variants.keySet().forEach(k -> perCall.put(k, new double[rounds]));
    // Warm-up: every variant, as many calls as a round.
    for (Map.Entry<String, List<Callback>> v : variants.entrySet()) {
      time(lm, v.getValue(), calls, () -> predict.forward("Why is the sky blue?"));
    }
    for (int r = 0; r < rounds; r++) {
      List<Map.Entry<String, List<Callback>>> order = new ArrayList<>(variants.entrySet());
      if (r % 2 == 1) {
        java.util.Collections.reverse(order);
      }
      for (Map.Entry<String, List<Callback>> v : order) {
        perCall.get(v.getKey())[r] = time(lm, v.getValue(), calls, () -> predict.forward("Why is the sky blue?"));
      }
    }
    double off = median(perCall.get("off (no callbacks)"));
    for (Map.Entry<String, double[]> e : perCall.entrySet()) {
      double m = median(e.getValue());
      System.out.printf("  %-34s %8.2f us/call  %.3fx off%n", e.getKey(), m, m / off);
    }
  }

  private static double time(LM lm, List<Callback> callbacks, int calls, Supplier<Object> call) {
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(callbacks))) {
      long start = System.nanoTime();
      Object sink = null;
      for (int i = 0; i < calls; i++) {
        sink = call.get();
      }
      long took = System.nanoTime() - start;
      if (sink == null) {
        throw new AssertionError("no output");
      }
      return took / 1_000.0 / calls;
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
