package dev.jspy.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.jspy.micrometer.ScriptedServer.chat;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Example;
import dev.jspy.Jspy;
import dev.jspy.evaluate.Evaluate;
import dev.jspy.evaluate.EvaluationCancelledException;
import dev.jspy.evaluate.EvaluationResult;
import dev.jspy.evaluate.Metric;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.micrometer.ScriptedServer.Reply;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An evaluation, or a batch, of more examples than its window under the caller's observation: one
 * observation for it, under the caller's, and every example's observations under it, although examples
 * after the first window start from other examples' completion threads.
 */
@Timeout(120)
@SuppressWarnings("try")
class EvaluationObservationsTest {
  static final int EXAMPLES = 12;
  static final int WINDOW = 3;

  private final TestObservationRegistry registry = TestObservationRegistry.create();

  static List<Example> devset() {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < EXAMPLES; i++) {
      out.add(Example.of("question", "question " + i, "answer", "yes").withInputs("question"));
    }
    return out;
  }

  static final Metric<QaOutput> YES = (example, prediction, trace) -> "yes".equals(prediction.answer()) ? 1.0 : 0.0;

  @Test
  void anEvaluationIsOneObservationUnderTheCallersWithEveryExampleInside() throws Exception {
    EvaluationResult<QaOutput> result;
    Observation request = Observation.start("http.server.requests", registry);
    try (ScriptedServer server = new ScriptedServer(body -> Reply.ok(chat("answer", "yes"), 10, 1));
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyObservations.create(registry))));
        Observation.Scope inRequest = request.openScope()) {
      result = Evaluate.builder(devset()).numThreads(WINDOW).build().run(new QaPredict(), YES);
    } finally {
      request.stop();
    }
    assertThat(result.score()).isEqualTo(100.0);

    List<Observation.Context> predictors = modules(registry, "QaPredict");
    assertThat(predictors).hasSize(EXAMPLES);
    for (Observation.Context p : predictors) {
      assertWithMessage("the root of every example's observation").that(root(p)).isSameInstanceAs(request.getContext());
    }
    assertThat(registry)
        .hasObservationWithNameEqualTo(DefaultEvaluationObservationConvention.NAME)
        .that()
        .hasBeenStopped()
        .doesNotHaveError()
        .hasContextualNameEqualTo("evaluate QaPredict")
        .hasLowCardinalityKeyValue("module", "QaPredict")
        .hasHighCardinalityKeyValue("jspy.evaluate.example.count", Integer.toString(EXAMPLES))
        .hasHighCardinalityKeyValue("jspy.evaluate.score", "100.0");
    Observation.Context evaluation = only(registry, EvaluationObservationContext.class);
    assertThat(parent(evaluation)).isSameInstanceAs(request.getContext());
    for (Observation.Context p : predictors) {
      assertThat(parent(p)).isSameInstanceAs(evaluation);
    }
  }

  @Test
  void aStoppedEvaluationCarriesItsError() throws Exception {
    try (ScriptedServer server = new ScriptedServer(body -> Reply.error(500, "down"));
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyObservations.create(registry))))) {
      assertThrows(
          EvaluationCancelledException.class,
          () -> Evaluate.builder(devset()).numThreads(WINDOW).maxErrors(2).build().run(new QaPredict(), YES));
    }
    assertThat(registry)
        .hasObservationWithNameEqualTo(DefaultEvaluationObservationConvention.NAME)
        .that()
        .hasBeenStopped()
        .hasError()
        .doesNotHaveHighCardinalityKeyValueWithKey("jspy.evaluate.score");
  }

  @Test
  void aBatchIsOneObservationUnderTheCallersWithEveryInputInside() throws Exception {
    List<QaInput> inputs =
        IntStream.range(0, EXAMPLES).mapToObj(i -> new QaInput("question " + i)).collect(Collectors.toList());
    Observation request = Observation.start("http.server.requests", registry);
    try (ScriptedServer server = new ScriptedServer(body -> Reply.ok(chat("answer", "yes"), 10, 1));
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyObservations.create(registry))));
        Observation.Scope inRequest = request.openScope()) {
      assertThat(new QaPredict().batch(inputs, WINDOW)).hasSize(EXAMPLES);
    } finally {
      request.stop();
    }
    List<Observation.Context> predictors = modules(registry, "QaPredict");
    assertThat(predictors).hasSize(EXAMPLES);
    for (Observation.Context p : predictors) {
      assertWithMessage("the root of every input's observation").that(root(p)).isSameInstanceAs(request.getContext());
    }
    assertThat(registry)
        .hasObservationWithNameEqualTo(DefaultBatchObservationConvention.NAME)
        .that()
        .hasBeenStopped()
        .doesNotHaveError()
        .hasContextualNameEqualTo("batch QaPredict")
        .hasLowCardinalityKeyValue("module", "QaPredict")
        .hasHighCardinalityKeyValue("jspy.batch.input.count", Integer.toString(EXAMPLES));
    Observation.Context batch = only(registry, BatchObservationContext.class);
    assertThat(parent(batch)).isSameInstanceAs(request.getContext());
    for (Observation.Context p : predictors) {
      assertThat(parent(p)).isSameInstanceAs(batch);
    }
  }

  @Test
  void anLmObservationNamesTheServerAndTheCompletionId() throws Exception {
    try (ScriptedServer server = new ScriptedServer(body -> Reply.ok(chat("answer", "yes"), 10, 1));
        OpenAiLM lm = server.lm().build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyObservations.create(registry))))) {
      new QaPredict().forward("Why?");
      assertThat(registry)
          .hasObservationWithNameEqualTo(DefaultLmObservationConvention.NAME)
          .that()
          .hasHighCardinalityKeyValue("server.address", server.host())
          .hasHighCardinalityKeyValue("server.port", Integer.toString(server.port()))
          .hasHighCardinalityKeyValue("gen_ai.response.id", "chatcmpl-test");
    }
  }

  private static List<Observation.Context> modules(TestObservationRegistry registry, String name) {
    List<Observation.Context> out = new ArrayList<>();
    assertThat(registry).hasHandledContextsThatSatisfy(contexts -> {
      for (Observation.Context c : contexts) {
        if (c instanceof ModuleObservationContext m && Names.module(m.getModule()).equals(name)) {
          out.add(c);
        }
      }
    });
    return out;
  }

  private static Observation.Context only(TestObservationRegistry registry, Class<?> type) {
    List<Observation.Context> out = new ArrayList<>();
    assertThat(registry).hasHandledContextsThatSatisfy(contexts -> {
      for (Observation.Context c : contexts) {
        if (type.isInstance(c)) {
          out.add(c);
        }
      }
    });
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  private static Observation.ContextView parent(Observation.ContextView context) {
    ObservationView parent = context.getParentObservation();
    return parent == null ? null : parent.getContextView();
  }

  private static Observation.ContextView root(Observation.ContextView context) {
    Observation.ContextView at = context;
    for (Observation.ContextView up = parent(at); up != null; up = parent(up)) {
      at = up;
    }
    return at;
  }
}
