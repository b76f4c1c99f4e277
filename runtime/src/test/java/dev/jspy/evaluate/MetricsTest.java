package dev.jspy.evaluate;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.jspy.Example;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares {@link Metrics} with what DSPy 3.3.1's own functions returned (resource
 * {@code metrics/metrics.json}, written by {@code metrics/gen_metrics.py}, which runs DSPy's source).
 */
class MetricsTest {
  static JsonNode golden;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = MetricsTest.class.getResourceAsStream("/metrics/metrics.json")) {
      golden = JsonMapper.builder().build().readTree(in);
    }
  }

  @Test
  void normalizeTextAsDspy() {
    for (JsonNode c : golden.get("normalize_text")) {
      assertWithMessage("normalize_text(%s)", c.get(0))
          .that(Metrics.normalizeText(c.get(0).asString())).isEqualTo(c.get(1).asString());
    }
  }

  @Test
  void pairwiseScoresAsDspy() {
    int n = 0;
    for (JsonNode c : golden.get("em_score")) {
      assertWithMessage("em_score(%s, %s)", c.get(0), c.get(1))
          .that(Metrics.emScore(c.get(0).asString(), c.get(1).asString())).isEqualTo(c.get(2).asBoolean());
      n++;
    }
    for (JsonNode c : golden.get("f1_score")) {
      assertWithMessage("f1_score(%s, %s)", c.get(0), c.get(1))
          .that(Metrics.f1Score(c.get(0).asString(), c.get(1).asString())).isEqualTo(c.get(2).asDouble());
    }
    for (JsonNode c : golden.get("hotpot_f1_score")) {
      assertWithMessage("hotpot_f1_score(%s, %s)", c.get(0), c.get(1))
          .that(Metrics.hotpotF1Score(c.get(0).asString(), c.get(1).asString())).isEqualTo(c.get(2).asDouble());
    }
    for (JsonNode c : golden.get("precision_score")) {
      assertWithMessage("precision_score(%s, %s)", c.get(0), c.get(1))
          .that(Metrics.precisionScore(c.get(0).asString(), c.get(1).asString())).isEqualTo(c.get(2).asDouble());
    }
    assertWithMessage("cases").that(n).isGreaterThan(2000);
  }

  @Test
  void dprTokensAsDspy() {
    for (JsonNode c : golden.get("DPR_normalize")) {
      assertWithMessage("DPR_normalize(%s)", c.get(0))
          .that(Metrics.dprNormalize(c.get(0).asString())).isEqualTo(strings(c.get(1)));
    }
  }

  record Pred(String answer, List<String> context) {}

  @Test
  void answerExactMatchAsDspy() throws Exception {
    for (JsonNode c : golden.get("answer_exact_match")) {
      Example ex = Example.of("answer", answer(c.get("answer")));
      Metric<Pred> m = Metrics.answerExactMatch(Pred::answer, c.get("frac").asDouble());
      assertWithMessage("%s", c)
          .that(m.score(ex, new Pred(c.get("prediction").asString(), List.of()), null))
          .isEqualTo(c.get("result").asBoolean() ? 1.0 : 0.0);
      assertWithMessage("name").that(m.name()).isEqualTo("answer_exact_match");
    }
  }

  @Test
  void answerPassageMatchAsDspy() throws Exception {
    Metric<Pred> m = Metrics.answerPassageMatch(Pred::context);
    int matched = 0;
    for (JsonNode c : golden.get("answer_passage_match")) {
      Example ex = Example.of("answer", answer(c.get("answer")));
      double got = m.score(ex, new Pred("", strings(c.get("context"))), null);
      assertWithMessage("%s", c).that(got).isEqualTo(c.get("result").asBoolean() ? 1.0 : 0.0);
      matched += (int) got;
    }
    assertWithMessage("some passages match").that(matched).isGreaterThan(0);
  }

  private static Object answer(JsonNode a) {
    return a.isArray() ? strings(a) : a.asString();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asString()));
    return out;
  }
}
