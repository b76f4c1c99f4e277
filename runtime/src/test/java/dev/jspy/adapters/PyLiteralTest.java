package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.jspy.adapters.PyJsonTest.list;
import static dev.jspy.adapters.PyJsonTest.map;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.internal.py.PyLiteral;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PyLiteral}: expected values are CPython's {@code ast.literal_eval}. */
class PyLiteralTest {

  @Test
  void readsConstants() {
    assertThat(PyLiteral.eval("True")).isEqualTo(true);
    assertThat(PyLiteral.eval("False")).isEqualTo(false);
    assertThat(PyLiteral.eval("None")).isNull();
    assertThat(PyLiteral.eval("  42")).isEqualTo(42);
    assertThat(PyLiteral.eval("-1.5e3")).isEqualTo(-1500.0);
    assertThat(PyLiteral.eval("0x1F")).isEqualTo(31);
    assertThat(PyLiteral.eval("0o17")).isEqualTo(15);
    assertThat(PyLiteral.eval("0b101")).isEqualTo(5);
    assertThat(PyLiteral.eval("1_000")).isEqualTo(1000);
    assertThat(PyLiteral.eval("123_456.789")).isEqualTo(123456.789);
    assertThat(PyLiteral.eval(".5")).isEqualTo(0.5);
    assertThat(PyLiteral.eval("5.")).isEqualTo(5.0);
    assertThat(PyLiteral.eval("1e3")).isEqualTo(1000.0);
    assertThat(PyLiteral.eval("99999999999999999999")).isEqualTo(new java.math.BigInteger("99999999999999999999"));
  }

  @Test
  void readsStringsWithPythonEscapes() {
    assertThat(PyLiteral.eval("'it\\'s'")).isEqualTo("it's");
    assertThat(PyLiteral.eval("\"say \\\"hi\\\"\"")).isEqualTo("say \"hi\"");
    assertThat(PyLiteral.eval("'\\x41\\u00e9\\N{BULLET}\\U0001F600\\101\\t\\n'")).isEqualTo("Aé•😀A\t\n");
    assertThat(PyLiteral.eval("'keep \\d unknown'")).isEqualTo("keep \\d unknown");
    assertThat(PyLiteral.eval("r'a\\\\b\\n'")).isEqualTo("a\\\\b\\n");
    assertThat(PyLiteral.eval("'a' \"b\"")).isEqualTo("ab");
    assertThat(PyLiteral.eval("'''multi\nline'''")).isEqualTo("multi\nline");
    assertThat(PyLiteral.eval("u'x'")).isEqualTo("x");
  }

  @Test
  void readsContainers() {
    assertThat(PyLiteral.eval("['a', 'b']")).isEqualTo(List.of("a", "b"));
    assertThat(PyLiteral.eval("[1, 2,]")).isEqualTo(List.of(1, 2));
    assertThat(PyLiteral.eval("{'k': 1, 'j': [True, None],}")).isEqualTo(map("k", 1, "j", list(true, null)));
    assertThat(PyLiteral.eval("{1: 'a'}")).isEqualTo(map(1, "a"));
    assertThat(PyLiteral.eval("(1, 2)")).isEqualTo(List.of(1, 2));
    assertThat(PyLiteral.eval("(1,)")).isEqualTo(List.of(1));
    assertThat(PyLiteral.eval("()")).isEqualTo(List.of());
    assertThat(PyLiteral.eval("(1)")).isEqualTo(1);
    assertThat(PyLiteral.eval("1, 2, 3")).isEqualTo(List.of(1, 2, 3));
    assertThat(PyLiteral.eval("{1, 2}")).isEqualTo(List.of(1, 2));
    assertThat(PyLiteral.eval("{}")).isEqualTo(map());
    assertThat(PyLiteral.eval("[\n  1,  # one\n  2\n]\n")).isEqualTo(List.of(1, 2));
  }

  @Test
  void rejectsWhatLiteralEvalRejects() {
    for (String bad : List.of("", "hello", "a, b", "1 + 2", "f'x'", "01", "1__0", "[1, 2", "{'a': 1", "'open",
        "1\n2", "--1", "-True", "{[1]: 2}", "4 apples", "true", "null")) {
      assertThrows(IllegalArgumentException.class, () -> PyLiteral.eval(bad), bad);
    }
    assertWithMessage("position in message")
        .that(assertThrows(IllegalArgumentException.class, () -> PyLiteral.eval("[1, x]")).getMessage())
        .contains("position");
  }
}
