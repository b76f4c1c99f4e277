package dev.jspy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Misused {@code @EnumValue}, {@code @OneOf} and {@code Literal[...]}: compile errors naming the problem. */
class TypeAnnotationErrorsTest {
  private static Compilation compile(String... lines) {
    return TestCompiler.javac().compile(TestCompiler.source("q.Labels", lines));
  }

  @Test
  void twoConstantsWithOneValueAreAnError() {
    Compilation c =
        compile(
            "package q;",
            "import dev.jspy.annotations.*;",
            "@Signature public interface Labels {",
            "  enum Color { @EnumValue(\"red\") RED, @EnumValue(\"red\") CRIMSON }",
            "  @Input String review();",
            "  @Output Color color();",
            "}");
    assertThat(c).hadErrorContaining("enum Color has two constants with the value 'red' (RED and CRIMSON)");
  }

  @Test
  void oneOfOnANonStringIsAnError() {
    Compilation c =
        compile(
            "package q;",
            "import dev.jspy.annotations.*;",
            "@Signature public interface Labels {",
            "  @Input String review();",
            "  @Output @OneOf({\"1\", \"2\"}) int stars();",
            "}");
    assertThat(c).hadErrorContaining("@OneOf on type 'int' for field 'stars'");
  }

  @Test
  void aLiteralValueTwiceOrUnquotedIsAnError() {
    Compilation c =
        compile(
            "package q;",
            "import dev.jspy.annotations.*;",
            "@Signature(\"a -> b: Literal['x', 'x']\") interface Labels {}",
            "@Signature(\"a -> b: Literal[x]\") interface Other {}");
    assertThat(c).hadErrorContaining("value 'x' given twice in Literal['x', 'x']");
    assertThat(c).hadErrorContaining("Literal values must be quoted strings");
  }
}
