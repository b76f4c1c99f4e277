package dev.jspy.evaluate;

import dev.jspy.Example;
import dev.jspy.Jspy;
import dev.jspy.Settings;
import dev.jspy.core.JspyException;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.internal.EvaluationHooks;
import dev.jspy.internal.py.PyFloat;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.SignatureSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a program over a dev set and scores it, as DSPy's {@code dspy.Evaluate}.
 *
 * <pre>{@code
 * Evaluate evaluate = Evaluate.builder(devset).numThreads(16).displayProgress(true).displayTable(5).build();
 * EvaluationResult<QaOutput> result = evaluate.run(new QaPredict(), Metrics.answerExactMatch(QaOutput::answer));
 * result.score();   // 70.0
 * }</pre>
 *
 * <p>Calls are asynchronous: at most {@code numThreads} examples are in flight (DSPy's name; no thread is
 * held per example, and the LM bounds its own requests too); each finished example starts the next. As in
 * DSPy, a program or metric that throws counts as a failure: the example gets the failure score, the error
 * is logged, and the run goes on until {@code maxErrors} failures, when it stops with an
 * {@link EvaluationCancelledException}. Each run uses the {@link dev.jspy.Jspy} settings in force when it
 * starts.
 *
 * <p>Callbacks: a run is a call of its own, as in DSPy ({@link dev.jspy.Callback#onEvaluateStart} and
 * {@link dev.jspy.Callback#onEvaluateEnd}), inside the module call it was started from, if any. Every
 * example's program call and metric run inside it, whichever thread starts them, so a tracer shows one
 * evaluation as one tree.
 *
 * <p>Immutable and reusable; every run is independent.
 */
public final class Evaluate {
  /** DSPy's default {@code settings.num_threads}. */
  public static final int DEFAULT_NUM_THREADS = 8;
  /** DSPy's default {@code settings.max_errors}. */
  public static final int DEFAULT_MAX_ERRORS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(Evaluate.class);
  /** Reports runs to the callbacks and runs their examples inside them. */
  private static final EvaluationHooks<Settings> HOOKS = EvaluationHooks.get();

  private final List<Example> devset;
  private final int numThreads;
  private final boolean displayProgress;
  private final int displayTable;
  private final int maxErrors;
  private final boolean provideTraceback;
  private final double failureScore;
  private final Path saveAsCsv;
  private final Path saveAsJson;
  private final PrintStream out;
  private final Boolean terminal;

  private Evaluate(Builder b) {
    this.devset = List.copyOf(b.devset);
    this.numThreads = b.numThreads;
    this.displayProgress = b.displayProgress;
    this.displayTable = b.displayTable;
    this.maxErrors = b.maxErrors;
    this.provideTraceback = b.provideTraceback;
    this.failureScore = b.failureScore;
    this.saveAsCsv = b.saveAsCsv;
    this.saveAsJson = b.saveAsJson;
    this.out = b.out;
    this.terminal = b.terminal;
  }

  /**
   * @param devset the examples to run, each with its inputs marked
   * @return a builder
   */
  public static Builder builder(List<Example> devset) {
    return new Builder(devset);
  }

  /**
   * Evaluates a predictor (a generated one included): each example's inputs become its input record
   * through the signature ({@link Example#toInput}), and predictions are written to tables and files field
   * by field.
   *
   * @param program the predictor
   * @param metric scores each prediction
   * @param <I> the input record
   * @param <O> the output record
   * @return the result
   * @throws EvaluationCancelledException if {@code maxErrors} examples failed
   */
  public <I, O> EvaluationResult<O> run(Predict<I, O> program, Metric<? super O> metric) {
    return join(arun(program, metric));
  }

  /**
   * As {@link #run(Predict, Metric)}, without blocking.
   *
   * @param program the predictor
   * @param metric scores each prediction
   * @param <I> the input record
   * @param <O> the output record
   * @return the result, or a future failed with {@link EvaluationCancelledException}
   */
  public <I, O> CompletableFuture<EvaluationResult<O>> arun(Predict<I, O> program, Metric<? super O> metric) {
    SignatureSpec<I, O> spec = program.signature();
    return arun(program, e -> e.toInput(spec), metric, o -> outputFields(spec, o));
  }

  private static <O> Map<String, ?> outputFields(SignatureSpec<?, O> spec, O prediction) {
    Object[] values = spec.outputValues(prediction);
    Map<String, Object> m = new LinkedHashMap<>();
    List<FieldSpec> outputs = spec.outputs();
    for (int i = 0; i < outputs.size(); i++) {
      m.put(outputs.get(i).name(), outputs.get(i).type().toJson(values[i]));
    }
    return m;
  }

  /**
   * Evaluates any module.
   *
   * @param program the program
   * @param toInput builds the program's input from an example (its failure counts as the example's)
   * @param metric scores each prediction
   * @param <I> the program's input
   * @param <O> the program's output
   * @return the result
   * @throws EvaluationCancelledException if {@code maxErrors} examples failed
   */
  public <I, O> EvaluationResult<O> run(Module<I, O> program, Function<Example, I> toInput, Metric<? super O> metric) {
    return join(arun(program, toInput, metric, null));
  }

  /**
   * Evaluates any module without blocking.
   *
   * @param program the program
   * @param toInput builds the program's input from an example
   * @param metric scores each prediction
   * @param predictionFields the prediction's fields by name for tables and files, as DSPy merges a
   *     {@code Prediction} with its example; {@code null} writes the prediction whole, in a
   *     {@code prediction} column
   * @param <I> the program's input
   * @param <O> the program's output
   * @return the result, or a future failed with {@link EvaluationCancelledException}
   */
  public <I, O> CompletableFuture<EvaluationResult<O>> arun(
      Module<I, O> program,
      Function<Example, I> toInput,
      Metric<? super O> metric,
      Function<? super O, Map<String, ?>> predictionFields) {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(toInput, "toInput");
    Objects.requireNonNull(metric, "metric");
    return new Run<>(program, toInput, metric, predictionFields).start();
  }

  /** One evaluation: a window of examples in flight, each finished one starting the next. */
  private final class Run<I, O> {
    private final Module<I, O> program;
    private final Function<Example, I> toInput;
    private final Metric<? super O> metric;
    private final Function<? super O, Map<String, ?>> predictionFields;
    private final int n = devset.size();
    private final Object[] predictions = new Object[n];
    private final double[] scores = new double[n];
    private final Throwable[] errors = new Throwable[n];
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = new ArrayList<>(); // guarded by this
    private final CompletableFuture<EvaluationResult<O>> result = new CompletableFuture<>();
    private final Progress progress;
    /**
     * The settings in force when the evaluation started, inside the evaluation's call (when callbacks see
     * it): every example and metric runs with them.
     */
    private final Settings settings;
    private final AtomicBoolean reported = new AtomicBoolean();
    private int next; // only the draining thread touches it
    private int done; // guarded by this
    private double scoredSum; // guarded by this
    private int scored; // guarded by this
    private volatile boolean cancelled;
    private boolean stopped; // guarded by this

    Run(Module<I, O> program, Function<Example, I> toInput, Metric<? super O> metric,
        Function<? super O, Map<String, ?>> predictionFields) {
      this.program = program;
      this.toInput = toInput;
      this.metric = metric;
      this.predictionFields = predictionFields;
      boolean onTerminal = terminal != null ? terminal : System.console() != null;
      this.progress = displayProgress ? new Progress(onTerminal ? out : null, LOG, n) : null;
      this.settings = HOOKS.start(Jspy.current(), program, devset);
      result.whenComplete((r, e) -> {
        if (result.isCancelled()) {
          cancelled = true;
          reportEnd(null, new CancellationException("the evaluation's future was cancelled"));
          cancelRunning();
        }
      });
    }

    CompletableFuture<EvaluationResult<O>> start() {
      if (n == 0) {
        IllegalArgumentException empty = new IllegalArgumentException("the dev set is empty: nothing to evaluate");
        reportEnd(null, empty);
        result.completeExceptionally(empty);
        return result;
      }
      drain();
      return result;
    }

    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      do {
        while (!cancelled && next < n && inFlight.get() < numThreads) {
          int i = next++;
          inFlight.incrementAndGet();
          CompletableFuture<Double> f = launch(i);
          running.add(f);
          f.whenComplete((score, error) -> {
            running.remove(f);
            finish(i, score, error);
            inFlight.decrementAndGet();
            drain();
          });
        }
      } while (wip.decrementAndGet() != 0);
    }

    private CompletableFuture<Double> launch(int i) {
      // Launched from whichever thread finished the previous example: the evaluation's settings, as a value.
      try (Jspy.Scope scope = Jspy.context(settings)) {
        return launchWithSettings(i);
      }
    }

    private CompletableFuture<Double> launchWithSettings(int i) {
      Example example = devset.get(i);
      CompletableFuture<O> call;
      try {
        call = program.acall(toInput.apply(example));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      return call.thenCompose(prediction -> {
        predictions[i] = prediction;
        CompletableFuture<Double> s;
        try {
          s = metric.ascore(example, prediction, null);
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
        return s == null ? CompletableFuture.failedFuture(new NullPointerException("metric returned no future")) : s;
      });
    }

    private void finish(int i, Double score, Throwable error) {
      EvaluationCancelledException stop = null;
      boolean last;
      synchronized (this) {
        if (result.isDone() || stopped) {
          return; // what ends after a stop (cancelled calls included) is not counted
        }
        if (error != null) {
          Throwable cause = unwrap(error);
          errors[i] = cause;
          predictions[i] = null; // DSPy keeps an empty Prediction for a failed example
          scores[i] = failureScore;
          failures.add(cause);
          if (provideTraceback) {
            LOG.error("Error for {}: {}", devset.get(i), cause.toString(), cause);
          } else {
            LOG.error("Error for {}: {}. Set `provideTraceback(true)` for traceback.", devset.get(i), cause.toString());
          }
          if (failures.size() >= maxErrors) {
            stopped = true;
            cancelled = true;
            stop = new EvaluationCancelledException(
                "Execution cancelled due to errors or interruption: " + failures.size() + " examples failed (maxErrors "
                    + maxErrors + ") after " + (done + 1) + " of " + n + " examples ended; first failure: "
                    + failures.get(0), failures);
          }
        } else {
          scores[i] = score;
          scoredSum += score;
          scored++;
        }
        done++;
        last = done == n;
        if (progress != null) {
          progress.update(done, scoredSum, scored);
        }
      }
      if (stop != null) {
        if (progress != null) {
          progress.close();
        }
        LOG.warn("Execution cancelled due to errors or interruption.");
        reportEnd(null, stop);
        result.completeExceptionally(stop);
        cancelRunning();
      } else if (last) {
        if (progress != null) {
          progress.close();
        }
        EvaluationResult<O> r;
        try {
          r = conclude();
        } catch (RuntimeException e) {
          reportEnd(null, e);
          result.completeExceptionally(e);
          return;
        }
        reportEnd(r, null);
        result.complete(r);
      }
    }

    /** Tells the callbacks the evaluation ended, once, before the caller's continuations run. */
    private void reportEnd(EvaluationResult<O> r, Throwable error) {
      if (reported.compareAndSet(false, true)) {
        HOOKS.end(settings, r, error);
      }
    }

    @SuppressWarnings("unchecked")
    private EvaluationResult<O> conclude() {
      List<EvaluationResult.Item<O>> items = new ArrayList<>(n);
      double ncorrect = 0;
      for (int i = 0; i < n; i++) {
        items.add(new EvaluationResult.Item<>(devset.get(i), (O) predictions[i], scores[i], errors[i]));
        ncorrect += scores[i];
      }
      LOG.info("Average Metric: {} / {} ({}%)", PyFloat.repr(ncorrect), n,
          PyFloat.repr(Progress.pyRound(100 * ncorrect / n, 1)));
      String name = metric.name();
      if (displayTable > 0 || saveAsCsv != null || saveAsJson != null) {
        List<Map<String, Object>> rows = ResultsOutput.rows(items, name, predictionFields);
        if (displayTable > 0) {
          out.print(ResultsOutput.table(rows, name, displayTable));
          out.flush();
        }
        write(saveAsCsv, rows.isEmpty() ? "" : ResultsOutput.csv(rows));
        write(saveAsJson, ResultsOutput.json(rows));
      }
      return new EvaluationResult<>(Progress.pyRound(100 * ncorrect / n, 2), items);
    }

    private void write(Path file, String text) {
      if (file == null) {
        return;
      }
      try {
        Files.writeString(file, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save evaluation results to " + file, e);
      }
    }

    private void cancelRunning() {
      for (CompletableFuture<?> f : running) {
        f.cancel(true);
      }
    }
  }

  /** Waits; a cancelled wait (interrupt) cancels the run. Failures are rethrown as the same type, here. */
  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new JspyException("interrupted while evaluating", e);
    } catch (ExecutionException e) {
      Throwable cause = unwrap(e.getCause());
      if (cause instanceof JspyException) {
        throw ((JspyException) cause).rethrownHere(); // the caller's stack, the asynchronous failure as cause
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new JspyException(String.valueOf(cause), cause);
    }
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** Builds an {@link Evaluate}; the defaults are DSPy's. */
  public static final class Builder {
    private final List<Example> devset;
    private int numThreads = DEFAULT_NUM_THREADS;
    private boolean displayProgress;
    private int displayTable;
    private int maxErrors = DEFAULT_MAX_ERRORS;
    private boolean provideTraceback;
    private double failureScore;
    private Path saveAsCsv;
    private Path saveAsJson;
    private PrintStream out = System.out;
    private Boolean terminal;

    private Builder(List<Example> devset) {
      this.devset = Objects.requireNonNull(devset, "devset");
    }

    /**
     * @param n the most examples in flight at once (DSPy's {@code num_threads}; no thread each), default
     *     {@value #DEFAULT_NUM_THREADS}
     * @return this builder
     */
    public Builder numThreads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("numThreads must be at least 1, got " + n);
      }
      this.numThreads = n;
      return this;
    }

    /**
     * @param on show {@code Average Metric: 7.00 / 10 (70.0%)} as examples finish: a bar rewritten in place
     *     on a terminal ({@code System.console() != null}), INFO log lines (one per tenth) elsewhere
     * @return this builder
     */
    public Builder displayProgress(boolean on) {
      this.displayProgress = on;
      return this;
    }

    /**
     * @param rows print the first {@code rows} results as a table when done (DSPy's
     *     {@code display_table=n}); 0 for none
     * @return this builder
     */
    public Builder displayTable(int rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("displayTable must be at least 0, got " + rows);
      }
      this.displayTable = rows;
      return this;
    }

    /**
     * @param on print every result as a table when done (DSPy's {@code display_table=True})
     * @return this builder
     */
    public Builder displayTable(boolean on) {
      this.displayTable = on ? Integer.MAX_VALUE : 0;
      return this;
    }

    /**
     * @param n stop when this many examples have failed, default {@value #DEFAULT_MAX_ERRORS}
     * @return this builder
     */
    public Builder maxErrors(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxErrors must be at least 1, got " + n);
      }
      this.maxErrors = n;
      return this;
    }

    /**
     * @param on log each failure with its stack trace
     * @return this builder
     */
    public Builder provideTraceback(boolean on) {
      this.provideTraceback = on;
      return this;
    }

    /**
     * @param score the score of an example whose program or metric failed, default 0
     * @return this builder
     */
    public Builder failureScore(double score) {
      this.failureScore = score;
      return this;
    }

    /**
     * @param file where to write the results as CSV, in DSPy's {@code save_as_csv} shape
     * @return this builder
     */
    public Builder saveAsCsv(Path file) {
      this.saveAsCsv = file;
      return this;
    }

    /**
     * @param file where to write the results as JSON, in DSPy's {@code save_as_json} shape
     * @return this builder
     */
    public Builder saveAsJson(Path file) {
      this.saveAsJson = file;
      return this;
    }

    /**
     * @param stream where the progress bar and table go, default {@code System.out} (as DSPy's tqdm and
     *     print)
     * @return this builder
     */
    public Builder output(PrintStream stream) {
      this.out = Objects.requireNonNull(stream, "stream");
      return this;
    }

    /** Tests: decide terminal or log output instead of asking {@code System.console()}. */
    Builder terminal(boolean isTerminal) {
      this.terminal = isTerminal;
      return this;
    }

    /** @return the evaluator */
    public Evaluate build() {
      return new Evaluate(this);
    }
  }
}
