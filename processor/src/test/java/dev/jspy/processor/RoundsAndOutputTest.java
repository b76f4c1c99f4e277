package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** How the processor behaves across rounds and what it writes, or does not write, to the source output. */
class RoundsAndOutputTest {

  /** Stands for another processor (AutoValue, Immutables...) that generates types a signature uses. */
  static final class GeneratesMoodAndNote extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (done) {
        return false;
      }
      done = true;
      write("p.Mood", "package p; public enum Mood { HAPPY, SAD }");
      write("p.Note", "package p; public record Note(String text, Mood mood) {}");
      return false;
    }

    private void write(String name, String text) {
      try (Writer w = processingEnv.getFiler().createSourceFile(name).openWriter()) {
        w.write(text);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void waitsForTypesThatAnotherProcessorGeneratesInALaterRound() {
    Compilation compilation =
        TestCompiler.strictJavac()
            .withProcessors(new SignatureProcessor(), new GeneratesMoodAndNote())
            .compile(
                TestCompiler.source(
                    "p.Diary",
                    "package p;",
                    "import dev.jspy.annotations.Signature;",
                    "@Signature(\"entry -> mood: Mood\")",
                    "interface Diary {}"),
                TestCompiler.source(
                    "p.Journal",
                    "package p;",
                    "import dev.jspy.annotations.*;",
                    "@Signature",
                    "interface Journal {",
                    "  @Input String entry();",
                    "  @Output Note note();",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("p.DiaryPredict")
        .contentsAsUtf8String()
        .contains("FieldType.enumOf(\"Mood\", Mood.values())");
    assertThat(compilation)
        .generatedSourceFile("p.JournalPredict")
        .contentsAsUtf8String()
        .contains("v -> new Note(v.get(0), v.get(1))");
  }

  @Test
  void toolClassWaitsForTypesThatAnotherProcessorGeneratesInALaterRound() {
    Compilation compilation =
        TestCompiler.strictJavac()
            .withProcessors(new SignatureProcessor(), new GeneratesMoodAndNote())
            .compile(
                TestCompiler.source(
                    "p.Diary",
                    "package p;",
                    "import dev.jspy.annotations.Tool;",
                    "class Diary {",
                    "  /** Writes a note; returns its mood. */",
                    "  @Tool Mood write(Note note) { return note.mood(); }",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("p.DiaryTools")
        .contentsAsUtf8String()
        .contains("Tool.arg(\"note\", NOTE_TYPE)");
    assertThat(compilation)
        .generatedSourceFile("p.DiaryTools")
        .contentsAsUtf8String()
        .contains("FieldType.enumOf(\"Mood\", Mood.values())) {");
  }

  @Test
  void writesNothingForASignatureWithErrorsAndEverythingForTheOthers() throws IOException {
    Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tmp")), "jspy-out");
    Path src = root.resolve("src/p");
    Path gen = root.resolve("gen");
    Files.createDirectories(src);
    Files.createDirectories(gen);
    Files.writeString(
        src.resolve("Broken.java"),
        "package p;\nimport dev.jspy.annotations.*;\n@Signature(\"question -> answer: Lst<String>\")\ninterface Broken {}\n");
    Files.writeString(
        src.resolve("BrokenTools.java"),
        "package p;\nimport dev.jspy.annotations.*;\nclass BrokenTools {\n  @Tool String ok() { return \"\"; }\n"
            + "  @Tool String bad(Object o) { return \"\"; }\n}\n");
    Files.writeString(
        src.resolve("Fine.java"),
        "package p;\nimport dev.jspy.annotations.*;\n@Signature(\"question -> answer\")\ninterface Fine {}\n");

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter out = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units =
          files.getJavaFileObjects(
              src.resolve("Broken.java").toFile(), src.resolve("BrokenTools.java").toFile(), src.resolve("Fine.java").toFile());
      JavaCompiler.CompilationTask task =
          javac.getTask(
              out,
              files,
              null,
              List.of("-proc:only", "-s", gen.toString(), "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))),
              null,
              units);
      task.setProcessors(List.of(new SignatureProcessor()));
      assertThat(task.call()).isFalse();
    }
    assertThat(out.toString()).contains("unknown type 'Lst'");
    assertThat(out.toString()).contains("unsupported type 'Object' for parameter 'o'");
    try (Stream<Path> written = Files.walk(gen)) {
      assertThat(written.filter(Files::isRegularFile).map(p -> gen.relativize(p).toString().replace(File.separatorChar, '/')).toList())
          .containsExactly(
              "p/FineInput.java",
              "p/FineOutput.java",
              "p/FinePredict.java");
    }
  }

  @Test
  void underXlintAllTheOnlyWarningIsTheUnclaimedAnnotationsNote() {
    // jspy returns false from process(): claiming would hide the round's annotations from universal
    // processors that come later (waitsForTypesThatAnotherProcessorGeneratesInALaterRound needs one).
    Compilation compilation =
        TestCompiler.javac().withOptions("-Xlint:all").compile(TestCompiler.sample("p/Sentiment.java"));
    assertThat(compilation).succeeded();
    for (var warning : compilation.warnings()) {
      assertThat(warning.getMessage(null)).startsWith("No processor claimed any of these annotations");
    }
  }
}
