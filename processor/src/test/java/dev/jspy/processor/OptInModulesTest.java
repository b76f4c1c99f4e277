package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A signature gets {@code Input}, {@code Output} and {@code Predict} (which holds {@code SPEC}); the
 * ChainOfThought and ReAct classes only when it asks for them, as each generated type costs its users compile
 * time.
 */
class OptInModulesTest {

  @Test
  void plainSignatureGetsOnlyThePredictTypes() {
    assertThat(generated("@Signature(\"question -> answer\")"))
        .containsExactly("p.QaInput", "p.QaOutput", "p.QaPredict");
  }

  @Test
  void specLivesInPredictAndIsBuiltWithoutALambdaPerConversion() throws Exception {
    Compilation compilation = TestCompiler.javac().compile(qa("@Signature(\"question, context -> answer: int\")"));
    assertThat(compilation).succeededWithoutWarnings();
    String predict =
        compilation.generatedSourceFile("p.QaPredict").orElseThrow().getCharContent(true).toString();
    // Lambdas are what javac is slowest to compile here; one method reference replaces the four there were.
    assertThat(predict).contains("SignatureSpec.<QaInput, QaOutput>of(");
    assertThat(predict).contains("QaPredict::convert");
    assertThat(predict.replaceAll("(?s)/\\*\\*.*?\\*/", "")).doesNotContain("->");
    ClassLoader loader = TestCompiler.load(compilation);
    dev.jspy.signature.SignatureSpec<Object, Object> spec = spec(loader.loadClass("p.QaPredict"));
    Object input = spec.newInput(new Object[] {"q", "c"});
    assertThat(input.toString()).isEqualTo("QaInput[question=q, context=c]");
    assertThat(spec.inputValues(input)).asList().containsExactly("q", "c").inOrder();
    Object output = spec.newOutput(new Object[] {42});
    assertThat(spec.outputValues(output)).asList().containsExactly(42);
  }

  @SuppressWarnings("unchecked")
  private static dev.jspy.signature.SignatureSpec<Object, Object> spec(Class<?> predict) throws Exception {
    return (dev.jspy.signature.SignatureSpec<Object, Object>) predict.getField("SPEC").get(null);
  }

  @Test
  void chainOfThoughtTrueAddsChainOfThoughtAndItsOutput() {
    assertThat(generated("@Signature(value = \"question -> answer\", chainOfThought = true)"))
        .containsExactly(
            "p.QaInput", "p.QaOutput", "p.QaPredict", "p.QaChainOfThoughtOutput", "p.QaChainOfThought");
  }

  @Test
  void reactTrueAddsReActAndItsOutputButNotChainOfThought() {
    assertThat(generated("@Signature(value = \"question -> answer\", react = true)"))
        .containsExactly("p.QaInput", "p.QaOutput", "p.QaPredict", "p.QaReActOutput", "p.QaReAct");
  }

  @Test
  void optedInModulesKeepTheirTypedApi() {
    Compilation compilation =
        TestCompiler.strictJavac()
            .compile(
                qa("@Signature(value = \"question -> answer\", chainOfThought = true, react = true)"),
                TestCompiler.source(
                    "p.UseQa",
                    "package p;",
                    "import java.util.List;",
                    "class UseQa {",
                    "  String cot() {",
                    "    QaChainOfThoughtOutput out = new QaChainOfThought().forward(\"q\");",
                    "    return out.reasoning() + out.answer();",
                    "  }",
                    "  String react() {",
                    "    QaReActOutput out = new QaReAct(List.of()).forward(\"q\");",
                    "    return out.trajectory() + out.reasoning() + new QaReAct(List.of(), 3).forward(\"q\").answer();",
                    "  }",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void usingAModuleThatWasNotAskedForFailsToCompile() {
    Compilation compilation =
        TestCompiler.javac()
            .compile(
                qa("@Signature(\"question -> answer\")"),
                TestCompiler.source(
                    "p.UseQa", "package p;", "class UseQa {", "  Object cot = new QaChainOfThought();", "}"));
    assertThat(compilation).hadErrorContaining("QaChainOfThought");
  }

  private static JavaFileObject qa(String annotation) {
    return TestCompiler.source("p.Qa", "package p;", "import dev.jspy.annotations.Signature;", annotation, "interface Qa {}");
  }

  /** The qualified names of the sources the processor generated for {@code annotation} on {@code Qa}. */
  private static List<String> generated(String annotation) {
    Compilation compilation = TestCompiler.javac().compile(qa(annotation));
    assertThat(compilation).succeededWithoutWarnings();
    return compilation.generatedSourceFiles().stream()
        .map(f -> f.getName().replaceAll("^.*/(p)/(\\w+)\\.java$", "$1.$2"))
        .toList();
  }
}
