package dev.jspy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Generated code is clean under the strictest javac settings a user might build with. */
class StrictCompileTest {

  @Test
  void everySampleCompilesWarningFreeUnderXlintAllWerror() {
    // Covers primitives and boxes of every scalar (inferred through Values.get), Python aliases, nested and
    // repeated records, enums nested and top-level, Map/List/Optional nesting, zero inputs, one List input;
    // tools sync, async (future and stage), static-only, void, overloaded, on records, interfaces and generics.
    Compilation compilation = TestCompiler.strictJavac().compile(TestCompiler.samples());
    assertThat(compilation).succeededWithoutWarnings();
    for (String signature : TestCompiler.SIGNATURES) {
      // RagQa opts in to ChainOfThought only, Sentiment to neither, every other sample to both.
      var modules = new SignatureModel.Modules(!signature.equals("Sentiment"), !signature.matches("Sentiment|RagQa"));
      for (String name : modules.generatedNames(signature)) {
        assertThat(compilation).generatedSourceFile("p." + name).isNotNull();
      }
    }
    for (String tools : TestCompiler.TOOLS) {
      assertThat(compilation).generatedSourceFile("p." + tools).isNotNull();
    }
  }

  @Test
  void singleListInputOverloadDoesNotClashWithInheritedForward() {
    // TallyPredict has forward(List<String>) next to the inherited forward(TallyInput) (erasure Object):
    // both must stay callable; likewise on the ChainOfThought and ReAct modules.
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
                    "  void use(TallyChainOfThought t) {",
                    "    String r = t.forward(List.of(\"a\")).reasoning();",
                    "    t.forward(new TallyInput(List.of(\"a\")));",
                    "    t.aforward(List.of(\"a\"));",
                    "    t.aforward(new TallyInput(List.of(\"a\")));",
                    "  }",
                    "  void use(TallyReAct t) {",
                    "    dev.jspy.Trajectory steps = t.forward(List.of(\"a\")).trajectory();",
                    "    t.forward(new TallyInput(List.of(\"a\")));",
                    "    t.aforward(List.of(\"a\"));",
                    "    t.aforward(new TallyInput(List.of(\"a\")));",
                    "  }",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void fluentSettersKeepTheGeneratedTypeSoTypedForwardStaysInReach() {
    // Predict.lm/config/addDemo, ChainOfThought.lm and ReAct.lm return the runtime's base class; the
    // generated modules override them covariantly so that a chain can end in the typed forward(String).
    Compilation compilation =
        TestCompiler.strictJavac()
            .compile(
                TestCompiler.sample("p/Qa.java"),
                TestCompiler.source(
                    "p.UseQa",
                    "package p;",
                    "import java.util.List;",
                    "class UseQa {",
                    "  String predict() {",
                    "    return new QaPredict().lm(null).config(java.util.Map.of()).forward(\"q\").answer();",
                    "  }",
                    "  QaOutput demo() {",
                    "    return new QaPredict()",
                    "        .addDemo(new QaInput(\"q\"), new QaOutput(\"a\"))",
                    "        .config(java.util.Map.of(\"temperature\", 0.7))",
                    "        .lm(null)",
                    "        .forward(\"q\");",
                    "  }",
                    "  String cot() {",
                    "    return new QaChainOfThought().lm(null).forward(\"q\").reasoning();",
                    "  }",
                    "  dev.jspy.Trajectory react() {",
                    "    return new QaReAct(List.of()).lm(null).forward(\"q\").trajectory();",
                    "  }",
                    "  java.util.concurrent.CompletableFuture<QaReActOutput> areact() {",
                    "    return new QaReAct(List.of(), 3).lm(null).aforward(\"q\");",
                    "  }",
                    "  dev.jspy.Predict<QaInput, QaOutput> base(QaPredict p) {",
                    "    dev.jspy.Predict<QaInput, QaOutput> b = p;",
                    "    return b.lm(null).config(java.util.Map.of());",
                    "  }",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void fluentSettersCompileWhenUserTypesAreNamedLmAndMap() {
    // The overrides name dev.jspy.lm.LM and java.util.Map: a signature named LM and a field record named Map in
    // the same package must not capture them.
    Compilation compilation =
        TestCompiler.strictJavac()
            .compile(
                TestCompiler.source(
                    "q.LM",
                    "package q;",
                    "import dev.jspy.annotations.*;",
                    "@Signature(chainOfThought = true, react = true)",
                    "interface LM {",
                    "  @Input Map question();",
                    "  @Output Map answer();",
                    "}"),
                TestCompiler.source("q.Map", "package q;", "record Map(String text) {}"),
                TestCompiler.source(
                    "q.Use",
                    "package q;",
                    "class Use {",
                    "  Map use() {",
                    "    return new LMPredict().lm(null).config(java.util.Map.of()).forward(new Map(\"a\")).answer();",
                    "  }",
                    "  Map cot() { return new LMChainOfThought().lm(null).forward(new Map(\"a\")).answer(); }",
                    "  Map react() { return new LMReAct(java.util.List.of()).lm(null).forward(new Map(\"a\")).answer(); }",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("q.LMPredict")
        .contentsAsUtf8String()
        .contains("public LMPredict config(java.util.Map<String, Object> params)");
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
    assertThat(compilation).generatedSourceFile("AskPredict").contentsAsUtf8String().contains("Outer.Ask.Kind.values()");
  }

  @Test
  void toolClassNamedArgCompilesThoughToolHasANestedArg() {
    Compilation compilation =
        TestCompiler.strictJavac()
            .compile(
                TestCompiler.source(
                    "p.Arg",
                    "package p;",
                    "import dev.jspy.annotations.Tool;",
                    "class Arg {",
                    "  @Tool static String echo(String text) { return text; }",
                    "  @Tool String self(Arg other) { return String.valueOf(other); }",
                    "  record Other(String x) {}",
                    "}"),
                TestCompiler.source(
                    "p.Tool",
                    "package p;",
                    "class Tool {",
                    "  @dev.jspy.annotations.Tool static int one() { return 1; }",
                    "}"));
    // 'self' takes an Arg, which is not a record: reported, not miscompiled.
    assertThat(compilation).hadErrorContaining("unsupported type 'Arg' for parameter 'other'");
    Compilation fine =
        TestCompiler.strictJavac()
            .compile(
                TestCompiler.source(
                    "p.Arg",
                    "package p;",
                    "import dev.jspy.annotations.Tool;",
                    "import java.util.List;",
                    "class Arg {",
                    "  @Tool static String echo(String text) { return text; }",
                    "  @Tool String name() { return \"arg\"; }",
                    "  @Tool(name = \"twice\") String echo(List<Rec> recs) { return \"\"; }",
                    "  record Rec(String x) {}",
                    "}"),
                TestCompiler.source(
                    "p.Tool",
                    "package p;",
                    "class Tool {",
                    "  @dev.jspy.annotations.Tool static int one() { return 1; }",
                    "}"));
    assertThat(fine).succeededWithoutWarnings();
    assertThat(fine).generatedSourceFile("p.ArgTools").contentsAsUtf8String().contains("return p.Arg.echo(a.<String>get(0));");
    assertThat(fine).generatedSourceFile("p.ArgTools").contentsAsUtf8String().contains("target.echo(a.<List<p.Arg.Rec>>get(0))");
    // A user's Tool: JavaPoet qualifies jspy's instead.
    assertThat(fine).generatedSourceFile("p.ToolTools").contentsAsUtf8String().contains("new dev.jspy.Tool(");
    assertThat(fine).generatedSourceFile("p.ToolTools").contentsAsUtf8String().contains("return Tool.one();");
  }
}
