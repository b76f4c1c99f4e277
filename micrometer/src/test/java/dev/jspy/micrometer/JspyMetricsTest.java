package dev.jspy.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.jspy.micrometer.ScriptedServer.chat;
import static dev.jspy.micrometer.ScriptedServer.field;
import static dev.jspy.micrometer.ScriptedServer.user;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Jspy;
import dev.jspy.Module;
import dev.jspy.cache.LMCache;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.micrometer.ScriptedServer.Reply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** JspyMetrics on real jspy programs against a real OpenAI-compatible server on loopback. */
@Timeout(60)
@SuppressWarnings("try")
class JspyMetricsTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final JspyMetrics metrics = JspyMetrics.create(registry);

  /** Asks one QaPredict, then a second with the first's answer. */
  static final class TwoStep extends Module<String, String> {
    final QaPredict first = new QaPredict();
    final QaPredict second = new QaPredict();

    @Override
    public String forward(String question) {
      return second.forward(first.forward(question).answer()).answer();
    }
  }

  /** Answers with the question reversed; usage grows with the question, so every call's differs. */
  static Reply answer(JsonNode body) {
    String question = field(user(body), "question");
    return Reply.ok(
        chat("answer", new StringBuilder(question).reverse().toString()), 100 + question.length(), question.length());
  }

  @Test
  void recordsLatencyTokensAndCallsOfEveryModuleAndLm() throws Exception {
    try (ScriptedServer server = new ScriptedServer(JspyMetricsTest::answer);
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(metrics)))) {
      TwoStep program = new TwoStep();
      assertThat(program.call("Why is the sky blue?")).isEqualTo("Why is the sky blue?");
      assertThat(program.call("Who wrote Dune?")).isEqualTo("Who wrote Dune?");
      assertThat(program.acall("What is 1 + 1?").get(30, TimeUnit.SECONDS)).isEqualTo("What is 1 + 1?");

      assertThat(timer("jspy.module.duration", "module", "TwoStep", "outcome", "success", "error.type", "none").count())
          .isEqualTo(3);
      assertThat(timer("jspy.module.duration", "module", "QaPredict", "outcome", "success", "error.type", "none").count())
          .isEqualTo(6);
      Timer lmTimer =
          timer(
              "gen_ai.client.operation.duration",
              "gen_ai.operation.name", "chat",
              "gen_ai.provider.name", "openai",
              "gen_ai.request.model", "test-model",
              "outcome", "success",
              "error.type", "none",
              "cache", "miss");
      assertThat(lmTimer.count()).isEqualTo(6);
      assertThat(lmTimer.totalTime(TimeUnit.NANOSECONDS)).isGreaterThan(0.0);
      assertThat(server.requests.get()).isEqualTo(6);

      DistributionSummary input = tokens("gen_ai.client.token.usage", "input");
      DistributionSummary output = tokens("gen_ai.client.token.usage", "output");
      assertThat(input.count()).isEqualTo(6);
      assertThat(output.count()).isEqualTo(6);
      assertThat(input.getId().getBaseUnit()).isEqualTo("tokens");
      assertThat((long) input.totalAmount()).isEqualTo(server.promptTokens.get());
      assertThat((long) output.totalAmount()).isEqualTo(server.completionTokens.get());
      assertThat((long) registry.get("jspy.lm.tokens").tag("gen_ai.token.type", "input").counter().count())
          .isEqualTo(server.promptTokens.get());
      assertThat((long) registry.get("jspy.lm.tokens").tag("gen_ai.token.type", "output").counter().count())
          .isEqualTo(server.completionTokens.get());

      assertThat(registry.find("jspy.lm.errors").counters()).isEmpty();
      assertThat(registry.find("jspy.module.errors").counters()).isEmpty();
      assertThat(registry.find("jspy.lm.cache.hits").counter().count()).isEqualTo(0.0);
      assertNothingInFlight();
    }
  }

  @Test
  void countsCallsInFlightWhileTheServerThinks() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (ScriptedServer server =
            new ScriptedServer(
                body -> {
                  arrived.countDown();
                  try {
                    release.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return answer(body);
                });
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(metrics)))) {
      CompletableFuture<QaOutput> running = new QaPredict().aforward("Who is in flight?");
      assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(registry.get("jspy.lm.active").longTaskTimer().activeTasks()).isEqualTo(1);
      assertThat(registry.get("jspy.module.active").tag("module", "QaPredict").longTaskTimer().activeTasks())
          .isEqualTo(1);
      release.countDown();
      assertThat(running.get(30, TimeUnit.SECONDS).answer()).isEqualTo("?thgilf ni si ohW");
      assertNothingInFlight();
    } finally {
      release.countDown();
    }
  }

  @Test
  void countsErrorsByExceptionType() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                body -> {
                  String question = field(user(body), "question");
                  switch (question) {
                    case "limit":
                      return Reply.error(429, "slow down");
                    case "boom":
                      return Reply.error(500, "the server fell over");
                    case "key":
                      return Reply.error(401, "no such key");
                    case "garbage":
                      return Reply.ok("I will not answer in your format.", 10, 5);
                    default:
                      return answer(body);
                  }
                });
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(metrics)))) {
      QaPredict predict = new QaPredict();
      for (String question : List.of("limit", "limit", "boom", "key", "garbage")) {
        assertThrows(RuntimeException.class, () -> predict.forward(question), question);
      }
      assertThat(predict.forward("fine").answer()).isEqualTo("enif");

      assertThat(lmErrors("RateLimitException")).isEqualTo(2.0);
      assertThat(lmErrors("LMHttpException")).isEqualTo(1.0);
      assertThat(lmErrors("AuthenticationException")).isEqualTo(1.0);
      assertThat(registry.get("jspy.lm.errors").counters()).hasSize(3);
      assertThat(
              timer("gen_ai.client.operation.duration", "outcome", "error", "error.type", "RateLimitException")
                  .count())
          .isEqualTo(2);
      // Every request the server answered 200 was a good LM call: the unparseable replies too (ChatAdapter's
      // and its JSONAdapter fallback's); the predictor failed.
      assertThat(timer("gen_ai.client.operation.duration", "outcome", "success", "cache", "miss").count())
          .isEqualTo(server.requests.get() - 4);
      assertThat(server.requests.get()).isAtLeast(4 + 2 + 1);
      assertThat(moduleErrors("QaPredict", "RateLimitException")).isEqualTo(2.0);
      assertThat(moduleErrors("QaPredict", "LMHttpException")).isEqualTo(1.0);
      assertThat(moduleErrors("QaPredict", "AuthenticationException")).isEqualTo(1.0);
      assertThat(moduleErrors("QaPredict", "AdapterParseException")).isEqualTo(1.0);
      assertThat(
              timer("jspy.module.duration", "module", "QaPredict", "outcome", "error", "error.type", "AdapterParseException")
                  .count())
          .isEqualTo(1);
      assertThat(timer("jspy.module.duration", "module", "QaPredict", "outcome", "success").count()).isEqualTo(1);
      assertNothingInFlight();
    }
  }

  @Test
  void countsCacheHitsAndNoTokensForThem() throws Exception {
    try (ScriptedServer server = new ScriptedServer(JspyMetricsTest::answer);
        LMCache cache = LMCache.builder().disk(false).build();
        OpenAiLM lm = server.lm().cache(cache).build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(metrics)))) {
      QaPredict predict = new QaPredict();
      predict.forward("Asked twice?");
      predict.forward("Asked twice?");
      predict.aforward("Asked twice?").get(30, TimeUnit.SECONDS);
      assertThat(server.requests.get()).isEqualTo(1);

      assertThat(
              registry
                  .get("jspy.lm.cache.hits")
                  .tags("gen_ai.request.model", "test-model", "tier", "memory")
                  .counter()
                  .count())
          .isEqualTo(2.0);
      assertThat(registry.get("jspy.lm.cache.hits").tag("tier", "disk").counter().count()).isEqualTo(0.0);
      assertThat(timer("gen_ai.client.operation.duration", "cache", "hit").count()).isEqualTo(2);
      assertThat(timer("gen_ai.client.operation.duration", "cache", "miss").count()).isEqualTo(1);
      assertThat((long) tokens("gen_ai.client.token.usage", "input").totalAmount()).isEqualTo(server.promptTokens.get());
      assertThat(tokens("gen_ai.client.token.usage", "input").count()).isEqualTo(1);
      assertNothingInFlight();
    }
  }

  @Test
  void countsRetriesBeforeTheAnswer() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    try (ScriptedServer server =
            new ScriptedServer(
                body -> seen.incrementAndGet() <= 2 ? Reply.error(503, "warming up") : answer(body));
        OpenAiLM lm = server.lm().numRetries(3).build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(metrics)))) {
      assertThat(new QaPredict().forward("Third time lucky?").answer()).isEqualTo("?ykcul emit drihT");

      assertThat(server.requests.get()).isEqualTo(3);
      assertThat(registry.get("jspy.lm.retries").tag("gen_ai.request.model", "test-model").counter().count())
          .isEqualTo(2.0);
      // One LM call, however many attempts it took.
      assertThat(timer("gen_ai.client.operation.duration", "outcome", "success", "cache", "miss").count()).isEqualTo(1);
      assertThat(registry.find("jspy.lm.errors").counters()).isEmpty();
      assertNothingInFlight();
    }
  }

  @Test
  void timesToolsAndCountsTheirErrors() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                body -> {
                  String user = user(body);
                  if (!ScriptedServer.system(body).contains("`next_tool_name`")) {
                    return Reply.ok(chat("reasoning", "Done.", "answer", "Frank Herbert"), 50, 5);
                  }
                  int steps = user.split("\\[\\[ ## tool_name_", -1).length - 1;
                  switch (steps) {
                    case 0:
                      return Reply.ok(step("Find the author.", "lookup_author", "{\"title\": \"Dune\"}"), 40, 10);
                    case 1:
                      return Reply.ok(step("And the pages.", "page_count", "{\"title\": \"Dune\"}"), 45, 10);
                    default:
                      return Reply.ok(step("Enough.", "finish", "{}"), 50, 10);
                  }
                });
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(metrics)))) {
      QaReActOutput out = new QaReAct(ShelfTools.of(new Shelf())).forward("Who wrote Dune, in how many pages?");
      assertThat(out.answer()).isEqualTo("Frank Herbert");

      assertThat(timer("jspy.tool.duration", "gen_ai.tool.name", "lookup_author", "outcome", "success").count())
          .isEqualTo(1);
      assertThat(
              timer("jspy.tool.duration", "gen_ai.tool.name", "page_count", "error.type", "IllegalStateException")
                  .count())
          .isEqualTo(1);
      assertThat(
              registry
                  .get("jspy.tool.errors")
                  .tag("gen_ai.tool.name", "page_count")
                  .tag("error.type", "IllegalStateException")
                  .counter()
                  .count())
          .isEqualTo(1.0);
      assertThat(registry.find("jspy.tool.errors").tag("gen_ai.tool.name", "lookup_author").counters()).isEmpty();
      assertThat(timer("jspy.module.duration", "module", "QaReAct", "outcome", "success").count()).isEqualTo(1);
      assertThat(timer("gen_ai.client.operation.duration", "outcome", "success", "cache", "miss").count()).isEqualTo(4);
      assertThat((long) tokens("gen_ai.client.token.usage", "input").totalAmount()).isEqualTo(server.promptTokens.get());
      assertNothingInFlight();
    }
  }

  @Test
  void aRegistryThatRejectsItsMetersNeverFailsTheCall() throws Exception {
    // Something else registered counters under the ids of jspy's timers: registering those throws.
    registry.counter("jspy.module.duration", "module", "QaPredict", "outcome", "success", "error.type", "none");
    registry.counter(
        "gen_ai.client.operation.duration",
        "gen_ai.operation.name", "chat",
        "gen_ai.provider.name", "openai",
        "gen_ai.request.model", "test-model",
        "outcome", "success",
        "error.type", "none",
        "cache", "miss");
    try (ScriptedServer server = new ScriptedServer(JspyMetricsTest::answer);
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(metrics)))) {
      QaPredict predict = new QaPredict();
      String log =
          StandardErr.capture(
              () -> {
                assertThat(predict.forward("Still answered?").answer()).isEqualTo("?derewsna llitS");
                assertThat(predict.aforward("And async?").get(30, TimeUnit.SECONDS).answer()).isEqualTo("?cnysa dnA");
              });
      // Logged once, saying what failed, not once per call or per event.
      assertThat(log.split("jspy metrics failed", -1)).hasLength(2);
      assertThat(log).contains("There is already a registered meter of a different type");
      // What could be registered still counts.
      assertThat(registry.find("jspy.module.errors").counters()).isEmpty();
      assertNothingInFlight();
    }
  }

  @Test
  void ignoresEventsUntilBoundAndRefusesASecondRegistry() throws Exception {
    JspyMetrics unbound = new JspyMetrics();
    try (ScriptedServer server = new ScriptedServer(JspyMetricsTest::answer);
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(unbound)))) {
      QaPredict predict = new QaPredict();
      predict.forward("Before binding?");
      MeterRegistry late = new SimpleMeterRegistry();
      unbound.bindTo(late);
      unbound.bindTo(late);
      assertThat(late.getMeters()).isEmpty();
      predict.forward("After binding?");
      assertThat(late.get("jspy.module.duration").timer().count()).isEqualTo(1);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> metrics.bindTo(new SimpleMeterRegistry()));
    assertThat(e).hasMessageThat().contains("CompositeMeterRegistry");
  }

  static String step(String thought, String tool, String argsJson) {
    return chat("next_thought", thought, "next_tool_name", tool, "next_tool_args", argsJson);
  }

  private Timer timer(String name, String... tags) {
    return registry.get(name).tags(tags).timer();
  }

  private DistributionSummary tokens(String name, String type) {
    return registry.get(name).tag("gen_ai.token.type", type).summary();
  }

  private double lmErrors(String type) {
    Counter c = registry.get("jspy.lm.errors").tags("gen_ai.request.model", "test-model", "error.type", type).counter();
    return c.count();
  }

  private double moduleErrors(String module, String type) {
    return registry.get("jspy.module.errors").tags("module", module, "error.type", type).counter().count();
  }

  private void assertNothingInFlight() {
    List<LongTaskTimer> active = registry.find("jspy.lm.active").longTaskTimers().stream().toList();
    assertThat(active).isNotEmpty();
    for (Meter m : registry.getMeters()) {
      if (m instanceof LongTaskTimer t) {
        assertWithMessage(m.getId().toString()).that(t.activeTasks()).isEqualTo(0);
      }
    }
  }
}
