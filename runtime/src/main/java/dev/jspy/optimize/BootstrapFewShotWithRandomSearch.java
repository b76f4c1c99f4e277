package dev.jspy.optimize;

import dev.jspy.Example;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.Settings;
import dev.jspy.evaluate.Evaluate;
import dev.jspy.evaluate.EvaluationResult;
import dev.jspy.evaluate.Metric;
import dev.jspy.internal.py.PyRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many candidate programs, each scored with {@link Evaluate} on the validation set, the best kept, as DSPy's
 * {@code BootstrapFewShotWithRandomSearch}. The candidates are DSPy's, by seed: {@code -3} the student with no
 * demos, {@code -2} {@link LabeledFewShot}, {@code -1} {@link BootstrapFewShot} on the trainset as it is, and
 * seeds {@code 0..numCandidatePrograms-1} {@link BootstrapFewShot} on the trainset shuffled with
 * {@code random.Random(seed)} and with {@code random.Random(seed).randint(1, maxBootstrappedDemos)}
 * bootstrapped demos. The first candidate with the highest score wins.
 *
 * <pre>{@code
 * var search = BootstrapFewShotWithRandomSearch.builder(metric).numCandidatePrograms(8).build();
 * QaPredict best = search.compile(new QaPredict(), trainset, devset);
 * }</pre>
 *
 * @param <O> the program's output, as the metric takes it
 */
public final class BootstrapFewShotWithRandomSearch<O> {
  private static final Logger log = LoggerFactory.getLogger(BootstrapFewShotWithRandomSearch.class);

  private final Metric<? super O> metric;
  private final Double metricThreshold;
  private final Consumer<Settings.Builder> teacherSettings;
  private final int maxBootstrappedDemos;
  private final int maxLabeledDemos;
  private final int maxRounds;
  private final int numCandidatePrograms;
  private final int numThreads;
  private final int maxErrors;
  private final Double stopAtScore;
  private final boolean labeledSample;
  private final boolean displayProgress;

  private BootstrapFewShotWithRandomSearch(Builder<O> b) {
    this.metric = b.metric;
    this.metricThreshold = b.metricThreshold;
    this.teacherSettings = b.teacherSettings;
    this.maxBootstrappedDemos = b.maxBootstrappedDemos;
    this.maxLabeledDemos = b.maxLabeledDemos;
    this.maxRounds = b.maxRounds;
    this.numCandidatePrograms = b.numCandidatePrograms;
    this.numThreads = b.numThreads;
    this.maxErrors = b.maxErrors;
    this.stopAtScore = b.stopAtScore;
    this.labeledSample = b.labeledSample;
    this.displayProgress = b.displayProgress;
  }

  /**
   * @param metric scores the candidates and accepts bootstrapped runs
   * @param <O> the program's output
   * @return a builder with DSPy's defaults
   */
  public static <O> Builder<O> builder(Metric<? super O> metric) {
    return new Builder<>(Objects.requireNonNull(metric, "metric"));
  }

  /**
   * One candidate program and its evaluation.
   *
   * @param seed the candidate's seed, {@code -3} to {@code numCandidatePrograms - 1}
   * @param score its score on the validation set (a percentage, as {@link Evaluate} gives it)
   * @param subscores the score of each validation example, in order
   * @param program the candidate
   * @param <M> the program's class
   */
  public record Candidate<M>(int seed, double score, List<Double> subscores, M program) {
    /** Copies the subscores. */
    public Candidate {
      subscores = List.copyOf(subscores);
    }
  }

  /**
   * The search's outcome.
   *
   * @param best the first candidate with the highest score
   * @param candidates every candidate evaluated, highest score first (ties in seed order), as DSPy's
   *     {@code candidate_programs}
   * @param <M> the program's class
   */
  public record Result<M>(M best, List<Candidate<M>> candidates) {
    /** Copies the candidates. */
    public Result {
      candidates = List.copyOf(candidates);
    }
  }

  /**
   * Searches for a predictor's demos (generated predictors included).
   *
   * @param student the program; not changed
   * @param trainset the examples demos come from
   * @param valset the examples candidates are scored on, {@code null} for the trainset (as DSPy)
   * @param <I> the input record
   * @param <P> the predictor's class
   * @return the best candidate
   * @throws OptimizationException if bootstrapping fails {@code maxErrors} times
   * @throws dev.jspy.evaluate.EvaluationCancelledException if an evaluation fails {@code maxErrors} times
   */
  public <I, P extends Predict<I, ? extends O>> P compile(P student, List<Example> trainset, List<Example> valset) {
    return search(student, e -> e.toInput(student.signature()), trainset, valset).best();
  }

  /**
   * Searches for any program's demos.
   *
   * @param student the program; not changed
   * @param toInput builds the program's input from an example
   * @param trainset the examples demos come from
   * @param valset the examples candidates are scored on, {@code null} for the trainset
   * @param <I> the program's input
   * @param <M> the program's class
   * @return the best candidate
   */
  public <I, M extends Module<I, ? extends O>> M compile(
      M student, Function<Example, ? extends I> toInput, List<Example> trainset, List<Example> valset) {
    return search(student, toInput, trainset, valset).best();
  }

  /**
   * Searches and returns every candidate with its scores.
   *
   * @param student the program; not changed
   * @param toInput builds the program's input from an example
   * @param trainset the examples demos come from
   * @param valset the examples candidates are scored on, {@code null} for the trainset
   * @param <I> the program's input
   * @param <M> the program's class
   * @return the best candidate and all of them
   */
  public <I, M extends Module<I, ? extends O>> Result<M> search(
      M student, Function<Example, ? extends I> toInput, List<Example> trainset, List<Example> valset) {
    List<Example> train = List.copyOf(trainset);
    List<Example> val = valset == null || valset.isEmpty() ? train : List.copyOf(valset);
    List<Candidate<M>> candidates = new ArrayList<>();
    M best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int seed = -3; seed < numCandidatePrograms; seed++) {
      List<Example> trainCopy = new ArrayList<>(train);
      M program;
      if (seed == -3) {
        program = Programs.resetCopy(student);
      } else if (seed == -2) {
        program = new LabeledFewShot(maxLabeledDemos).compile(student, trainCopy, labeledSample);
      } else if (seed == -1) {
        program = bootstrap(maxBootstrappedDemos).compile(student, null, toInput, trainCopy);
      } else {
        new PyRandom(seed).shuffle(trainCopy);
        int size = (int) new PyRandom(seed).randint(1, maxBootstrappedDemos);
        program = bootstrap(size).compile(student, null, toInput, trainCopy);
      }
      EvaluationResult<?> result = evaluate((Module<I, ? extends O>) program, toInput, val);
      List<Double> subscores = new ArrayList<>();
      result.results().forEach(item -> subscores.add(item.score()));
      double score = result.score();
      if (candidates.isEmpty() || score > bestScore) {
        log.info("New best score: {} for seed {}", score, seed);
        best = program;
        bestScore = score;
      }
      candidates.add(new Candidate<>(seed, score, subscores, program));
      log.info("Scores so far: {}; best so far: {}", scoresOf(candidates), bestScore);
      if (stopAtScore != null && score >= stopAtScore) {
        log.info("Stopping early because score {} is >= stop_at_score {}", score, stopAtScore);
        break;
      }
    }
    List<Candidate<M>> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingDouble((Candidate<M> c) -> c.score()).reversed());
    log.info("{} candidate programs found.", sorted.size());
    return new Result<>(best, sorted);
  }

  private BootstrapFewShot<O> bootstrap(int maxBootstrapped) {
    return BootstrapFewShot.<O>builder(metric)
        .metricThreshold(metricThreshold)
        .maxBootstrappedDemos(maxBootstrapped)
        .maxLabeledDemos(maxLabeledDemos)
        .teacherSettings(teacherSettings)
        .maxRounds(maxRounds)
        .maxErrors(maxErrors)
        .build();
  }

  private <I, P extends O> EvaluationResult<P> evaluate(
      Module<I, P> program, Function<Example, ? extends I> toInput, List<Example> val) {
    Evaluate evaluate =
        Evaluate.builder(val).numThreads(numThreads).maxErrors(maxErrors).displayProgress(displayProgress).build();
    return evaluate.run(program, e -> toInput.apply(e), metric);
  }

  private static List<Double> scoresOf(List<? extends Candidate<?>> candidates) {
    List<Double> out = new ArrayList<>();
    candidates.forEach(c -> out.add(c.score()));
    return out;
  }

  /**
   * Settings for a {@link BootstrapFewShotWithRandomSearch}; the defaults are DSPy's.
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
    private int numCandidatePrograms = 16;
    private int numThreads = Evaluate.DEFAULT_NUM_THREADS;
    private int maxErrors = Evaluate.DEFAULT_MAX_ERRORS;
    private Double stopAtScore;
    private boolean labeledSample = true;
    private boolean displayProgress = true;

    Builder(Metric<? super O> metric) {
      this.metric = metric;
    }

    /**
     * @param threshold see {@link BootstrapFewShot.Builder#metricThreshold}
     * @return this builder
     */
    public Builder<O> metricThreshold(Double threshold) {
      this.metricThreshold = threshold;
      return this;
    }

    /**
     * @param settings settings the teachers run with
     * @return this builder
     */
    public Builder<O> teacherSettings(Consumer<Settings.Builder> settings) {
      this.teacherSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * @param n the most bootstrapped demos per predictor (default 4; candidates draw 1 to this many)
     * @return this builder
     */
    public Builder<O> maxBootstrappedDemos(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxBootstrappedDemos must be at least 1, got " + n);
      }
      this.maxBootstrappedDemos = n;
      return this;
    }

    /**
     * @param n the most demos per predictor (default 16)
     * @return this builder
     */
    public Builder<O> maxLabeledDemos(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxLabeledDemos must not be negative, got " + n);
      }
      this.maxLabeledDemos = n;
      return this;
    }

    /**
     * @param n bootstrap rounds per example (default 1)
     * @return this builder
     */
    public Builder<O> maxRounds(int n) {
      this.maxRounds = n;
      return this;
    }

    /**
     * @param n candidates beyond the three fixed ones (default 16)
     * @return this builder
     */
    public Builder<O> numCandidatePrograms(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("numCandidatePrograms must not be negative, got " + n);
      }
      this.numCandidatePrograms = n;
      return this;
    }

    /**
     * @param n examples in flight in each evaluation (default {@value Evaluate#DEFAULT_NUM_THREADS})
     * @return this builder
     */
    public Builder<O> numThreads(int n) {
      this.numThreads = n;
      return this;
    }

    /**
     * @param n failures that stop bootstrapping or an evaluation (default {@value Evaluate#DEFAULT_MAX_ERRORS})
     * @return this builder
     */
    public Builder<O> maxErrors(int n) {
      this.maxErrors = n;
      return this;
    }

    /**
     * @param score stop once a candidate scores at least this ({@code null}: try them all)
     * @return this builder
     */
    public Builder<O> stopAtScore(Double score) {
      this.stopAtScore = score;
      return this;
    }

    /**
     * @param sample whether the labeled candidate (seed -2) samples its demos (default) or takes the first
     * @return this builder
     */
    public Builder<O> labeledSample(boolean sample) {
      this.labeledSample = sample;
      return this;
    }

    /**
     * @param on whether each evaluation shows its progress (default on)
     * @return this builder
     */
    public Builder<O> displayProgress(boolean on) {
      this.displayProgress = on;
      return this;
    }

    /** @return the optimizer */
    public BootstrapFewShotWithRandomSearch<O> build() {
      return new BootstrapFewShotWithRandomSearch<>(this);
    }
  }
}
