package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.jspy.Example;
import dev.jspy.Jspy;
import dev.jspy.lm.CallOptions;
import dev.jspy.lm.LM;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.evaluate.Metric;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Usage;
import dev.jspy.optimize.BootstrapFewShot;
import dev.jspy.optimize.BootstrapFewShotWithRandomSearch;
import dev.jspy.optimize.LabeledFewShot;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * jspy's optimizers choose DSPy's demos: each case of {@code dspyref/optimize.json} was made by DSPy 3.3.1's
 * own LabeledFewShot, BootstrapFewShot and BootstrapFewShotWithRandomSearch (see {@code it/dspyref/gen.py},
 * {@code gen_optimize_cases}) with a scripted LM; here jspy runs the same optimizer on the same trainset with an
 * LM that follows the same rule, and must end with the same demos, in the same order, for every predictor
 * (and, for the random search, the same candidates, scores and subscores).
 */
@Timeout(120)
@SuppressWarnings("try")
class OptimizeGoldensTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern QUESTION = Pattern.compile("\\[\\[ ## question ## \\]\\]\\n(.*?)(\\n|$)");

  /** DSPy's TwoStep in gen.py: answer, then answer the answer. */
  static final class TwoStep extends Module<QaInput, QaOutput> {
    final QaPredict first = new QaPredict();
    final QaPredict second = new QaPredict();

    @Override
    public CompletableFuture<QaOutput> aforward(QaInput input) {
      return first.aforward(input).thenCompose(a -> second.aforward(new QaInput(a.answer())));
    }
  }

  /** The rule of gen.py's {@code optimize_reply}. */
  static final class RuleLM implements LM {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String model() {
      return "dspyref/script";
    }

    @Override
    public CompletableFuture<LMResponse> acall(LMRequest request) {
      return acall(request, CallOptions.NONE);
    }

    /** The rollout id is a typed option of the call (DSPy's {@code rollout_id}), never a request parameter. */
    @Override
    public CompletableFuture<LMResponse> acall(LMRequest request, CallOptions options) {
      calls.incrementAndGet();
      String last = request.messages().get(request.messages().size() - 1).content();
      Matcher m = QUESTION.matcher(last);
      if (!m.find()) {
        return CompletableFuture.failedFuture(new IllegalStateException("no question in " + last));
      }
      int n = Integer.parseInt(m.group(1).replaceAll("\\D", ""));
      int d = (request.messages().size() - 2) / 2;
      Integer rollout = options.rolloutId();
      int r = rollout == null ? 0 : rollout;
      String answer = (7 * n + 3 * d + r) % 5 < 2 + d % 3 ? "a" + n : "w" + n;
      String text = "[[ ## answer ## ]]\n" + answer + "\n\n[[ ## completed ## ]]\n";
      return CompletableFuture.completedFuture(
          new LMResponse(List.of(new LMResponse.Choice(text, "stop")), Usage.NONE, "dspyref/script"));
    }

    @Override
    public void close() {}
  }

  static final Metric<QaOutput> EXACT = (ex, pred, trace) -> ex.get("answer").equals(pred.answer()) ? 1 : 0;

  static Stream<Map<String, Object>> cases() throws Exception {
    try (InputStream in = OptimizeGoldensTest.class.getResourceAsStream("/dspyref/optimize.json")) {
      List<Map<String, Object>> all = JSON.readValue(in, new TypeReference<List<Map<String, Object>>>() {});
      assertThat(all).isNotEmpty();
      return all.stream();
    }
  }

  @SuppressWarnings("unchecked")
  static List<Example> examples(Object rows) {
    List<Example> out = new ArrayList<>();
    for (Map<String, Object> row : (List<Map<String, Object>>) rows) {
      out.add(Example.of(row).withInputs("question"));
    }
    return out;
  }

  static Module<QaInput, QaOutput> program(String name) {
    return name.equals("Predict") ? new QaPredict() : new TwoStep();
  }

  static Map<String, List<Map<String, Object>>> demosOf(Module<?, ?> program) {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Predict<?, ?>> e : program.namedPredictors()) {
      out.put(e.getKey(), e.getValue().demos());
    }
    return out;
  }

  static int intParam(Map<String, Object> params, String name, int fallback) {
    Object v = params.get(name);
    return v == null ? fallback : ((Number) v).intValue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void selectsDspysDemos(Map<String, Object> c) {
    String id = (String) c.get("id");
    Map<String, Object> params = (Map<String, Object>) c.get("params");
    List<Example> trainset = examples(c.get("trainset"));
    Module<QaInput, QaOutput> student = program((String) c.get("program"));
    RuleLM lm = new RuleLM();
    Module<QaInput, QaOutput> compiled;
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      switch ((String) c.get("optimizer")) {
        case "LabeledFewShot":
          compiled =
              new LabeledFewShot(intParam(params, "k", 16))
                  .compile(student, trainset, !Boolean.FALSE.equals(params.get("sample")));
          break;
        case "BootstrapFewShot":
          compiled =
              BootstrapFewShot.builder(EXACT)
                  .maxBootstrappedDemos(intParam(params, "max_bootstrapped_demos", 4))
                  .maxLabeledDemos(intParam(params, "max_labeled_demos", 16))
                  .maxRounds(intParam(params, "max_rounds", 1))
                  .build()
                  .compile(student, e -> e.toInput(QaPredict.SPEC), trainset);
          break;
        default:
          BootstrapFewShotWithRandomSearch.Result<Module<QaInput, QaOutput>> result =
              BootstrapFewShotWithRandomSearch.builder(EXACT)
                  .maxBootstrappedDemos(intParam(params, "max_bootstrapped_demos", 4))
                  .maxLabeledDemos(intParam(params, "max_labeled_demos", 16))
                  .maxRounds(intParam(params, "max_rounds", 1))
                  .numCandidatePrograms(intParam(params, "num_candidate_programs", 16))
                  .numThreads(intParam(params, "num_threads", 8))
                  .displayProgress(false)
                  .build()
                  .search(student, e -> e.toInput(QaPredict.SPEC), trainset, examples(c.get("valset")));
          compiled = result.best();
          List<Map<String, Object>> expected = (List<Map<String, Object>>) c.get("candidates");
          assertWithMessage(id + " candidates").that(result.candidates()).hasSize(expected.size());
          for (int i = 0; i < expected.size(); i++) {
            var got = result.candidates().get(i);
            Map<String, Object> want = expected.get(i);
            assertWithMessage(id + " candidate " + i + " seed").that(got.seed()).isEqualTo(want.get("seed"));
            assertWithMessage(id + " candidate " + i + " score")
                .that(got.score()).isEqualTo(((Number) want.get("score")).doubleValue());
            assertWithMessage(id + " candidate " + i + " subscores")
                .that(got.subscores()).isEqualTo(want.get("subscores"));
            assertWithMessage(id + " candidate seed " + got.seed() + " demos")
                .that(demosOf(got.program())).isEqualTo(want.get("demos"));
          }
      }
    }
    assertWithMessage(id + " demos").that(demosOf(compiled)).isEqualTo(c.get("demos"));
    assertWithMessage(id + " student").that(demosOf(student)).isEqualTo(c.get("student_demos_after"));
    assertWithMessage(id + " LM calls").that(lm.calls.get()).isEqualTo(c.get("lm_calls"));
  }
}
