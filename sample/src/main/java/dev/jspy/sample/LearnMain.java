package dev.jspy.sample;

import dev.jspy.Example;
import dev.jspy.History;
import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.evaluate.Evaluate;
import dev.jspy.evaluate.Metric;
import dev.jspy.evaluate.Metrics;
import dev.jspy.lm.Message;
import dev.jspy.optimize.BootstrapFewShot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A program that learns and travels: Evaluate a question-answering predictor on a dev set, optimize it with
 * demos from a train set, Evaluate again, save it in DSPy's JSON format, then load the file in a fresh JVM
 * and check that the loaded program sends exactly the prompts the optimized one sends.
 *
 * <p>{@code java -cp ... dev.jspy.sample.LearnMain [output-dir]} with the same environment as
 * {@link SampleMain} ({@code OPENAI_API_KEY} and/or {@code OPENAI_BASE_URL}, {@code JSPY_LM}). The train and
 * dev sets are {@code learn/train.jsonl} and {@code learn/dev.jsonl} on the classpath. With a tiny test model
 * the scores mean nothing; the flow is the point.
 */
public final class LearnMain {
  /** How many demos the optimizer puts on the predictor. */
  static final int DEMOS = 4;
  /** How many dev examples the fresh JVM replays to compare prompts. */
  static final int REPLAYED = 3;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LearnMain() {}

  /**
   * What {@link #learn} found.
   *
   * @param before the dev-set score before optimizing, in percent
   * @param after the dev-set score after optimizing, in percent
   * @param saved the saved program
   * @param prompts the prompts the optimized program sent for the replayed examples
   * @param samePrompts whether the program loaded in a fresh JVM sent exactly those prompts
   */
  record Result(double before, double after, Path saved, List<List<Message>> prompts, boolean samePrompts) {}

  /**
   * @param args an output directory (default {@code target/learn}); or {@code --replay <saved.json>
   *     <prompts.json>}, what the fresh JVM runs
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    String key = System.getenv("OPENAI_API_KEY");
    String base = System.getenv("OPENAI_BASE_URL");
    if (isBlank(key) && isBlank(base)) {
      System.err.println(
          "jspy learn sample: no LM to talk to. Set OPENAI_API_KEY (and optionally OPENAI_BASE_URL for any "
              + "OpenAI-compatible server), and JSPY_LM for the model (default openai/gpt-4o-mini).");
      System.exit(2);
    }
    String model = System.getenv().getOrDefault("JSPY_LM", "openai/gpt-4o-mini");
    try (LM lm = LM.builder(model).maxTokens(200).temperature(0.0).build()) {
      Jspy.configure(s -> s.lm(lm));
      if (args.length == 3 && args[0].equals("--replay")) {
        replay(Path.of(args[1]), Path.of(args[2]));
        return;
      }
      System.out.println("jspy learn sample: model " + model + " at " + (isBlank(base) ? "api.openai.com" : base));
      Path out = Path.of(args.length > 0 ? args[0] : "target/learn");
      Result result = learn(out, System.getProperty("java.class.path"), Map.of());
      System.out.printf("dev score: %.1f%% before, %.1f%% after; saved %s%n", result.before(), result.after(),
          result.saved());
      if (!result.samePrompts()) {
        System.err.println("the program loaded in a fresh JVM sent different prompts");
        System.exit(1);
      }
      System.out.println("a fresh JVM loaded " + result.saved().getFileName() + " and sent the same "
          + result.prompts().size() + " prompts");
    }
  }

  /**
   * The optimizer: DSPy's {@code BootstrapFewShot}. The student with labeled demos answers the train set;
   * the runs the metric accepts become demos (with {@code augmented: true}), then labeled examples fill up.
   *
   * @param student the program to optimize; left as it is
   * @param trainset the train set
   * @param metric the metric that decides which runs become demos
   * @return a new, optimized program
   */
  static QaPredict optimize(QaPredict student, List<Example> trainset, Metric<QaOutput> metric) {
    // A model whose every reply fails (the tiny local test model) must not stop the flow: allow as many
    // errors as there are examples.
    return BootstrapFewShot.builder(metric).maxBootstrappedDemos(DEMOS).maxLabeledDemos(DEMOS)
        .maxErrors(trainset.size() + 1).build()
        .compile(student, trainset);
  }

  /**
   * Evaluate, optimize, Evaluate, save, and replay in a fresh JVM, with the LM of the current settings.
   *
   * @param out where the program and results are written
   * @param classpath the fresh JVM's classpath
   * @param childEnv environment variables to set for the fresh JVM (on top of this one's)
   * @return what was found
   * @throws Exception if a step fails
   */
  static Result learn(Path out, String classpath, Map<String, String> childEnv) throws Exception {
    Files.createDirectories(out);
    List<Example> trainset = examples("learn/train.jsonl");
    List<Example> devset = examples("learn/dev.jsonl");
    Metric<QaOutput> metric = Metrics.answerExactMatch(QaOutput::answer);

    QaPredict program = new QaPredict();
    System.out.println("== Evaluate before optimizing (" + devset.size() + " dev examples)");
    double before = evaluate(devset, out.resolve("before.json")).run(program, LearnMain::input, metric).score();

    QaPredict optimized = optimize(program, trainset, metric);
    System.out.println("== Optimized: " + optimized.demos().size() + " demos from " + trainset.size()
        + " train examples");

    System.out.println("== Evaluate after optimizing");
    double after = evaluate(devset, out.resolve("after.json")).run(optimized, LearnMain::input, metric).score();

    Path saved = out.resolve("qa-optimized.json");
    optimized.save(saved);
    System.out.println("== Saved " + saved);

    List<List<Message>> prompts = prompts(optimized, devset.subList(0, Math.min(REPLAYED, devset.size())));
    Path replayed = out.resolve("replayed-prompts.json");
    Files.deleteIfExists(replayed);
    System.out.println("== Loading " + saved.getFileName() + " in a fresh JVM");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                LearnMain.class.getName(),
                "--replay",
                saved.toAbsolutePath().toString(),
                replayed.toAbsolutePath().toString())
            .inheritIO();
    pb.environment().putAll(childEnv);
    Process child = pb.start();
    if (!child.waitFor(10, TimeUnit.MINUTES)) { // a hang guard only
      child.destroyForcibly();
      throw new IllegalStateException("the fresh JVM did not finish replaying " + saved);
    }
    if (child.exitValue() != 0 || !Files.exists(replayed)) {
      throw new IllegalStateException("the fresh JVM failed to replay " + saved + " (exit " + child.exitValue() + ")");
    }
    List<List<Message>> theirs = JSON.readValue(replayed.toFile(), new TypeReference<List<List<Message>>>() {});
    return new Result(before, after, saved, prompts, theirs.equals(prompts));
  }

  /** The fresh JVM's part: load the saved program and record the prompts it sends. */
  static void replay(Path saved, Path promptsOut) throws IOException {
    QaPredict loaded = new QaPredict();
    loaded.load(saved);
    List<Example> devset = examples("learn/dev.jsonl");
    List<List<Message>> prompts = prompts(loaded, devset.subList(0, Math.min(REPLAYED, devset.size())));
    JSON.writeValue(promptsOut.toFile(), prompts);
  }

  /**
   * Calls the program on each example in turn and returns the first request each call sent (a reply that
   * does not parse only adds a fallback request after it).
   */
  static List<List<Message>> prompts(QaPredict program, List<Example> examples) {
    History history = Jspy.history();
    List<List<Message>> prompts = new ArrayList<>();
    for (Example e : examples) {
      history.clear();
      try {
        program.call(input(e));
      } catch (RuntimeException failure) {
        // a tiny model's unparsable reply: the request was still sent and recorded
        System.out.println("  (" + e.get("question") + ": " + failure.getClass().getSimpleName() + ")");
      }
      List<History.Entry> sent = history.entries();
      if (sent.isEmpty()) {
        throw new IllegalStateException("no LM request recorded for " + e + " (is history turned off?)");
      }
      prompts.add(sent.get(0).messages());
    }
    return prompts;
  }

  /** An example's inputs as the predictor takes them. */
  static QaInput input(Example e) {
    return new QaInput((String) e.get("question"));
  }

  private static Evaluate evaluate(List<Example> devset, Path json) {
    return Evaluate.builder(devset).numThreads(4).displayProgress(true).displayTable(3).maxErrors(devset.size() + 1)
        .saveAsJson(json).build();
  }

  /** A JSONL data set on the classpath, {@code question} as input. */
  static List<Example> examples(String resource) throws IOException {
    Path file = Files.createTempFile("jspy-learn-", ".jsonl");
    try (InputStream in = LearnMain.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing data set on the classpath: " + resource);
      }
      Files.write(file, in.readAllBytes());
      return Example.readJsonl(file, "question");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
