package dev.jspy.evaluate;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Example;
import dev.jspy.Module;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files Evaluate saves, byte for byte as DSPy 3.3.1 writes them (resources {@code evaluate/results.csv}
 * and {@code .json}, produced by {@code evaluate/gen_results.py} with DSPy's own code), and its table.
 */
class EvaluateOutputTest {
  record Out(String answer) {}

  /** Answers "Paris" for q0, "Zurich" for q1, fails for q2. */
  static final Module<String, Out> PROGRAM = new Module<>() {
    @Override
    public CompletableFuture<Out> aforward(String q) {
      switch (q) {
        case "q0":
          return CompletableFuture.completedFuture(new Out("Paris"));
        case "q1":
          return CompletableFuture.completedFuture(new Out("Zurich"));
        default:
          return CompletableFuture.failedFuture(new IllegalStateException("no answer for " + q));
      }
    }
  };

  static final List<Example> DEV = List.of(
      Example.of("question", "q0", "answer", "Paris", "note", "comma, \"quotes\"\nand a newline").withInputs("question"),
      Example.of("question", "q1", "answer", "Z\u00fcrich \u2713", "note", "").withInputs("question"),
      Example.of("question", "q2", "answer", "x", "note", "fails").withInputs("question"));

  static final Metric<Out> EXACT = Metric.named("exact", (ex, pred, trace) -> ex.get("answer").equals(pred.answer()) ? 1 : 0);

  @TempDir Path dir;

  private EvaluationResult<Out> run(Evaluate.Builder b) {
    return b.build().arun(PROGRAM, e -> (String) e.get("question"), EXACT, o -> Map.of("answer", o.answer())).join();
  }

  @Test
  void csvAndJsonAsDspySavesThem() throws Exception {
    Path json = dir.resolve("r.json");
    EvaluationResult<Out> all = run(Evaluate.builder(DEV).failureScore(0.25).saveAsJson(json));
    assertThat(all.score()).isEqualTo(41.67); // round(100 * 1.25 / 3, 2)
    assertThat(Files.readString(json, StandardCharsets.UTF_8)).isEqualTo(resource("results.json").strip());

    Path csv = dir.resolve("r.csv");
    List<Example> ok = DEV.subList(0, 2);
    run(Evaluate.builder(ok).saveAsCsv(csv));
    assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(resource("results.csv"));
  }

  @Test
  void tableTruncatesCellsAndRows() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String longNote = "word ".repeat(30).strip();
    List<Example> dev = List.of(
        Example.of("question", "q0", "answer", "Paris", "note", longNote).withInputs("question"),
        Example.of("question", "q1", "answer", "Bern", "note", "short").withInputs("question"));
    run(Evaluate.builder(dev).displayTable(1).output(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    String table = bytes.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("question  example_answer");
    assertThat(table).contains("word ".repeat(24) + "word...");
    assertThat(table).contains("\u2714\ufe0f [1.000]");
    assertThat(table).doesNotContain("q1");
    assertThat(table).endsWith("... 1 more rows not displayed ...\n");
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = EvaluateOutputTest.class.getResourceAsStream("/evaluate/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
