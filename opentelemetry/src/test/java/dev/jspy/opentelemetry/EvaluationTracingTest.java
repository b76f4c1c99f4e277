package dev.jspy.opentelemetry;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Example;
import dev.jspy.Jspy;
import dev.jspy.evaluate.Evaluate;
import dev.jspy.evaluate.EvaluationCancelledException;
import dev.jspy.evaluate.EvaluationResult;
import dev.jspy.evaluate.Metric;
import dev.jspy.lm.OpenAiLM;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An evaluation, or a batch, of more examples than its window under a span of the user's: one trace, every
 * example under the evaluation's (or batch's) span, which is under the user's. Examples after the first
 * window are started from other examples' completion threads, where the user's span is not current.
 */
@Timeout(120)
@SuppressWarnings("try")
class EvaluationTracingTest {
  static final int EXAMPLES = 12;
  static final int WINDOW = 3;

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
  private final Tracer userTracer = otel.getTracer("the-application");

  @AfterEach
  void close() {
    otel.close();
  }

  static List<Example> devset(int n) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Example.of("question", "question " + i, "answer", "Frank Herbert").withInputs("question"));
    }
    return out;
  }

  static final Metric<String> EXACT = (example, prediction, trace) ->
      example.get("answer").equals(prediction) ? 1.0 : 0.0;

  @Test
  void anEvaluationIsOneTraceUnderTheCallersSpan() throws Exception {
    EvaluationResult<String> result;
    try (LmServer server = LmServer.replying(JspyTracingTest::script);
        OpenAiLM lm = server.lm().build();
        var settings = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
      Evaluate evaluate = Evaluate.builder(devset(EXAMPLES)).numThreads(WINDOW).build();
      Span request = userTracer.spanBuilder("nightly eval").startSpan();
      try (Scope s = request.makeCurrent()) {
        result = evaluate.run(new JspyTracingTest.Pipeline(), e -> (String) e.get("question"), EXACT);
      } finally {
        request.end();
      }
    }
    assertThat(result.score()).isEqualTo(100.0);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertWithMessage("trace ids of %s", JspyTracingTest.paths(spans))
        .that(spans.stream().map(SpanData::getTraceId).distinct().count()).isEqualTo(1);
    SpanData user = JspyTracingTest.named(spans, "nightly eval");
    SpanData evaluation = JspyTracingTest.named(spans, "evaluate Pipeline");
    assertThat(evaluation.getParentSpanId()).isEqualTo(user.getSpanId());
    assertThat(evaluation.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(evaluation.getAttributes().get(GenAi.JSPY_MODULE_CLASS))
        .isEqualTo(JspyTracingTest.Pipeline.class.getName());
    assertThat(evaluation.getAttributes().get(GenAi.JSPY_EVALUATE_EXAMPLE_COUNT)).isEqualTo((long) EXAMPLES);
    assertThat(evaluation.getAttributes().get(GenAi.JSPY_EVALUATE_SCORE)).isEqualTo(100.0);
    assertThat(evaluation.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

    List<SpanData> examples = all(spans, "Pipeline");
    assertThat(examples).hasSize(EXAMPLES);
    for (SpanData example : examples) {
      assertThat(example.getParentSpanId()).isEqualTo(evaluation.getSpanId());
    }
    List<String> paths = JspyTracingTest.paths(spans);
    assertThat(paths.stream().filter(p -> p.equals(
        "nightly eval > evaluate Pipeline > Pipeline > QaChainOfThought > Predict > chat test-model")).count())
        .isEqualTo(EXAMPLES);
  }

  @Test
  void aStoppedEvaluationEndsItsSpanWithTheError() throws Exception {
    try (LmServer server = LmServer.failing(500);
        OpenAiLM lm = server.lm().build();
        var settings = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
      Evaluate evaluate = Evaluate.builder(devset(EXAMPLES)).numThreads(WINDOW).maxErrors(2).build();
      assertThrows(
          EvaluationCancelledException.class,
          () -> evaluate.run(new JspyTracingTest.Pipeline(), e -> (String) e.get("question"), EXACT));
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData evaluation = JspyTracingTest.named(spans, "evaluate Pipeline");
    assertThat(evaluation.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(evaluation.getAttributes().get(GenAi.ERROR_TYPE))
        .isEqualTo(EvaluationCancelledException.class.getName());
    assertThat(evaluation.getAttributes().get(GenAi.JSPY_EVALUATE_SCORE)).isNull();
  }

  @Test
  void aBatchIsOneTraceUnderTheCallersSpan() throws Exception {
    List<String> inputs = IntStream.range(0, EXAMPLES).mapToObj(i -> "question " + i).collect(Collectors.toList());
    List<String> answers;
    try (LmServer server = LmServer.replying(JspyTracingTest::script);
        OpenAiLM lm = server.lm().build();
        var settings = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
      Span request = userTracer.spanBuilder("bulk request").startSpan();
      try (Scope s = request.makeCurrent()) {
        answers = new JspyTracingTest.Pipeline().batch(inputs, WINDOW);
      } finally {
        request.end();
      }
    }
    assertThat(answers).hasSize(EXAMPLES);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertWithMessage("trace ids of %s", JspyTracingTest.paths(spans))
        .that(spans.stream().map(SpanData::getTraceId).distinct().count()).isEqualTo(1);
    SpanData user = JspyTracingTest.named(spans, "bulk request");
    SpanData batch = JspyTracingTest.named(spans, "batch Pipeline");
    assertThat(batch.getParentSpanId()).isEqualTo(user.getSpanId());
    assertThat(batch.getAttributes().get(GenAi.JSPY_BATCH_INPUT_COUNT)).isEqualTo((long) EXAMPLES);
    assertThat(batch.getAttributes().get(GenAi.JSPY_MODULE_CLASS))
        .isEqualTo(JspyTracingTest.Pipeline.class.getName());
    List<SpanData> items = all(spans, "Pipeline");
    assertThat(items).hasSize(EXAMPLES);
    for (SpanData item : items) {
      assertThat(item.getParentSpanId()).isEqualTo(batch.getSpanId());
    }
  }

  static List<SpanData> all(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
  }
}
