package dev.jspy.processor;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jdt.internal.compiler.batch.Main;

/**
 * Runs the Eclipse compiler (what Eclipse and VS Code's Java support use) in-process on real files, with the
 * jspy processor on its processor path, as an IDE would.
 */
final class Ecj {

  /**
   * What a compile produced.
   *
   * @param success whether ECJ reported no errors
   * @param output ECJ's messages
   * @param generated generated sources by path relative to the source output ({@code p/QaPredict.java})
   */
  record Result(boolean success, String output, Map<String, String> generated) {}

  private Ecj() {}

  /** Compiles {@code sources} (path like {@code p/Qa.java} to text) with ECJ and the processor. */
  static Result compile(Map<String, String> sources) {
    return compile(sources, null);
  }

  /** As {@link #compile(Map)}, with {@code extraClasspath} (a directory of classes) ahead of the test's. */
  static Result compile(Map<String, String> sources, Path extraClasspath) {
    try {
      Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tmp")), "jspy-ecj");
      Path src = root.resolve("src");
      Path gen = root.resolve("gen");
      Path out = root.resolve("out");
      List<String> args = new ArrayList<>();
      args.addAll(
          List.of(
              "-17",
              "-encoding", "UTF-8",
              "-warn:+unused,unchecked,raw,serial",
              "-d", out.toString(),
              "-s", gen.toString(),
              "-cp", (extraClasspath == null ? "" : extraClasspath + File.pathSeparator) + classpath(),
              "-processorpath", processorPath()));
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = src.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        args.add(file.toString());
      }
      StringWriter messages = new StringWriter();
      PrintWriter writer = new PrintWriter(messages);
      boolean ok = new Main(writer, writer, false, null, null).compile(args.toArray(new String[0]));
      writer.flush();
      Map<String, String> generated = new TreeMap<>();
      if (Files.isDirectory(gen)) {
        try (Stream<Path> files = Files.walk(gen)) {
          for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            generated.put(gen.relativize(p).toString().replace(File.separatorChar, '/'), Files.readString(p));
          }
        }
      }
      return new Result(ok, messages.toString(), generated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test classpath: annotations, runtime and their dependencies, as surefire passes them. */
  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null ? cp : System.getProperty("java.class.path");
  }

  /** The processor's classes and JavaPoet, and nothing else, as a build tool would configure them. */
  private static String processorPath() {
    return location(SignatureProcessor.class) + File.pathSeparator + location(com.palantir.javapoet.JavaFile.class);
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
