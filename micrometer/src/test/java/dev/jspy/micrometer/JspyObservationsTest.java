package dev.jspy.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static dev.jspy.micrometer.ScriptedServer.chat;
import static dev.jspy.micrometer.ScriptedServer.field;
import static dev.jspy.micrometer.ScriptedServer.user;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Jspy;
import dev.jspy.Module;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.micrometer.ScriptedServer.Reply;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** JspyObservations on real jspy programs over a loopback server, checked with Micrometer's test kit. */
@Timeout(60)
@SuppressWarnings("try")
class JspyObservationsTest {
  private final TestObservationRegistry registry = TestObservationRegistry.create();

  /** Asks one QaPredict, then a second with the first's answer, synchronously. */
  static final class TwoStep extends Module<String, String> {
    final QaPredict first = new QaPredict();
    final QaPredict second = new QaPredict();

    @Override
    public String forward(String question) {
      return second.forward(first.forward(question).answer()).answer();
    }
  }

  /** The same, written asynchronously: the second step starts on whichever thread the first ended on. */
  static final class AsyncTwoStep extends Module<String, String> {
    final QaPredict first = new QaPredict();
    final QaPredict second = new QaPredict();

    @Override
    public CompletableFuture<String> aforward(String question) {
      return first.aforward(question).thenCompose(a -> second.aforward(a.answer())).thenApply(QaOutput::answer);
    }
  }

  static Reply answer(JsonNode body) {
    String question = field(user(body), "question");
    if (question.equals("limit")) {
      return Reply.error(429, "slow down");
    }
    return Reply.ok(
        chat("answer", new StringBuilder(question).reverse().toString()), 100 + question.length(), question.length());
  }

  @Test
  void anLmCallIsAGenAiClientOperation() throws Exception {
    try (ScriptedServer server = new ScriptedServer(JspyObservationsTest::answer);
        OpenAiLM lm = server.lm().temperature(0.25).build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyObservations.create(registry))))) {
      new QaPredict().forward("Why is the sky blue?");

      assertThat(registry)
          .hasNumberOfObservationsEqualTo(2)
          .hasObservationWithNameEqualTo("gen_ai.client.operation")
          .that()
          .hasBeenStarted()
          .hasBeenStopped()
          .doesNotHaveError()
          .hasContextualNameEqualTo("chat test-model")
          .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
          .hasLowCardinalityKeyValue("gen_ai.provider.name", "openai")
          .hasLowCardinalityKeyValue("gen_ai.request.model", "test-model")
          .hasHighCardinalityKeyValue("gen_ai.request.temperature", "0.25")
          .hasHighCardinalityKeyValue("gen_ai.response.model", "test-model-0613")
          .hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "stop")
          .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", Long.toString(server.promptTokens.get()))
          .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", Long.toString(server.completionTokens.get()))
          .hasHighCardinalityKeyValue("jspy.cache.hit", "false")
          .hasHighCardinalityKeyValue("jspy.lm.retries", "0")
          .doesNotHaveHighCardinalityKeyValueWithKey("jspy.cache.tier")
          .backToTestObservationRegistry()
          .hasObservationWithNameEqualTo("jspy.module.call")
          .that()
          .hasBeenStopped()
          .doesNotHaveError()
          .hasContextualNameEqualTo("QaPredict")
          .hasLowCardinalityKeyValue("module", "QaPredict");
      // The prompt and the answer are content: never a key value.
      assertThat(registry)
          .hasHandledContextsThatSatisfy(
              contexts -> {
                for (Observation.Context c : contexts) {
                  assertThat(c.getAllKeyValues().stream().map(kv -> kv.getValue()).toList())
                      .containsNoneOf("Why is the sky blue?", "?eulb yks eht si yhW");
                }
              });
    }
  }

  @Test
  void observationsNestAsTheProgramRunsUnderTheCallersObservation() throws Exception {
    try (ScriptedServer server = new ScriptedServer(JspyObservationsTest::answer);
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyObservations.create(registry))))) {
      Observation request = Observation.start("http.server.requests", registry);
      try (Observation.Scope inRequest = request.openScope()) {
        assertThat(new TwoStep().call("Sync?")).isEqualTo("Sync?");
      } finally {
        request.stop();
      }
      assertNested(registry, "TwoStep", request.getContext());
    }
  }

  @Test
  void observationsNestAcrossAsyncContinuationsOnOtherThreads() throws Exception {
    try (ScriptedServer server = new ScriptedServer(JspyObservationsTest::answer);
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyObservations.create(registry))))) {
      Observation request = Observation.start("http.server.requests", registry);
      CompletableFuture<String> a;
      CompletableFuture<String> b;
      try (Observation.Scope inRequest = request.openScope()) {
        // Two programs at once, each continuing on jspy's workers: their observations must not mix.
        a = new AsyncTwoStep().acall("First?");
        b = new AsyncTwoStep().acall("Second?");
      }
      assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo("First?");
      assertThat(b.get(30, TimeUnit.SECONDS)).isEqualTo("Second?");
      request.stop();
      assertNested(registry, "AsyncTwoStep", request.getContext());
    }
  }

  /**
   * Every LM observation's parent is a QaPredict's, every QaPredict's a {@code program}'s, every program's
   * {@code root}; each program has exactly two QaPredicts and each QaPredict one LM call.
   */
  private static void assertNested(TestObservationRegistry registry, String program, Observation.Context root) {
    assertThat(registry)
        .hasHandledContextsThatSatisfy(
            contexts -> {
              List<Observation.Context> programs = new ArrayList<>();
              List<Observation.Context> predictors = new ArrayList<>();
              List<Observation.Context> lms = new ArrayList<>();
              for (Observation.Context c : contexts) {
                if (c instanceof ModuleObservationContext m) {
                  (Names.module(m.getModule()).equals(program) ? programs : predictors).add(c);
                } else if (c instanceof LmObservationContext) {
                  lms.add(c);
                }
              }
              assertThat(predictors).hasSize(2 * programs.size());
              assertThat(lms).hasSize(predictors.size());
              for (Observation.Context p : programs) {
                assertThat(parent(p)).isSameInstanceAs(root);
                assertThat(predictors.stream().filter(c -> parent(c) == p).count()).isEqualTo(2);
              }
              for (Observation.Context c : predictors) {
                assertThat(Names.module(((ModuleObservationContext) c).getModule())).isEqualTo("QaPredict");
                assertThat(lms.stream().filter(l -> parent(l) == c).count()).isEqualTo(1);
              }
            });
  }

  private static boolean isReAct(Object context) {
    return "QaReAct".equals(((Observation.ContextView) context).getContextualName());
  }

  private static Observation.ContextView parent(Observation.Context context) {
    ObservationView parent = context.getParentObservation();
    return parent == null ? null : parent.getContextView();
  }

  @Test
  @SuppressWarnings("unchecked") // hasAnObservation hands a raw ObservationContextAssert
  void toolCallsNestUnderTheAgentAndCarryTheirErrors() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                body -> {
                  if (!ScriptedServer.system(body).contains("`next_tool_name`")) {
                    return Reply.ok(chat("reasoning", "Done.", "answer", "Frank Herbert"), 50, 5);
                  }
                  int steps = user(body).split("\\[\\[ ## tool_name_", -1).length - 1;
                  switch (steps) {
                    case 0:
                      return Reply.ok(JspyMetricsTest.step("Author.", "lookup_author", "{\"title\": \"Dune\"}"), 40, 10);
                    case 1:
                      return Reply.ok(JspyMetricsTest.step("Pages.", "page_count", "{\"title\": \"Dune\"}"), 45, 10);
                    default:
                      return Reply.ok(JspyMetricsTest.step("Enough.", "finish", "{}"), 50, 10);
                  }
                });
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyObservations.create(registry))))) {
      assertThat(new QaReAct(ShelfTools.of(new Shelf())).forward("Who wrote Dune?").answer()).isEqualTo("Frank Herbert");

      assertThat(registry)
          .hasNumberOfObservationsWithNameEqualTo("jspy.tool.call", 3)
          .hasAnObservation(
              o ->
                  o.hasNameEqualTo("jspy.tool.call")
                      .hasContextualNameEqualTo("execute_tool page_count")
                      .hasLowCardinalityKeyValue("gen_ai.operation.name", "execute_tool")
                      .hasLowCardinalityKeyValue("gen_ai.tool.name", "page_count")
                      .hasError()
                      .hasParentObservationContextMatching(JspyObservationsTest::isReAct))
          .hasAnObservation(
              o ->
                  o.hasNameEqualTo("jspy.tool.call")
                      .hasLowCardinalityKeyValue("gen_ai.tool.name", "lookup_author")
                      .doesNotHaveError()
                      .hasParentObservationContextMatching(JspyObservationsTest::isReAct));
      assertThat(registry)
          .hasHandledContextsThatSatisfy(
              contexts -> {
                for (Observation.Context c : contexts) {
                  if (c instanceof ToolObservationContext t && t.getTool().name().equals("page_count")) {
                    assertThat(t.getError()).isInstanceOf(IllegalStateException.class);
                    assertThat(t.getError()).hasMessageThat().isEqualTo("the scale is broken");
                  }
                }
              });
    }
  }

  @Test
  void aFailedCallSetsItsErrorOnTheObservations() throws Exception {
    try (ScriptedServer server = new ScriptedServer(JspyObservationsTest::answer);
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyObservations.create(registry))))) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> new QaPredict().aforward("limit").get(30, TimeUnit.SECONDS));

      assertThat(registry)
          .hasObservationWithNameEqualTo("gen_ai.client.operation")
          .that()
          .hasBeenStopped()
          .hasError(e.getCause())
          .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.response.model")
          .backToTestObservationRegistry()
          .hasObservationWithNameEqualTo("jspy.module.call")
          .that()
          .hasBeenStopped()
          .hasError(e.getCause());
      assertThat(e.getCause().getClass().getSimpleName()).isEqualTo("RateLimitException");
    }
  }

  @Test
  void conventionsRenameAndRetag() throws Exception {
    registry.observationConfig().observationConvention(new GlobalObservationConvention<ModuleObservationContext>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return context instanceof ModuleObservationContext;
      }

      @Override
      public String getName() {
        return "my.module";
      }

      @Override
      public KeyValues getLowCardinalityKeyValues(ModuleObservationContext context) {
        return KeyValues.of("team", "search");
      }
    });
    JspyObservations observations =
        JspyObservations.builder(registry)
            .lmConvention(
                new DefaultLmObservationConvention() {
                  @Override
                  public String getName() {
                    return "my.llm";
                  }

                  @Override
                  public KeyValues getLowCardinalityKeyValues(LmObservationContext context) {
                    return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
                  }
                })
            .build();
    try (ScriptedServer server = new ScriptedServer(JspyObservationsTest::answer);
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(observations)))) {
      new QaPredict().forward("Renamed?");

      assertThat(registry)
          .hasNumberOfObservationsEqualTo(2)
          .hasObservationWithNameEqualTo("my.llm")
          .that()
          .hasLowCardinalityKeyValue("tenant", "acme")
          .hasLowCardinalityKeyValue("gen_ai.request.model", "test-model")
          .backToTestObservationRegistry()
          .hasObservationWithNameEqualTo("my.module")
          .that()
          .hasLowCardinalityKeyValue("team", "search");
    }
  }

  @Test
  void theMeterHandlerTimesEachCall() throws Exception {
    MeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    try (ScriptedServer server = new ScriptedServer(JspyObservationsTest::answer);
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyObservations.create(observations))))) {
      QaPredict predict = new QaPredict();
      predict.forward("One?");
      predict.forward("Two?");
      assertThrows(RuntimeException.class, () -> predict.forward("limit"));

      assertThat(
              meters.get("gen_ai.client.operation")
                  .tags("gen_ai.request.model", "test-model", "error", "none")
                  .timer()
                  .count())
          .isEqualTo(2);
      assertThat(
              meters.get("gen_ai.client.operation").tags("error", "RateLimitException").timer().count())
          .isEqualTo(1);
      assertThat(meters.get("jspy.module.call").tags("module", "QaPredict", "error", "none").timer().count())
          .isEqualTo(2);
      assertThat(meters.get("jspy.module.call.active").longTaskTimer().activeTasks()).isEqualTo(0);
    }
  }

  @Test
  void aFailingHandlerNeverFailsTheCallAndIsLoggedOnce() throws Exception {
    ObservationRegistry broken = ObservationRegistry.create();
    broken.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStart(Observation.Context context) {
        throw new IllegalStateException("the exporter's queue is full");
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    try (ScriptedServer server = new ScriptedServer(JspyObservationsTest::answer);
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyObservations.create(broken))))) {
      String log =
          StandardErr.capture(
              () -> {
                assertThat(new TwoStep().call("Still fine?")).isEqualTo("Still fine?");
                assertThat(new QaPredict().aforward("Async too?").get(30, TimeUnit.SECONDS).answer())
                    .isEqualTo("?oot cnysA");
              });
      assertThat(log.split("jspy observations failed", -1)).hasLength(2);
      assertThat(log).contains("the exporter's queue is full");
    }
  }
}
