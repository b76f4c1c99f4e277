package dev.jspy.benchmarks;

import dev.jspy.Callback;
import dev.jspy.Jspy;
import dev.jspy.micrometer.JspyMetrics;
import dev.jspy.opentelemetry.JspyTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link JspyContender} with what a service turns on: every call traced by {@code jspy-opentelemetry} (the real
 * SDK, a batch processor, an exporter that drops the spans so the network is not measured) and measured by
 * {@code jspy-micrometer} (a {@link SimpleMeterRegistry}); or, to split the runtime's share from theirs, one
 * callback that does nothing.
 */
final class ObservedJspyContender implements Contender {
  private final JspyContender jspy;
  private final OpenTelemetrySdk otel;

  private final String name;

  /**
   * @param name {@code jspyObserved}: tracing and metrics on; {@code jspyTraced}, {@code jspyMetered}: one of
   *     them; {@code jspyNoopCallback}: one callback that does nothing (what the runtime's events cost alone)
   */
  ObservedJspyContender(String name, String baseUrl, int concurrency) {
    this.name = name;
    otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            // -Djspy.bench.simpleSpans=true: export on the ending thread, no batch worker thread
            .addSpanProcessor(Boolean.getBoolean("jspy.bench.simpleSpans")
                ? SimpleSpanProcessor.create(new Dropping())
                : BatchSpanProcessor.builder(new Dropping()).build())
            .build())
        .build();
    List<Callback> callbacks;
    switch (name) {
      case "jspyObserved":
        callbacks = List.of(JspyTracing.create(otel), JspyMetrics.create(new SimpleMeterRegistry()));
        break;
      case "jspyTraced":
        callbacks = List.of(JspyTracing.create(otel));
        break;
      case "jspyMetered":
        callbacks = List.of(JspyMetrics.create(new SimpleMeterRegistry()));
        break;
      default:
        callbacks = List.of(new Callback() {});
    }
    Jspy.configure(s -> s.callbacks(callbacks));
    jspy = new JspyContender(baseUrl, concurrency, false);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Object call() {
    return jspy.call();
  }

  @Override
  public CompletableFuture<?> callAsync() {
    return jspy.callAsync();
  }

  @Override
  public void check(Object result) {
    jspy.check(result);
  }

  @Override
  public void close() {
    jspy.close();
    otel.close();
    Jspy.configure(s -> s.callbacks(List.of()));
  }

  /** Accepts every span and keeps none. */
  private static final class Dropping implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
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
  }
}
