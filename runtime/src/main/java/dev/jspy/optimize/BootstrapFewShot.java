package dev.jspy.optimize;

import dev.jspy.core.ConfigurationException;
import dev.jspy.Example;
import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.Settings;
import dev.jspy.evaluate.Evaluate;
import dev.jspy.evaluate.Metric;
import dev.jspy.Trace;
import dev.jspy.internal.py.PyRandom;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demos from the program's own successful runs, as DSPy's {@code BootstrapFewShot}: a teacher (a copy of the
 * student with labeled demos from {@link LabeledFewShot}, unless one is given) runs on each training example
 * in order, with a {@link Trace}; when the metric accepts its prediction, every predictor call of that run
 * becomes a demo of that predictor (marked {@code augmented}). It stops after {@code maxBootstrappedDemos}
 * accepted examples. Each predictor of the new program gets its bootstrapped demos followed by labeled
 * examples the teacher did not bootstrap (shuffled and sampled with {@code random.Random(0)}), up to
 * {@code maxLabeledDemos} in all. Rounds after the first send the settings' LM's requests with
 * {@code rollout_id} = the round and {@code temperature} 1.0, to get past the cache.
 *
 * <pre>{@code
 * var optimizer = BootstrapFewShot.builder(Metrics.answerExactMatch(QaOutput::answer))
 *     .maxBootstrappedDemos(4).maxLabeledDemos(16).build();
 * QaPredict compiled = optimizer.compile(new QaPredict(), trainset);
 * }</pre>
 *
 * <p>One difference from DSPy: when one predictor is called more than once in a run, DSPy keeps one of
 * those calls, chosen with a random generator seeded by a hash of the pickled demos ({@code Hasher}); jspy
 * keeps one by the same rule (the last call, or with probability 1/2 a random earlier one) but seeds the
 * generator with a SHA-256 of the demos' Java text, so the choice can differ from DSPy's in that case.
 *
 * @param <O> the program's output, as the metric takes it
 */
public final class BootstrapFewShot<O> {
  private static final Logger log = LoggerFactory.getLogger(BootstrapFewShot.class);

  private final Metric<? super O> metric;
  private final Double metricThreshold;
  private final Consumer<Settings.Builder> teacherSettings;
  private final int maxBootstrappedDemos;
  private final int maxLabeledDemos;
  private final int maxRounds;
  private final int maxErrors;
  private final AtomicInteger errorCount = new AtomicInteger();

  private BootstrapFewShot(Builder<O> b) {
    this.metric = b.metric;
    this.metricThreshold = b.metricThreshold;
    this.teacherSettings = b.teacherSettings;
    this.maxBootstrappedDemos = b.maxBootstrappedDemos;
    this.maxLabeledDemos = b.maxLabeledDemos;
    this.maxRounds = b.maxRounds;
    this.maxErrors = b.maxErrors;
  }

  /**
   * @param metric accepts a teacher's run: a score that is not 0 (or at least the threshold, if one is set)
   * @param <O> the program's output
   * @return a builder with DSPy's defaults
   */
  public static <O> Builder<O> builder(Metric<? super O> metric) {
    return new Builder<>(Objects.requireNonNull(metric, "metric"));
  }

  /**
   * A builder with no metric: every run that completes is accepted, as DSPy's {@code metric=None}.
   *
   * @param <O> the program's output
   * @return a builder with DSPy's defaults
   */
  public static <O> Builder<O> builder() {
    return new Builder<>(null);
  }

  /**
   * Compiles a predictor (generated ones included): examples become its input through its signature.
   *
   * @param student the program to optimize; not changed
   * @param trainset the training examples, inputs marked
   * @param <I> the input record
   * @param <P> the predictor's class
   * @return a new predictor with the chosen demos
   * @throws OptimizationException if {@code maxErrors} runs or metrics failed
   */
  public <I, P extends Predict<I, ? extends O>> P compile(P student, List<Example> trainset) {
    return compile(student, null, e -> e.toInput(student.signature()), trainset);
  }

  /**
   * Compiles any program, the student as its own teacher.
   *
   * @param student the program to optimize; not changed
   * @param toInput builds the program's input from an example
   * @param trainset the training examples
   * @param <I> the program's input
   * @param <M> the program's class
   * @return a new program with the chosen demos
   * @throws OptimizationException if {@code maxErrors} runs or metrics failed
   */
  public <I, M extends Module<I, ? extends O>> M compile(
      M student, Function<Example, ? extends I> toInput, List<Example> trainset) {
    return compile(student, null, toInput, trainset);
  }

  /**
   * Compiles any program with a teacher of the same structure (e.g. the same program on a stronger LM).
   *
   * @param student the program to optimize; not changed
   * @param teacher the program whose runs become demos, {@code null} for a copy of the student; not changed
   * @param toInput builds the program's input from an example
   * @param trainset the training examples
   * @param <I> the program's input
   * @param <M> the program's class
   * @return a new program with the chosen demos
   * @throws OptimizationException if {@code maxErrors} runs or metrics failed
   * @throws IllegalArgumentException if student and teacher do not have the same predictors
   */
  public <I, M extends Module<I, ? extends O>> M compile(
      M student, M teacher, Function<Example, ? extends I> toInput, List<Example> trainset) {
    Objects.requireNonNull(toInput, "toInput");
    List<Example> train = List.copyOf(trainset);
    M compiledStudent = Programs.resetCopy(student);
    M teacherCopy = Programs.deepcopy(teacher != null ? teacher : student);
    if (maxLabeledDemos > 0) {
      teacherCopy = new LabeledFewShot(maxLabeledDemos).compile(Programs.resetCopy(teacherCopy), train);
    }
    List<Map.Entry<String, Predict<?, ?>>> studentPredictors = compiledStudent.namedPredictors();
    List<Map.Entry<String, Predict<?, ?>>> teacherPredictors = teacherCopy.namedPredictors();
    Map<Predict<?, ?>, String> predictorNames = new IdentityHashMap<>();
    Map<String, List<Map<String, Object>>> traces = new LinkedHashMap<>();
    if (studentPredictors.size() != teacherPredictors.size()) {
      throw new IllegalArgumentException(
          "student and teacher must have the same number of predictors: " + studentPredictors.size() + " vs "
              + teacherPredictors.size());
    }
    for (int i = 0; i < studentPredictors.size(); i++) {
      String name = studentPredictors.get(i).getKey();
      if (!name.equals(teacherPredictors.get(i).getKey())) {
        throw new IllegalArgumentException(
            "student and teacher must have the same program structure: predictor " + name + " vs "
                + teacherPredictors.get(i).getKey());
      }
      predictorNames.put(studentPredictors.get(i).getValue(), name);
      predictorNames.put(teacherPredictors.get(i).getValue(), name);
      traces.put(name, new ArrayList<>());
    }

    // _bootstrap
    Set<Integer> bootstrapped = new LinkedHashSet<>();
    int attempts = 0;
    int exampleIdx = 0;
    for (; exampleIdx < train.size(); exampleIdx++) {
      if (bootstrapped.size() >= maxBootstrappedDemos) {
        break;
      }
      for (int round = 0; round < maxRounds; round++) {
        attempts++;
        if (bootstrapOne(teacherCopy, toInput, train.get(exampleIdx), round, predictorNames, traces)) {
          bootstrapped.add(exampleIdx);
          break;
        }
      }
    }
    log.info(
        "Bootstrapped {} full traces after {} examples for up to {} rounds, amounting to {} attempts.",
        bootstrapped.size(), Math.min(exampleIdx, Math.max(0, train.size() - 1)), maxRounds, attempts);
    List<Example> validation = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      if (!bootstrapped.contains(i)) {
        validation.add(train.get(i));
      }
    }
    new PyRandom(0).shuffle(validation);

    // _train
    PyRandom rng = new PyRandom(0);
    List<Example> raw = validation;
    for (Map.Entry<String, Predict<?, ?>> e : studentPredictors) {
      List<Map<String, Object>> all = traces.get(e.getKey());
      List<Map<String, Object>> augmented = all.subList(0, Math.min(maxBootstrappedDemos, all.size()));
      int sampleSize = Math.max(0, Math.min(maxLabeledDemos - augmented.size(), raw.size()));
      raw = rng.sample(raw, sampleSize);
      List<Map<String, Object>> demos = new ArrayList<>(augmented);
      demos.addAll(Programs.asDemos(raw));
      Programs.setDemos(e.getValue(), demos);
    }
    return compiledStudent;
  }

  @SuppressWarnings("try")
  private <I> boolean bootstrapOne(
      Module<I, ? extends O> teacher,
      Function<Example, ? extends I> toInput,
      Example example,
      int round,
      Map<Predict<?, ?>, String> predictorNames,
      Map<String, List<Map<String, Object>>> traces) {
    Trace trace = new Trace();
    boolean success;
    try {
      O prediction;
      try (Jspy.Scope outer = Jspy.context(s -> {
            teacherSettings.accept(s);
            s.trace(trace);
          })) {
        LM lm = Jspy.current().lm();
        if (round > 0 && lm == null) {
          throw new ConfigurationException(
              "round " + round + " of bootstrapping copies the settings' LM with rollout_id and temperature 1.0, "
                  + "but no LM is configured");
        }
        try (Jspy.Scope inner = Jspy.context(s -> {
              if (round > 0) {
                s.lm(new RolloutLM(lm, round));
              }
            })) {
          Map<String, Object> self = example.toMap();
          List<List<Map<String, Object>>> saved = new ArrayList<>();
          List<Map.Entry<String, Predict<?, ?>>> predictors = teacher.namedPredictors();
          for (Map.Entry<String, Predict<?, ?>> e : predictors) {
            List<Map<String, Object>> demos = e.getValue().demos();
            saved.add(demos);
            List<Map<String, Object>> kept = new ArrayList<>();
            for (Map<String, Object> d : demos) {
              if (!d.equals(self)) {
                kept.add(d);
              }
            }
            Programs.setDemos(e.getValue(), kept);
          }
          // As DSPy: the demos are put back only when the run succeeds.
          prediction = teacher.call(toInput.apply(example));
          for (int i = 0; i < predictors.size(); i++) {
            Programs.setDemos(predictors.get(i).getValue(), saved.get(i));
          }
        }
      }
      if (metric != null) {
        double value = metric.score(example, prediction, trace);
        success = metricThreshold != null && metricThreshold != 0 ? value >= metricThreshold : value != 0;
      } else {
        success = true;
      }
    } catch (Exception e) {
      int errors = errorCount.incrementAndGet();
      if (errors >= maxErrors) {
        throw new OptimizationException(
            "bootstrapping stopped after " + errors + " failures (maxErrors " + maxErrors + "); the last, on "
                + example + ": " + e,
            e);
      }
      log.error("Failed to run or to evaluate example {} with {} due to {}.", example, metric, e.toString());
      return false;
    }
    if (success) {
      Map<String, List<Map<String, Object>>> byName = new LinkedHashMap<>();
      for (Trace.Step step : trace.steps()) {
        String name = predictorNames.get(step.predictor());
        if (name == null) {
          continue;
        }
        Map<String, Object> demo = new LinkedHashMap<>();
        demo.put("augmented", true);
        demo.putAll(step.inputs());
        demo.putAll(step.outputs());
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(demo);
      }
      for (Map.Entry<String, List<Map<String, Object>>> e : byName.entrySet()) {
        List<Map<String, Object>> demos = e.getValue();
        if (demos.size() > 1) {
          PyRandom rng = new PyRandom(hash(demos));
          demos = List.of(rng.random() < 0.5 ? rng.choice(demos.subList(0, demos.size() - 1)) : demos.get(demos.size() - 1));
        }
        traces.get(e.getKey()).addAll(demos);
      }
    }
    return success;
  }

  /** A stable hex digest of the demos (DSPy hashes their pickle; see the class comment). */
  static String hash(List<Map<String, Object>> demos) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(demos.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Settings for a {@link BootstrapFewShot}; the defaults are DSPy's.
   *
   * @param <O> the program's output
   */
  public static final class Builder<O> {
    private final Metric<? super O> metric;
    private Double metricThreshold;
    private Consumer<Settings.Builder> teacherSettings = s -> {};
    private int maxBootstrappedDemos = 4;
    private int maxLabeledDemos = 16;
    private int maxRounds = 1;
    private int maxErrors = Evaluate.DEFAULT_MAX_ERRORS;

    Builder(Metric<? super O> metric) {
      this.metric = metric;
    }

    /**
     * @param threshold accept a run only when its score is at least this ({@code null} or 0: when it is not 0)
     * @return this builder
     */
    public Builder<O> metricThreshold(Double threshold) {
      this.metricThreshold = threshold;
      return this;
    }

    /**
     * @param settings settings the teacher runs with, e.g. {@code s -> s.lm(strongerLm)}
     * @return this builder
     */
    public Builder<O> teacherSettings(Consumer<Settings.Builder> settings) {
      this.teacherSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * @param n the most bootstrapped demos per predictor, and the most examples bootstrapped (default 4)
     * @return this builder
     */
    public Builder<O> maxBootstrappedDemos(int n) {
      this.maxBootstrappedDemos = nonNegative("maxBootstrappedDemos", n);
      return this;
    }

    /**
     * @param n the most demos per predictor in all (default 16); 0 also gives the teacher no labeled demos
     * @return this builder
     */
    public Builder<O> maxLabeledDemos(int n) {
      this.maxLabeledDemos = nonNegative("maxLabeledDemos", n);
      return this;
    }

    /**
     * @param n how many times each example is tried (default 1)
     * @return this builder
     */
    public Builder<O> maxRounds(int n) {
      this.maxRounds = nonNegative("maxRounds", n);
      return this;
    }

    /**
     * @param n failed runs or metrics (counted over this optimizer's life, as DSPy) that stop it (default 10)
     * @return this builder
     */
    public Builder<O> maxErrors(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxErrors must be at least 1, got " + n);
      }
      this.maxErrors = n;
      return this;
    }

    /** @return the optimizer */
    public BootstrapFewShot<O> build() {
      return new BootstrapFewShot<>(this);
    }

    private static int nonNegative(String what, int n) {
      if (n < 0) {
        throw new IllegalArgumentException(what + " must not be negative, got " + n);
      }
      return n;
    }
  }
}
