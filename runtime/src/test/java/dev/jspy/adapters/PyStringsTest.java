package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.internal.py.PyStrings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PyStrings}: expected values are CPython's. */
class PyStringsTest {

  @Test
  void splitsLinesOnEveryPythonLineBoundary() {
    assertThat(PyStrings.splitLines("a\nb\r\nc\rd\u000be\u000cf\u001cg\u0085h\u2028i\u2029j"))
        .containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")
        .inOrder();
    assertThat(PyStrings.splitLines("a\n")).containsExactly("a");
    assertThat(PyStrings.splitLines("a\n\n")).containsExactly("a", "").inOrder();
    assertThat(PyStrings.splitLines("\n")).containsExactly("");
    assertThat(PyStrings.splitLines("")).isEmpty();
  }

  @Test
  void stripsPythonWhitespace() {
    assertThat(PyStrings.strip(" \t\n\u000b\f\r\u001c\u0085\u00a0\u2003\u3000x y\u202f ")).isEqualTo("x y");
    assertThat(PyStrings.strip("\u200bx")).isEqualTo("\u200bx"); // zero-width space is not whitespace
    assertThat(PyStrings.strip("   ")).isEmpty();
  }

  @Test
  void dedentsAsTextwrapDoes() {
    assertThat(PyStrings.dedent("    a\n      b\n    c")).isEqualTo("a\n  b\nc");
    assertThat(PyStrings.dedent("  a\n\n  b\n   \n")).isEqualTo("a\n\nb\n\n");
    assertThat(PyStrings.dedent("\ta\n  b")).isEqualTo("\ta\n  b");
    assertThat(PyStrings.dedent("  \ta\n  b")).isEqualTo("\ta\nb");
    assertThat(PyStrings.dedent("no indent\n  x")).isEqualTo("no indent\n  x");
    assertThat(PyStrings.dedent("")).isEmpty();
  }
}
