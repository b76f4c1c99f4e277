package dev.jspy.opentelemetry;

import dev.jspy.Callback;
import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.LoopbackLMServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-call cost with tracing off and on, against jspy-testing's loopback LM server (the JDK's HTTP server): a custom module around a generated
 * ChainOfThought (four spans a call: module, ChainOfThought, Predict, LM), called one after another.
 * Tracing on means the SDK with a BatchSpanProcessor and an exporter that counts and drops, so what is
 * measured is jspy's callback and the SDK's span bookkeeping, not a backend. Rounds alternate off and on so
 * the machine's drift touches both alike; the median round is reported.
 *
 * <pre>
 * mvn -B -o -q -pl opentelemetry exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.jspy.opentelemetry.TracingOverhead [-Dexec.args="ROUNDS CALLS"]
 * </pre>
 */
public final class TracingOverhead {
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
      List<Double> offUs = new ArrayList<>();
      List<Double> onUs = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        boolean offFirst = r % 2 == 0;
        double a = run(program, lm, offFirst ? off : on, calls);
        double b = run(program, lm, offFirst ? on : off, calls);
        offUs.add(offFirst ? a : b);
        onUs.add(offFirst ? b : a);
      }
      otel.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
      double medOff = median(offUs);
      double medOn = median(onUs);
      System.out.printf(
          "per call, median of %d rounds of %d calls: tracing off %.1f us, on %.1f us, on/off %.3f (%d spans exported)%n",
          rounds, calls, medOff, medOn, medOn / medOff, exported.get());
    }
  }

  @SuppressWarnings("try")
  private static double run(JspyTracingTest.Pipeline program, OpenAiLM lm, List<Callback> callbacks, int calls) {
    try (var scope = Jspy.context(s -> s.lm(lm).callbacks(callbacks))) {
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        if (!"Frank Herbert".equals(program.call(JspyTracingTest.QUESTION))) {
          throw new AssertionError("unexpected answer");
        }
      }
      return (System.nanoTime() - start) / 1e3 / calls;
    }
  }

  private static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
