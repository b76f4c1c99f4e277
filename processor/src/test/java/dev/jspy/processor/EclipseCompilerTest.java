package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The processor under ECJ (Eclipse, VS Code) must generate exactly what it generates under javac, or a
 * program that builds with Maven would show different completions, or errors, in the IDE. ECJ differs from
 * javac in what it hands processors (element order, doc comments, type printing); these tests pin that down.
 */
class EclipseCompilerTest {

  @Test
  void generatesTheSameFilesAsJavacForEverySample() {
    Ecj.Result ecj = Ecj.compile(TestCompiler.sampleTexts());
    assertWithMessage(ecj.output()).that(ecj.success()).isTrue();

    Compilation javac = TestCompiler.javac().compile(TestCompiler.samples());
    assertThat(javac).succeeded();
    Map<String, String> javacFiles = new TreeMap<>();
    for (JavaFileObject f : javac.generatedSourceFiles()) {
      try {
        javacFiles.put(f.getName().replaceFirst("^/SOURCE_OUTPUT/", ""), f.getCharContent(true).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    assertThat(ecj.generated().keySet()).containsExactlyElementsIn(javacFiles.keySet());
    for (Map.Entry<String, String> e : javacFiles.entrySet()) {
      assertWithMessage("%s as generated under ECJ", e.getKey())
          .that(ecj.generated().get(e.getKey()))
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void generatedCodeCompilesWithoutWarningsUnderEcj() {
    Ecj.Result ecj = Ecj.compile(TestCompiler.sampleTexts());
    assertWithMessage(ecj.output()).that(ecj.success()).isTrue();
    // ECJ prints "N problems (M warnings)" for any warning, in the sources or the generated code
    assertWithMessage(ecj.output()).that(ecj.output()).doesNotContain("WARNING in");
  }

  @Test
  void reportsErrorsOnTheSameLinesAsJavac() {
    Ecj.Result ecj =
        Ecj.compile(
            Map.of(
                "p/Qa.java",
                String.join(
                    "\n",
                    "package p;",
                    "import dev.jspy.annotations.*;",
                    "@Signature(\"question, context: Lst<String> -> answer\")",
                    "interface Qa {}",
                    "@Signature",
                    "interface Other {",
                    "  @Input String question();",
                    "  @Output void answer();",
                    "}")));
    assertThat(ecj.success()).isFalse();
    assertThat(ecj.output())
        .contains("unknown type 'Lst' for field 'context' in \"question, context: Lst<String> -> answer\"");
    assertThat(ecj.output()).contains("@Output method answer() returns void");
    // ECJ prints "ERROR in <file> (at line N)" before each message
    assertThat(ecj.output()).containsMatch("\\(at line 3\\)[^\\n]*\\n[^\\n]*@Signature\\(\"question, context");
    assertThat(ecj.output()).containsMatch("\\(at line 8\\)[^\\n]*\\n[^\\n]*@Output void answer");
    assertThat(ecj.generated()).isEmpty();
  }

  @Test
  void keepsComponentOrderOfRecordsFromClassFiles() throws IOException {
    // ECJ reads binary types through its own structures, not the source; component order must survive.
    Path lib = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tmp")), "jspy-lib");
    Path src = lib.resolve("Point.java");
    Files.writeString(src, "package lib; public record Point(int y, int x, String label) {}");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, "-d", lib.toString(), src.toString())).isEqualTo(0);

    Map<String, String> sources =
        Map.of(
            "p/Where.java",
            "package p;\n"
                + "import dev.jspy.annotations.*;\n"
                + "@Signature(\"question -> zeta: lib.Point, alpha: String\")\n"
                + "interface Where {}\n");
    Ecj.Result ecj = Ecj.compile(sources, lib);
    assertWithMessage(ecj.output()).that(ecj.success()).isTrue();
    String spec = ecj.generated().get("p/WherePredict.java");
    assertThat(spec).contains("v -> new Point(v.get(0), v.get(1), v.get(2))");
    assertThat(spec).containsMatch("(?s)component\\(\"y\".*component\\(\"x\".*component\\(\"label\"");
    assertThat(spec).containsMatch("(?s)new FieldSpec\\(\"zeta\".*new FieldSpec\\(\"alpha\"");
  }

  @Test
  void toolsTakeParameterNamesAndJavadocFromTheSourceUnderEcj() {
    Ecj.Result ecj = Ecj.compile(TestCompiler.sampleTexts());
    assertWithMessage(ecj.output()).that(ecj.success()).isTrue();
    String tools = ecj.generated().get("p/WeatherTools.java");
    assertThat(tools).contains("Tool.arg(\"city\", FieldType.STRING, \"the city name\")");
    assertThat(tools).contains("Tool.arg(\"days\", FieldType.INT, \"how many days, at most 7\")");
    assertThat(tools).contains("\"The forecast for the next days.\"");
    assertThat(ecj.generated().get("p/CatalogTools.java")).contains("target.count((int) a.<Integer>get(0))");
  }

  @Test
  void reportsToolErrorsOnTheSameLinesAsJavac() {
    Ecj.Result ecj =
        Ecj.compile(
            Map.of(
                "p/Api.java",
                String.join(
                    "\n",
                    "package p;",
                    "import dev.jspy.annotations.*;",
                    "import java.util.Set;",
                    "class Api {",
                    "  @Tool private String a() { return \"\"; }",
                    "  @Tool String b(String q,",
                    "      Set<String> tags) { return q; }",
                    "  @Tool String c() { return \"\"; }",
                    "  @Tool(name = \"c\") String d() { return \"\"; }",
                    "}")));
    assertThat(ecj.success()).isFalse();
    assertThat(ecj.output()).containsMatch("\\(at line 5\\)[^\\n]*\\n[^\\n]*@Tool private String a");
    assertThat(ecj.output()).contains("@Tool method a() is private");
    assertThat(ecj.output()).containsMatch("\\(at line 7\\)[^\\n]*\\n[^\\n]*Set<String> tags");
    assertThat(ecj.output()).contains("unsupported type 'Set<String>' for parameter 'tags' of @Tool method b()");
    assertThat(ecj.output()).containsMatch("\\(at line 9\\)[^\\n]*\\n[^\\n]*@Tool\\(name = \"c\"\\)");
    assertThat(ecj.generated()).isEmpty();
  }
}
