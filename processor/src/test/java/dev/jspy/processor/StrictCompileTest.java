package dev.jspy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Generated code is clean under the strictest javac settings a user might build with. */
class StrictCompileTest {

  @Test
  void everySampleCompilesWarningFreeUnderXlintAllWerror() {
    // Covers primitives and boxes of every scalar (inferred through Values.get), Python aliases, nested and
    // repeated records, enums nested and top-level, Map/List/Optional nesting, zero inputs, one List input.
    Compilation compilation = TestCompiler.strictJavac().compile(TestCompiler.samples());
    assertThat(compilation).succeededWithoutWarnings();
    for (String signature : new String[] {"Qa", "RagQa", "Sentiment", "Extraction", "Tally", "Tagging", "Shop", "Generate"}) {
      for (String suffix : new String[] {"Input", "Output", "Signature", "Predict"}) {
        assertThat(compilation).generatedSourceFile("p." + signature + suffix).isNotNull();
      }
    }
  }

  @Test
  void singleListInputOverloadDoesNotClashWithInheritedForward() {
    // TallyPredict has forward(List<String>) next to the inherited forward(TallyInput) (erasure Object):
    // both must stay callable.
    Compilation compilation =
        TestCompiler.strictJavac()
            .compile(
                TestCompiler.sample("p/Tally.java"),
                TestCompiler.source(
                    "p.UseTally",
                    "package p;",
                    "import java.util.List;",
                    "class UseTally {",
                    "  void use(TallyPredict t) {",
                    "    t.forward(List.of(\"a\"));",
                    "    t.forward(new TallyInput(List.of(\"a\")));",
                    "    t.aforward(List.of(\"a\"));",
                    "    t.aforward(new TallyInput(List.of(\"a\")));",
                    "    int n = t.forward(List.of(\"a\")).count();",
                    "  }",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void signatureInUnnamedPackageAndNestedInterfaceCompile() {
    Compilation compilation =
        TestCompiler.strictJavac()
            .compile(
                TestCompiler.source(
                    "Outer",
                    "import dev.jspy.annotations.Signature;",
                    "class Outer {",
                    "  @Signature(\"question -> answer: Kind\")",
                    "  interface Ask { enum Kind { YES, NO } }",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("AskPredict").contentsAsUtf8String().contains("class AskPredict");
    assertThat(compilation).generatedSourceFile("AskSignature").contentsAsUtf8String().contains("Outer.Ask.Kind.values()");
  }
}
