package dev.jspy.opentelemetry;

import dev.jspy.Callback;
import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Message;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.lm.Usage;
import dev.jspy.testing.LoopbackLMServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-call cost with tracing off and on, against jspy-testing's loopback LM server (the JDK's HTTP server): a custom module around a generated
 * ChainOfThought (four spans a call: module, ChainOfThought, Predict, LM), called one after another.
 * Tracing on means the SDK with a BatchSpanProcessor and an exporter that counts and drops, so what is
 * measured is jspy's callback and the SDK's span bookkeeping, not a backend. Rounds alternate off and on so
 * the machine's drift touches both alike; the median round is reported, as wall time and as the CPU time of
 * the whole JVM (client, server and exporter threads), which other processes on a busy machine disturb less.
 *
 * <pre>
 * mvn -B -o -q -pl opentelemetry exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.jspy.opentelemetry.TracingOverhead [-Dexec.args="ROUNDS CALLS"]
 * </pre>
 */
public final class TracingOverhead {
  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private TracingOverhead() {}

  public static void main(String[] args) throws Exception {
    // Without it the JDK's server sends the body after the headers only once the client's delayed ACK
    // arrives: ~40 ms a call of pure waiting, which would hide any CPU cost (the benchmarks set it too).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    AtomicLong exported = new AtomicLong();
    SpanExporter counting =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            exported.addAndGet(spans.size());
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    try (OpenTelemetrySdk otel =
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(counting).build()).build())
                .build();
        LoopbackLMServer server =
            LoopbackLMServer.replying(r -> LmServer.reply("reasoning", "It is a famous novel.", "answer", "Frank Herbert"));
        OpenAiLM lm = LM.builder("openai/test-model").apiBase(server.baseUrl()).cache(false).numRetries(0).build()) {
      List<Callback> off = List.of();
      List<Callback> on = List.of(JspyTracing.create(otel));
      JspyTracingTest.Pipeline program = new JspyTracingTest.Pipeline();
      // Warm up both paths (JIT, connections).
      run(program, lm, off, calls * 2);
      run(program, lm, on, calls * 2);
      List<Callback> empty = List.of(new Callback() {});
      run(program, lm, empty, calls * 2);
      List<double[]> offUs = new ArrayList<>();
      List<double[]> onUs = new ArrayList<>();
      List<double[]> emptyUs = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        // Rotate the order so that no mode always runs first or last in a round.
        for (int k = 0; k < 3; k++) {
          switch ((r + k) % 3) {
            case 0:
              offUs.add(run(program, lm, off, calls));
              break;
            case 1:
              onUs.add(run(program, lm, on, calls));
              break;
            default:
              emptyUs.add(run(program, lm, empty, calls));
          }
        }
      }
      otel.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
      long spans = exported.get();
      double isolated = callbackOnly((JspyTracing) on.get(0), program, lm);
      double wallOff = median(offUs, 0);
      double wallOn = median(onUs, 0);
      double cpuOff = median(offUs, 1);
      double cpuOn = median(onUs, 1);
      System.out.printf(
          "per call, median of %d rounds of %d calls (%d spans exported):%n"
              + "  wall: tracing off %.1f us, on %.1f us, on/off %.3f%n"
              + "  CPU of the whole JVM (client, server, exporter): off %.1f us, on %.1f us, on/off %.3f%n"
              + "  an empty Callback registered (the runtime's own cost of having a callback): wall %.1f us, CPU %.1f us%n"
              + "  JspyTracing alone, the events of one such call (4 spans) without I/O: %.2f us%n",
          rounds, calls, spans, wallOff, wallOn, wallOn / wallOff, cpuOff, cpuOn, cpuOn / cpuOff,
          median(emptyUs, 0), median(emptyUs, 1), isolated);
    }
  }

  /** The callback's own cost: the start and end events of one Pipeline call, fed directly, in a loop. */
  private static double callbackOnly(JspyTracing tracing, JspyTracingTest.Pipeline program, OpenAiLM lm) {
    LMRequest request =
        new LMRequest(
            List.of(Message.system("Your input fields are: ..."), Message.user("[[ ## question ## ]]\nWho wrote Dune?")),
            Map.of("temperature", 0.0));
    LMResponse response =
        new LMResponse(List.of(new LMResponse.Choice("[[ ## answer ## ]]\nFrank Herbert", "stop")), new Usage(11, 7, 18), "m");
    double best = Double.MAX_VALUE;
    long id = 1L << 40; // far from the runtime's own ids
    for (int round = 0; round < 7; round++) {
      int n = 50_000;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        long a = id++, b = id++, c = id++, d = id++;
        tracing.onModuleStart(a, 0, program, "q");
        tracing.onModuleStart(b, a, program.answer, "q");
        tracing.onModuleStart(c, b, program.answer.predict(), "q");
        tracing.onLmStart(d, c, lm, request);
        tracing.onLmEnd(d, response, null);
        tracing.onModuleEnd(c, "o", null);
        tracing.onModuleEnd(b, "o", null);
        tracing.onModuleEnd(a, "o", null);
      }
      best = Math.min(best, (System.nanoTime() - start) / 1e3 / n);
    }
    return best;
  }

  /** @return microseconds per call: wall time, and the CPU time of the whole process */
  @SuppressWarnings("try")
  private static double[] run(JspyTracingTest.Pipeline program, OpenAiLM lm, List<Callback> callbacks, int calls) {
    try (var scope = Jspy.context(s -> s.lm(lm).callbacks(callbacks))) {
      long cpu = CPU.getProcessCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        if (!"Frank Herbert".equals(program.call(JspyTracingTest.QUESTION))) {
          throw new AssertionError("unexpected answer");
        }
      }
      return new double[] {
        (System.nanoTime() - start) / 1e3 / calls, (CPU.getProcessCpuTime() - cpu) / 1e3 / calls
      };
    }
  }

  private static double median(List<double[]> rows, int column) {
    List<Double> sorted = new ArrayList<>();
    for (double[] row : rows) {
      sorted.add(row[column]);
    }
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
