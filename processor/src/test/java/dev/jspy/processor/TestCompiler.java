package dev.jspy.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * javac with the jspy processor, and the samples under {@code src/test/resources/signatures}: signatures, and
 * classes with {@code @Tool} methods.
 */
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
          "p/Generate.java",
          "p/Weather.java",
          "p/Toolbox.java",
          "p/Review.java");

  /** The sample signatures, whose generated types are {@code <Name><Suffix>}. */
  static final List<String> SIGNATURES =
      List.of("Qa", "RagQa", "Sentiment", "Extraction", "Tally", "Tagging", "Shop", "Generate", "Review");

  /** The {@code <Class>Tools} generated for the samples' {@code @Tool} classes. */
  static final List<String> TOOLS =
      List.of("WeatherTools", "ClockTools", "CatalogTools", "ShelfTools", "BoxTools");

  private TestCompiler() {}

  /** A class loader for the classes {@code compilation} wrote, on top of the test's classpath. */
  static ClassLoader load(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String path = f.getName().substring(f.getName().indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
        try (InputStream in = f.openInputStream()) {
          classes.put(path.replace(".class", "").replace('/', '.'), in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return new ClassLoader(TestCompiler.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }

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
