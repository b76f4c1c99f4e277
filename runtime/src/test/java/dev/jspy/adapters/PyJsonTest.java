package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.adapters.Fixtures.Label;
import dev.jspy.internal.py.PyJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link PyJson}: expected text is CPython's {@code json.dumps(x, ensure_ascii=False)} / {@code json.loads}. */
class PyJsonTest {

  /** Outputs of Python's {@code json.dumps(x, indent=n, ensure_ascii=False)}. */
  @Test
  void dumpsIndentedAsPython() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("a", List.of());
    tree.put("b", Map.of());
    tree.put("c", List.of(1, Map.of("x", Arrays.asList(2.5, null, true))));
    tree.put("d", "\u00fc\n\"");
    tree.put("e", 1e-05);

    assertThat(PyJson.dumps(tree, 2)).isEqualTo(
        "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"x\": [\n        2.5,\n        null,\n        true\n      ]\n    }\n  ],\n  \"d\": \"\u00fc\\n\\\"\",\n  \"e\": 1e-05\n}");
    assertThat(PyJson.dumps(List.of(1, List.of(2)), 0)).isEqualTo("[\n1,\n[\n2\n]\n]");
    assertThat(PyJson.dumps(Optional.of(Label.POSITIVE), 2)).isEqualTo("\"POSITIVE\"");
  }

  @Test
  void dumpsWithPythonSeparators() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1);
    m.put("a", List.of(1.0, 0.5, true, false));
    m.put("n", null);
    m.put("e", Map.of());
    m.put("l", List.of());

    assertThat(PyJson.dumps(m)).isEqualTo("{\"b\": 1, \"a\": [1.0, 0.5, true, false], \"n\": null, \"e\": {}, \"l\": []}");
  }

  @Test
  void escapesOnlyQuotesBackslashesAndControlCharacters() {
    assertThat(PyJson.dumps("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    assertThat(PyJson.dumps("a\\b")).isEqualTo("\"a\\\\b\"");
    assertThat(PyJson.dumps("l1\nl2\r\tx\b\f")).isEqualTo("\"l1\\nl2\\r\\tx\\b\\f\"");
    assertThat(PyJson.dumps("\u0000\u0001\u001b\u001f")).isEqualTo("\"\\u0000\\u0001\\u001b\\u001f\"");
    assertThat(PyJson.dumps("\u007f")).isEqualTo("\"\u007f\"");
    assertThat(PyJson.dumps("/")).isEqualTo("\"/\"");
    assertThat(PyJson.dumps("ünïcødé 日本 😀")).isEqualTo("\"ünïcødé 日本 😀\"");
    assertThat(PyJson.dumps("line\u2028sep\u2029")).isEqualTo("\"line\u2028sep\u2029\"");
  }

  @Test
  void dumpsNumbersAsPythonDoes() {
    assertThat(PyJson.dumps(List.of(1e-05, 1e16, 0.1, -0.0, 3, 3L, new BigInteger("123456789012345678901234567890"))))
        .isEqualTo("[1e-05, 1e+16, 0.1, -0.0, 3, 3, 123456789012345678901234567890]");
    assertThat(PyJson.dumps(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)))
        .isEqualTo("[NaN, Infinity, -Infinity]");
    assertThat(PyJson.dumps(0.1f)).isEqualTo("0.1");
  }

  @Test
  void dumpsNonStringKeysAsJsonDoes() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(1, "a");
    m.put(true, "b");
    m.put(null, "c");
    m.put(1.5, "d");

    assertThat(PyJson.dumps(m)).isEqualTo("{\"1\": \"a\", \"true\": \"b\", \"null\": \"c\", \"1.5\": \"d\"}");
  }

  @Test
  void dumpsEnumsByNameAndUnwrapsOptionals() {
    assertThat(PyJson.dumps(List.of(Label.POSITIVE, Optional.of(2), Optional.empty())))
        .isEqualTo("[\"POSITIVE\", 2, null]");
  }

  @Test
  void strIsPythonStrOfScalars() {
    assertThat(PyJson.str(null)).isEqualTo("None");
    assertThat(PyJson.str(true)).isEqualTo("True");
    assertThat(PyJson.str(false)).isEqualTo("False");
    assertThat(PyJson.str(1e-05)).isEqualTo("1e-05");
    assertThat(PyJson.str(42)).isEqualTo("42");
    assertThat(PyJson.str("raw \"text\"")).isEqualTo("raw \"text\"");
    assertThat(PyJson.str(List.of("a"))).isEqualTo("[\"a\"]");
  }

  @Test
  void loadsJsonAsPythonDoes() {
    assertThat(PyJson.loads(" {\"a\": [1, 2.5, -3e2, true, false, null], \"b\": \"\\u00e9\\n\"} "))
        .isEqualTo(map("a", Arrays.asList(1, 2.5, -300.0, true, false, null), "b", "é\n"));
    assertThat(PyJson.loads("12345678901")).isEqualTo(12345678901L);
    assertThat(PyJson.loads("123456789012345678901234567890")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(PyJson.loads("\"\\ud83d\\ude00\"")).isEqualTo("😀");
    assertThat(PyJson.loads("[NaN, Infinity, -Infinity]"))
        .isEqualTo(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    assertThat(PyJson.loads("{\"k\": 1, \"j\": 2, \"k\": 3}")).isEqualTo(map("k", 3, "j", 2));
  }

  @Test
  void rejectsWhatJsonLoadsRejects() {
    for (String bad : List.of("", "True", "'a'", "[1,]", "{'a': 1}", "01", "1.", ".5", "4 apples", "\"a\nb\"", "[1] x",
        "{\"a\" 1}", "\"\\x41\"", "+1")) {
      assertThrows(IllegalArgumentException.class, () -> PyJson.loads(bad), bad);
    }
  }

  static Map<Object, Object> map(Object... kv) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static List<Object> list(Object... items) {
    return new ArrayList<>(Arrays.asList(items));
  }
}
