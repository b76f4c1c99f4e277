package dev.jspy.opentelemetry;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Jspy;
import dev.jspy.Module;
import dev.jspy.Tool;
import dev.jspy.adapters.JSONAdapter;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.FieldType;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Real jspy programs (generated predictors, a custom module, an async chain, ReAct with a tool) against an
 * OpenAI-compatible server on loopback, traced into the SDK's in-memory exporter.
 */
@Timeout(60)
@SuppressWarnings("try")
class JspyTracingTest {
  static final String QUESTION = "Who wrote Dune?";
  static final String SECRET_KEY = "sk-test-9f8e7d6c5b4a-never-on-a-span";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
  private final Tracer userTracer = otel.getTracer("the-application");

  @AfterEach
  void close() {
    otel.close();
  }

  /** A custom module written synchronously around a generated ChainOfThought. */
  static final class Pipeline extends Module<String, String> {
    final QaChainOfThought answer = new QaChainOfThought();

    @Override
    public String forward(String question) {
      return answer.forward(question).answer();
    }
  }

  /** DSPy's two-step program written with aforward only: the second step runs in the first's continuation. */
  static final class TwoStep extends Module<String, String> {
    final QaChainOfThought answer = new QaChainOfThought();
    final SimplifyChainOfThought simplify = new SimplifyChainOfThought();

    @Override
    public CompletableFuture<String> aforward(String question) {
      return answer
          .aforward(question)
          .thenCompose(a -> simplify.aforward(a.answer()))
          .thenApply(SimplifyChainOfThoughtOutput::simplified_answer);
    }
  }

  /** Answers Qa and Simplify (ChainOfThought), and runs a ReAct: lookup_author, then finish. */
  static String script(JsonNode body) {
    String system = LmServer.system(body);
    if (system.contains("`next_tool_name`")) {
      String user = LmServer.user(body);
      return user.contains("[[ ## tool_name_0 ## ]]")
          ? LmServer.reply("next_thought", "I know enough.", "next_tool_name", "finish", "next_tool_args", "{}")
          : LmServer.reply(
              "next_thought", "Look the author up.", "next_tool_name", "lookup_author", "next_tool_args",
              "{\"title\": \"Dune\"}");
    }
    if (system.contains("`simplified_answer`")) {
      return LmServer.reply("reasoning", "Shorter is better.", "simplified_answer", "Herbert");
    }
    return LmServer.reply("reasoning", "It is a famous novel.", "answer", "Frank Herbert");
  }

  static Tool lookupAuthor() {
    return Tool.of(
        "lookup_author",
        "Finds who wrote a book.",
        List.of(Tool.arg("title", FieldType.STRING, "the book's title")),
        args -> "Dune".equals(args.get(0)) ? "Frank Herbert" : "unknown");
  }

  // ---- the tree

  @Test
  void chainOfThoughtInsideACustomModuleNestsUnderTheCallersSpan() throws Exception {
    try (LmServer server = LmServer.replying(JspyTracingTest::script);
        OpenAiLM lm = server.lm().temperature(0.25).maxTokens(300).build();
        var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
      String answer;
      Span request = userTracer.spanBuilder("handle request").startSpan();
      try (Scope s = request.makeCurrent()) {
        answer = new Pipeline().call(QUESTION);
      } finally {
        request.end();
      }

      assertThat(answer).isEqualTo("Frank Herbert");
      List<SpanData> spans = exporter.getFinishedSpanItems();
      assertThat(paths(spans))
          .containsExactly(
              "handle request",
              "handle request > Pipeline",
              "handle request > Pipeline > QaChainOfThought",
              "handle request > Pipeline > QaChainOfThought > Predict",
              "handle request > Pipeline > QaChainOfThought > Predict > chat test-model");
      assertThat(spans.stream().map(SpanData::getTraceId).distinct().count()).isEqualTo(1);

      SpanData pipeline = named(spans, "Pipeline");
      assertThat(pipeline.getKind()).isEqualTo(SpanKind.INTERNAL);
      assertThat(pipeline.getAttributes().get(GenAi.JSPY_MODULE_KIND)).isEqualTo("module");
      assertThat(pipeline.getAttributes().get(GenAi.JSPY_MODULE_CLASS)).isEqualTo(Pipeline.class.getName());
      SpanData cot = named(spans, "QaChainOfThought");
      assertThat(cot.getAttributes().get(GenAi.JSPY_MODULE_KIND)).isEqualTo("chain_of_thought");
      SpanData predict = named(spans, "Predict");
      assertThat(predict.getAttributes().get(GenAi.JSPY_MODULE_KIND)).isEqualTo("predict");
      assertThat(predict.getAttributes().get(GenAi.JSPY_SIGNATURE)).isNotEmpty();

      SpanData chat = named(spans, "chat test-model");
      assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
      Attributes a = chat.getAttributes();
      assertThat(a.get(GenAi.OPERATION_NAME)).isEqualTo("chat");
      assertThat(a.get(GenAi.PROVIDER_NAME)).isEqualTo("openai");
      assertThat(a.get(GenAi.REQUEST_MODEL)).isEqualTo("test-model");
      assertThat(a.get(GenAi.REQUEST_TEMPERATURE)).isEqualTo(0.25);
      assertThat(a.get(GenAi.REQUEST_MAX_TOKENS)).isEqualTo(300L);
      assertThat(a.get(GenAi.RESPONSE_MODEL)).isEqualTo(LmServer.RESPONSE_MODEL);
      assertThat(a.get(GenAi.RESPONSE_FINISH_REASONS)).containsExactly("stop");
      assertThat(a.get(GenAi.USAGE_INPUT_TOKENS)).isEqualTo(11L);
      assertThat(a.get(GenAi.USAGE_OUTPUT_TOKENS)).isEqualTo(7L);
      assertThat(a.get(GenAi.JSPY_CACHE_HIT)).isFalse();
      for (SpanData span : spans) {
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      }
    }
  }

  @Test
  void anAsyncChainNestsAcrossThreadsAndConcurrentCallsStayApart() throws Exception {
    int runs = 4;
    ExecutorService callers = Executors.newFixedThreadPool(runs);
    try (LmServer server = LmServer.replying(JspyTracingTest::script);
        OpenAiLM lm = server.lm().build()) {
      Jspy.configure(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))));
      TwoStep program = new TwoStep();
      List<CompletableFuture<String>> results = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        String name = "request " + i;
        // Each top-level call starts on its own thread, under its own span; its continuations run on
        // jspy's workers and the LM client's threads.
        results.add(
            CompletableFuture.supplyAsync(
                    () -> {
                      Span request = userTracer.spanBuilder(name).startSpan();
                      try (Scope s = request.makeCurrent()) {
                        return program.acall(QUESTION).whenComplete((r, e) -> request.end());
                      }
                    },
                    callers)
                .thenCompose(Function.identity()));
      }
      for (CompletableFuture<String> r : results) {
        assertThat(r.get(30, SECONDS)).isEqualTo("Herbert");
      }

      List<SpanData> spans = exporter.getFinishedSpanItems();
      Map<String, List<SpanData>> byTrace = spans.stream().collect(Collectors.groupingBy(SpanData::getTraceId));
      assertThat(byTrace).hasSize(runs);
      for (List<SpanData> trace : byTrace.values()) {
        String root = paths(trace).get(0);
        assertThat(root).startsWith("request ");
        assertThat(paths(trace))
            .containsExactly(
                root,
                root + " > TwoStep",
                root + " > TwoStep > QaChainOfThought",
                root + " > TwoStep > QaChainOfThought > Predict",
                root + " > TwoStep > QaChainOfThought > Predict > chat test-model",
                root + " > TwoStep > SimplifyChainOfThought",
                root + " > TwoStep > SimplifyChainOfThought > Predict",
                root + " > TwoStep > SimplifyChainOfThought > Predict > chat test-model");
      }
    } finally {
      callers.shutdownNow();
      resetGlobalSettings();
    }
  }

  @Test
  void reActRunsItsToolsUnderItsOwnSpan() throws Exception {
    try (LmServer server = LmServer.replying(JspyTracingTest::script);
        OpenAiLM lm = server.lm().build();
        var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
      QaReActOutput out = new QaReAct(List.of(lookupAuthor())).aforward(QUESTION).get(30, SECONDS);

      assertThat(out.answer()).isEqualTo("Frank Herbert");
      List<SpanData> spans = exporter.getFinishedSpanItems();
      List<String> paths = paths(spans);
      assertThat(paths).contains("QaReAct > execute_tool lookup_author");
      assertThat(paths).contains("QaReAct > execute_tool finish");
      // Two steps, then the extraction's ChainOfThought: three LM calls, each under its predictor.
      assertThat(paths.stream().filter(p -> p.endsWith("> Predict > chat test-model")).count()).isEqualTo(3);
      assertThat(paths.stream().filter(p -> !p.startsWith("QaReAct")).collect(Collectors.toList())).isEmpty();

      SpanData tool = named(spans, "execute_tool lookup_author");
      assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
      assertThat(tool.getAttributes().get(GenAi.OPERATION_NAME)).isEqualTo("execute_tool");
      assertThat(tool.getAttributes().get(GenAi.TOOL_NAME)).isEqualTo("lookup_author");
      assertThat(tool.getAttributes().get(GenAi.TOOL_DESCRIPTION)).isEqualTo("Finds who wrote a book.");
      assertThat(tool.getAttributes().get(GenAi.TOOL_CALL_ARGUMENTS)).isNull();
      assertThat(named(spans, "QaReAct").getAttributes().get(GenAi.JSPY_MODULE_KIND)).isEqualTo("react");
    }
  }

  @Test
  void theLmSpanCarriesTheRequestParametersAsSentAndTheJsonOutputType() throws Exception {
    try (LmServer server =
            LmServer.replying(
                body ->
                    body.has("response_format")
                        ? "{\"reasoning\": \"It is a famous novel.\", \"answer\": \"Frank Herbert\"}"
                        : script(body));
        OpenAiLM lm =
            server
                .lm()
                .temperature(0.5)
                .param("top_p", 0.9)
                .param("frequency_penalty", 0.5)
                .param("presence_penalty", 0.25)
                .param("seed", 7)
                .param("stop", List.of("END", "STOP"))
                .build();
        var scope =
            Jspy.context(
                s -> s.lm(lm).adapter(JSONAdapter.INSTANCE).callbacks(List.of(JspyTracing.create(otel))))) {
      QaPredict predict = new QaPredict();
      // A predictor's own config overrides the LM's defaults, as on the wire.
      predict.config(Map.of("temperature", 0.0, "max_tokens", 64));
      assertThat(predict.forward(QUESTION).answer()).isEqualTo("Frank Herbert");

      Attributes a = named(exporter.getFinishedSpanItems(), "chat test-model").getAttributes();
      assertThat(a.get(GenAi.REQUEST_TEMPERATURE)).isEqualTo(0.0);
      assertThat(a.get(GenAi.REQUEST_MAX_TOKENS)).isEqualTo(64L);
      assertThat(a.get(GenAi.REQUEST_TOP_P)).isEqualTo(0.9);
      assertThat(a.get(GenAi.REQUEST_FREQUENCY_PENALTY)).isEqualTo(0.5);
      assertThat(a.get(GenAi.REQUEST_PRESENCE_PENALTY)).isEqualTo(0.25);
      assertThat(a.get(GenAi.REQUEST_SEED)).isEqualTo(7L);
      assertThat(a.get(GenAi.REQUEST_STOP_SEQUENCES)).containsExactly("END", "STOP").inOrder();
      assertThat(a.get(GenAi.REQUEST_CHOICE_COUNT)).isNull();
      assertThat(a.get(GenAi.OUTPUT_TYPE)).isEqualTo("json");
    }
  }

  @Test
  void theLmSpanNamesTheServerAndTheCompletionId() throws Exception {
    try (LmServer server = LmServer.replying(JspyTracingTest::script);
        OpenAiLM lm = server.lm().build();
        var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
      new QaPredict().forward(QUESTION);

      Attributes a = named(exporter.getFinishedSpanItems(), "chat test-model").getAttributes();
      assertThat(a.get(GenAi.SERVER_ADDRESS)).isEqualTo(server.host());
      assertThat(a.get(GenAi.SERVER_PORT)).isEqualTo((long) server.port());
      assertThat(a.get(GenAi.RESPONSE_ID)).isEqualTo("chatcmpl-test");
    }
  }

  @Test
  void theServerAddressNeverCarriesTheBaseUrlsUserInfo() throws Exception {
    try (LmServer server = LmServer.replying(JspyTracingTest::script);
        OpenAiLM lm =
            server.lm()
                .apiBase("http://jspy-user:s3cret-in-url@" + server.host() + ":" + server.port() + "/v1?key=q5ecret")
                .build();
        var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
      new QaPredict().forward(QUESTION);

      SpanData chat = named(exporter.getFinishedSpanItems(), "chat test-model");
      assertThat(chat.getAttributes().get(GenAi.SERVER_ADDRESS)).isEqualTo(server.host());
      for (String value : values(chat)) {
        assertThat(value).doesNotContain("s3cret");
        assertThat(value).doesNotContain("q5ecret");
        assertThat(value).doesNotContain("jspy-user");
      }
    }
  }

  @Test
  void anLmWithATransportOfItsOwnHasNoServerAttributes() throws Exception {
    dev.jspy.lm.Transport echo =
        (request, sink) ->
            CompletableFuture.completedFuture(
                new dev.jspy.lm.LMResponse(
                    List.of(new dev.jspy.lm.LMResponse.Choice(LmServer.reply("answer", "Frank Herbert"), "stop")),
                    dev.jspy.lm.Usage.NONE,
                    "test-model"));
    try (OpenAiLM lm = dev.jspy.lm.LM.builder("openai/test-model", echo).cache(false).build();
        var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
      new QaPredict().forward(QUESTION);

      Attributes a = named(exporter.getFinishedSpanItems(), "chat test-model").getAttributes();
      assertThat(a.get(GenAi.REQUEST_MODEL)).isEqualTo("test-model");
      assertThat(a.get(GenAi.SERVER_ADDRESS)).isNull();
      assertThat(a.get(GenAi.SERVER_PORT)).isNull();
      assertThat(a.get(GenAi.RESPONSE_ID)).isNull();
    }
  }

  // ---- content

  @Test
  void contentIsOffByDefault() throws Exception {
    try (LmServer server = LmServer.replying(JspyTracingTest::script);
        OpenAiLM lm = server.lm().build();
        var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
      new QaReAct(List.of(lookupAuthor())).forward(QUESTION);

      List<SpanData> spans = exporter.getFinishedSpanItems();
      assertThat(spans).isNotEmpty();
      for (SpanData span : spans) {
        for (String value : values(span)) {
          assertThat(value).doesNotContain("Dune");
          assertThat(value).doesNotContain("Frank Herbert");
        }
        assertThat(span.getAttributes().get(GenAi.INPUT_MESSAGES)).isNull();
        assertThat(span.getAttributes().get(GenAi.OUTPUT_MESSAGES)).isNull();
        assertThat(span.getAttributes().get(GenAi.TOOL_CALL_RESULT)).isNull();
        assertThat(span.getAttributes().get(GenAi.JSPY_MODULE_INPUT)).isNull();
      }
    }
  }

  @Test
  void contentIsRecordedWhenTurnedOn() throws Exception {
    JspyTracing tracing = JspyTracing.builder(otel).captureContent(true).build();
    try (LmServer server = LmServer.replying(JspyTracingTest::script);
        OpenAiLM lm = server.lm().build();
        var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(tracing)))) {
      new QaReAct(List.of(lookupAuthor())).forward(QUESTION);

      List<SpanData> spans = exporter.getFinishedSpanItems();
      SpanData firstChat =
          spans.stream()
              .filter(s -> s.getName().equals("chat test-model"))
              .min((x, y) -> Long.compare(x.getStartEpochNanos(), y.getStartEpochNanos()))
              .orElseThrow();
      JsonNode input = LmServer.JSON.readTree(firstChat.getAttributes().get(GenAi.INPUT_MESSAGES));
      assertThat(input.get(0).path("role").stringValue()).isEqualTo("system");
      assertThat(input.get(1).path("role").stringValue()).isEqualTo("user");
      assertThat(input.get(1).path("parts").get(0).path("type").stringValue()).isEqualTo("text");
      assertThat(input.get(1).path("parts").get(0).path("content").stringValue()).contains(QUESTION);
      JsonNode output = LmServer.JSON.readTree(firstChat.getAttributes().get(GenAi.OUTPUT_MESSAGES));
      assertThat(output.get(0).path("role").stringValue()).isEqualTo("assistant");
      assertThat(output.get(0).path("finish_reason").stringValue()).isEqualTo("stop");
      assertThat(output.get(0).path("parts").get(0).path("content").stringValue()).contains("lookup_author");

      SpanData tool = named(spans, "execute_tool lookup_author");
      assertThat(LmServer.JSON.readTree(tool.getAttributes().get(GenAi.TOOL_CALL_ARGUMENTS)).path("title").stringValue())
          .isEqualTo("Dune");
      assertThat(tool.getAttributes().get(GenAi.TOOL_CALL_RESULT)).isEqualTo("\"Frank Herbert\"");
      SpanData react = named(spans, "QaReAct");
      assertThat(react.getAttributes().get(GenAi.JSPY_MODULE_INPUT)).contains(QUESTION);
      assertThat(react.getAttributes().get(GenAi.JSPY_MODULE_OUTPUT)).contains("Frank Herbert");
      // jspy's own predictors pass their values as arrays: they are written by field name.
      for (SpanData predict : spans.stream().filter(s -> s.getName().equals("Predict")).collect(Collectors.toList())) {
        JsonNode in = LmServer.JSON.readTree(predict.getAttributes().get(GenAi.JSPY_MODULE_INPUT));
        assertThat(in.path("question").stringValue()).isEqualTo(QUESTION);
        assertThat(in.has("trajectory")).isTrue();
        JsonNode out = LmServer.JSON.readTree(predict.getAttributes().get(GenAi.JSPY_MODULE_OUTPUT));
        assertThat(out.has("next_thought") || out.has("answer")).isTrue();
      }
    }
  }

  @Test
  void theApiKeyNeverReachesASpanEvenWithContentAndErrors() throws Exception {
    JspyTracing tracing = JspyTracing.builder(otel).captureContent(true).build();
    try (LmServer ok = LmServer.replying(JspyTracingTest::script);
        LmServer down = LmServer.failing(401);
        OpenAiLM good = ok.lm().apiKey(SECRET_KEY).build();
        OpenAiLM bad = down.lm().apiKey(SECRET_KEY).build()) {
      try (var scope = Jspy.context(s -> s.lm(good).callbacks(List.of(tracing)))) {
        new QaReAct(List.of(lookupAuthor())).forward(QUESTION);
      }
      try (var scope = Jspy.context(s -> s.lm(bad).callbacks(List.of(tracing)))) {
        assertThrows(RuntimeException.class, () -> new Pipeline().call(QUESTION));
      }

      List<SpanData> spans = exporter.getFinishedSpanItems();
      assertThat(spans.stream().anyMatch(s -> s.getStatus().getStatusCode() == StatusCode.ERROR)).isTrue();
      for (SpanData span : spans) {
        for (String value : values(span)) {
          assertThat(value).doesNotContain(SECRET_KEY);
          assertThat(value).doesNotContain("9f8e7d6c5b4a");
        }
      }
    }
  }

  // ---- failures

  @Test
  void aFailedLmCallMarksItsSpanAndItsCallers() throws Exception {
    try (LmServer server = LmServer.failing(500);
        OpenAiLM lm = server.lm().build();
        var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
      RuntimeException thrown = assertThrows(RuntimeException.class, () -> new Pipeline().call(QUESTION));

      List<SpanData> spans = exporter.getFinishedSpanItems();
      SpanData chat = named(spans, "chat test-model");
      assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(chat.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo(thrown.getClass().getName());
      assertThat(chat.getAttributes().get(GenAi.HTTP_STATUS_CODE)).isEqualTo(500L);
      assertThat(chat.getAttributes().get(GenAi.RESPONSE_MODEL)).isNull();
      // Without content, the message (which may quote the server) stays off the span.
      assertThat(chat.getStatus().getDescription()).doesNotContain("bad day");
      assertThat(chat.getEvents()).isEmpty();
      for (String name : List.of("Pipeline", "QaChainOfThought", "Predict")) {
        SpanData span = named(spans, name);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo(thrown.getClass().getName());
      }
    }
  }

  @Test
  void withContentAFailureCarriesItsMessageAndException() throws Exception {
    JspyTracing tracing = JspyTracing.builder(otel).captureContent(true).build();
    try (LmServer server = LmServer.failing(500);
        OpenAiLM lm = server.lm().build();
        var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(tracing)))) {
      assertThrows(RuntimeException.class, () -> new Pipeline().call(QUESTION));

      SpanData chat = named(exporter.getFinishedSpanItems(), "chat test-model");
      assertThat(chat.getStatus().getDescription()).contains("bad day");
      assertThat(chat.getEvents().stream().map(EventData::getName).collect(Collectors.toList()))
          .containsExactly("exception");
    }
  }

  // ---- helpers

  static void resetGlobalSettings() {
    Jspy.configure(s -> s.lm(null).callbacks(List.of()));
  }

  static SpanData named(List<SpanData> spans, String name) {
    List<SpanData> found = spans.stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
    assertThat(found.stream().map(SpanData::getName).collect(Collectors.toList())).isNotEmpty();
    return found.get(0);
  }

  /** Each span as the names from its root down to it, {@code root > child > span}; roots first. */
  static List<String> paths(List<SpanData> spans) {
    Map<String, SpanData> byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s));
    List<String> paths = new ArrayList<>();
    for (SpanData span : spans) {
      StringBuilder path = new StringBuilder(span.getName());
      SpanData parent = byId.get(span.getParentSpanId());
      while (parent != null) {
        path.insert(0, parent.getName() + " > ");
        parent = byId.get(parent.getParentSpanId());
      }
      paths.add(path.toString());
    }
    paths.sort((x, y) -> x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y));
    return paths;
  }

  /** Every string in a span: its name, status, attribute values, event names and event attribute values. */
  static List<String> values(SpanData span) {
    List<String> values = new ArrayList<>();
    values.add(span.getName());
    values.add(String.valueOf(span.getStatus().getDescription()));
    span.getAttributes().forEach((AttributeKey<?> k, Object v) -> values.add(String.valueOf(v)));
    for (EventData e : span.getEvents()) {
      values.add(e.getName());
      e.getAttributes().forEach((AttributeKey<?> k, Object v) -> values.add(String.valueOf(v)));
    }
    return values;
  }
}
