package dev.jspy.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/** javac with the jspy processor, and the sample signatures under {@code src/test/resources/signatures}. */
final class TestCompiler {
  /** Every sample signature (and the types they use), by path under {@code signatures/}. */
  static final List<String> SAMPLES =
      List.of(
          "p/Qa.java",
          "p/RagQa.java",
          "p/Sentiment.java",
          "p/Extraction.java",
          "p/Tally.java",
          "p/Tagging.java",
          "p/Priority.java",
          "p/Shop.java",
          "p/Generate.java");

  private TestCompiler() {}

  static Compiler javac() {
    return Compiler.javac().withProcessors(new SignatureProcessor());
  }

  /**
   * javac as strict as a careful build: every lint, warnings are errors. Except -Xlint:processing, whose only
   * complaint is that no processor claimed {@code @Signature} and {@code @Generated}: jspy deliberately does
   * not claim (see {@code RoundsAndOutputTest}), like AutoValue, and the parent pom turns it off too.
   */
  static Compiler strictJavac() {
    return javac().withOptions("-Xlint:all", "-Xlint:-processing", "-Werror");
  }

  static Compilation compile(JavaFileObject... sources) {
    return javac().compile(sources);
  }

  static JavaFileObject sample(String path) {
    return JavaFileObjects.forResource("signatures/" + path);
  }

  static List<JavaFileObject> samples() {
    List<JavaFileObject> files = new ArrayList<>();
    for (String path : SAMPLES) {
      files.add(sample(path));
    }
    return files;
  }

  /** The sample sources' text by path, for compilers that need real files. */
  static Map<String, String> sampleTexts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String path : SAMPLES) {
      try (InputStream in = TestCompiler.class.getClassLoader().getResourceAsStream("signatures/" + path)) {
        texts.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return texts;
  }

  /** A source file from lines, {@code p.Name}. */
  static JavaFileObject source(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceLines(qualifiedName, lines);
  }
}
