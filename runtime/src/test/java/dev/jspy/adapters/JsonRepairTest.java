package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static dev.jspy.adapters.PyJsonTest.list;
import static dev.jspy.adapters.PyJsonTest.map;

import dev.jspy.internal.py.JsonRepair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JsonRepair}: the subset of {@code json_repair.loads} that DSPy's parse_value leans on. */
class JsonRepairTest {

  @Test
  void findsTheFirstObjectOrArrayInProse() {
    assertThat(JsonRepair.firstValue("Here you go: [1, 2, 3]\n\nThose are the numbers."))
        .isEqualTo(List.of(1, 2, 3));
    assertThat(JsonRepair.firstValue("```json\n{\"a\": \"b\"}\n```")).isEqualTo(map("a", "b"));
  }

  @Test
  void forgivesPythonishAndBrokenJson() {
    assertThat(JsonRepair.firstValue("{'k': 'v', 'n': None, 't': True,}")).isEqualTo(map("k", "v", "n", "None", "t", true));
    assertThat(JsonRepair.firstValue("[\"a\" \"b\"")).isEqualTo(List.of("a", "b"));
    assertThat(JsonRepair.firstValue("{\"a\": [1, 2")).isEqualTo(map("a", List.of(1, 2)));
    assertThat(JsonRepair.firstValue("{name: Ada, age: 36}")).isEqualTo(map("name", "Ada", "age", 36));
    assertThat(JsonRepair.firstValue("{'score': 123_456.789}")).isEqualTo(map("score", 123456.789));
    assertThat(JsonRepair.firstValue("[“curly”]")).isEqualTo(List.of("curly"));
    assertThat(JsonRepair.firstValue("[1, [2, {\"x\": null}], \"\\n\"]")).isEqualTo(list(1, list(2, map("x", null)), "\n"));
  }

  /**
   * json_repair 0.61.7 reads a bare word starting with t, f or n as true, false or null when it spells one
   * of them in any case; anything else, Python's {@code None} included, stays a string.
   */
  @Test
  void readsPythonNoneAsTextButJsonLiteralsInAnyCase() {
    assertThat(JsonRepair.firstValue("[1, None, NULL, TRUE, False, null, none, Nonesuch]"))
        .isEqualTo(list(1, "None", null, true, false, null, "none", "Nonesuch"));
    assertThat(JsonRepair.firstValue("{'answer': None, 'note': None}")).isEqualTo(map("answer", "None", "note", "None"));
  }

  @Test
  void findsNothingWithoutBrackets() {
    assertThat(JsonRepair.firstValue("True")).isNull();
    assertThat(JsonRepair.firstValue("42")).isNull();
    assertThat(JsonRepair.firstValue("not json or literal")).isNull();
    assertThat(JsonRepair.firstValue("")).isNull();
  }
}
