package dev.jspy.evaluate;

import dev.jspy.Trace;
import dev.jspy.ChainOfThought;
import dev.jspy.Example;
import dev.jspy.Module;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.signature.Values;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * DSPy's LM-judged metric {@code dspy.evaluate.SemanticF1} ({@code dspy/evaluate/auto_evaluation.py}): a
 * {@code ChainOfThought} judge estimates the recall and precision of a system response against the ground
 * truth, and the score is their F1. The judge's signatures carry DSPy's names, instructions and field
 * descriptions, so it sends the prompts DSPy sends, and its predictor is named {@code module.predict} as in
 * DSPy (so saved state and demos carry over).
 *
 * <pre>{@code
 * SemanticF1 judge = new SemanticF1();
 * Metric<QaOutput> metric = judge.metric(QaOutput::response);
 * Evaluate.builder(devset).build().run(program, metric);   // reads example "question" and "response"
 * }</pre>
 *
 * <p>As a {@link Metric} it scores asynchronously: the judge's LM call holds no thread. While optimizing
 * (a non-null trace) it scores 1 when F1 reaches the threshold and 0 otherwise, as DSPy returns
 * {@code score >= threshold}.
 */
public final class SemanticF1 extends Module<SemanticF1.Input, SemanticF1.Judgment> {
  /** DSPy's default threshold for accepting a prediction while optimizing. */
  public static final double DEFAULT_THRESHOLD = 0.66;

  private static final String RECALL_DESC = "fraction (out of 1.0) of ground truth covered by the system response";
  private static final String PRECISION_DESC = "fraction (out of 1.0) of system response covered by the ground truth";

  /** DSPy's {@code SemanticRecallPrecision}. */
  static final SignatureSpec<Input, Judgment> SEMANTIC_RECALL_PRECISION =
      base("SemanticRecallPrecision",
              "Compare a system's response to the ground truth to compute its recall and precision.\n"
                  + "If asked to reason, enumerate key ideas in each response, and whether they are present in the"
                  + " other response.")
          .output("recall", RECALL_DESC, FieldType.DOUBLE)
          .output("precision", PRECISION_DESC, FieldType.DOUBLE)
          .outputs(v -> new Judgment(null, null, null, null, v.<Double>get(0), v.<Double>get(1)))
          .outputValues(j -> new Object[] {j.recall(), j.precision()})
          .build();

  /** DSPy's {@code DecompositionalSemanticRecallPrecision}. */
  static final SignatureSpec<Input, Judgment> DECOMPOSITIONAL_SEMANTIC_RECALL_PRECISION =
      base("DecompositionalSemanticRecallPrecision",
              "Compare a system's response to the ground truth to compute recall and precision of key ideas.\n"
                  + "You will first enumerate key ideas in each response, discuss their overlap, and then report"
                  + " recall and precision.")
          .output("ground_truth_key_ideas", "enumeration of key ideas in the ground truth", FieldType.STRING)
          .output("system_response_key_ideas", "enumeration of key ideas in the system response", FieldType.STRING)
          .output("discussion", "discussion of the overlap between ground truth and system response", FieldType.STRING)
          .output("recall", RECALL_DESC, FieldType.DOUBLE)
          .output("precision", PRECISION_DESC, FieldType.DOUBLE)
          .outputs(v -> new Judgment(null, v.get(0), v.get(1), v.get(2), v.<Double>get(3), v.<Double>get(4)))
          .outputValues(j -> new Object[] {
              j.groundTruthKeyIdeas(), j.systemResponseKeyIdeas(), j.discussion(), j.recall(), j.precision()})
          .build();

  /**
   * The judge's inputs.
   *
   * @param question the question asked
   * @param groundTruth the reference response
   * @param systemResponse the response to judge
   */
  public record Input(String question, String groundTruth, String systemResponse) {}

  /**
   * The judge's outputs. The key ideas and discussion are {@code null} unless the judge is decompositional.
   *
   * @param reasoning the judge's reasoning
   * @param groundTruthKeyIdeas key ideas of the ground truth
   * @param systemResponseKeyIdeas key ideas of the system response
   * @param discussion their overlap
   * @param recall fraction of the ground truth covered by the response
   * @param precision fraction of the response covered by the ground truth
   */
  public record Judgment(
      String reasoning,
      String groundTruthKeyIdeas,
      String systemResponseKeyIdeas,
      String discussion,
      Double recall,
      Double precision) {
    /** @return {@link #f1Score} of this judgment's precision and recall */
    public double f1() {
      return f1Score(precision, recall);
    }
  }

  private final double threshold;
  private final boolean decompositional;
  /** DSPy's {@code self.module}: named {@code module.predict} in {@link #namedPredictors()}. */
  private final ChainOfThought<Input, Judgment> module;

  /** DSPy's defaults: threshold {@value #DEFAULT_THRESHOLD}, not decompositional. */
  public SemanticF1() {
    this(DEFAULT_THRESHOLD, false);
  }

  /**
   * @param threshold the least F1 accepted while optimizing
   * @param decompositional judge with DSPy's {@code DecompositionalSemanticRecallPrecision} (enumerate key
   *     ideas, discuss their overlap, then report) instead of {@code SemanticRecallPrecision}
   */
  public SemanticF1(double threshold, boolean decompositional) {
    this.threshold = threshold;
    this.decompositional = decompositional;
    SignatureSpec<Input, Judgment> spec =
        decompositional ? DECOMPOSITIONAL_SEMANTIC_RECALL_PRECISION : SEMANTIC_RECALL_PRECISION;
    this.module = decompositional
        ? new ChainOfThought<>(spec, SemanticF1::decomposed, SemanticF1::decomposedValues)
        : new ChainOfThought<>(spec, SemanticF1::plain, SemanticF1::plainValues);
  }

  /** @return the judge (DSPy's {@code self.module}), e.g. to give it its own LM */
  public ChainOfThought<Input, Judgment> module() {
    return module;
  }

  /** @return the least F1 accepted while optimizing */
  public double threshold() {
    return threshold;
  }

  /** @return whether the judge enumerates and discusses key ideas first */
  public boolean decompositional() {
    return decompositional;
  }

  @Override
  public CompletableFuture<Judgment> aforward(Input input) {
    return module.acall(input);
  }

  /**
   * This judge as a metric, as DSPy's {@code SemanticF1.forward(example, pred, trace)}: it judges
   * {@code example.question}, {@code example.response} (the ground truth) and the prediction's response;
   * the score is the F1, or, with a trace, 1 if it reaches the threshold and 0 if not. Named
   * {@code SemanticF1} in results, as DSPy names a module metric by its class.
   *
   * @param response reads the prediction's response
   * @param <O> the program's output
   * @return the metric; {@link Metric#ascore} holds no thread while the judge runs
   */
  public <O> Metric<O> metric(Function<? super O, String> response) {
    Objects.requireNonNull(response, "response");
    return new Metric<>() {
      @Override
      public double score(Example example, O prediction, Trace trace) throws Exception {
        try {
          return ascore(example, prediction, trace).get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
          }
          if (cause instanceof Exception) {
            throw (Exception) cause;
          }
          throw (Error) cause;
        }
      }

      @Override
      public CompletableFuture<Double> ascore(Example example, O prediction, Trace trace) {
        Input input;
        try {
          input = new Input(text(example, "question"), text(example, "response"), response.apply(prediction));
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
        return acall(input).thenApply(j -> {
          double score = j.f1();
          return trace == null ? score : score >= threshold ? 1.0 : 0.0;
        });
      }

      @Override
      public String name() {
        return "SemanticF1";
      }

      @Override
      public String toString() {
        return "SemanticF1";
      }
    };
  }

  /**
   * DSPy's {@code f1_score}: precision and recall clamped to [0, 1], then their harmonic mean (0 when both
   * are 0).
   *
   * @param precision the precision
   * @param recall the recall
   * @return the F1
   */
  public static double f1Score(double precision, double recall) {
    precision = Math.max(0.0, Math.min(1.0, precision));
    recall = Math.max(0.0, Math.min(1.0, recall));
    return precision + recall == 0 ? 0.0 : 2 * (precision * recall) / (precision + recall);
  }

  @Override
  public String toString() {
    return "SemanticF1(" + module + ")";
  }

  private static String text(Example example, String key) {
    if (!example.has(key)) {
      throw new IllegalArgumentException("SemanticF1 needs the example's '" + key + "', got keys " + example.keys());
    }
    Object value = example.get(key);
    return value == null ? null : value.toString();
  }

  private static SignatureSpec.Builder<Input, Judgment> base(String name, String instructions) {
    return SignatureSpec.<Input, Judgment>builder(name)
        .instructions(instructions)
        .input("question", "", FieldType.STRING)
        .input("ground_truth", "", FieldType.STRING)
        .input("system_response", "", FieldType.STRING)
        .inputValues(i -> new Object[] {i.question(), i.groundTruth(), i.systemResponse()})
        .inputs(v -> new Input(v.get(0), v.get(1), v.get(2)));
  }

  private static Judgment plain(Values v) {
    return new Judgment(v.get(0), null, null, null, v.<Double>get(1), v.<Double>get(2));
  }

  private static Object[] plainValues(Judgment j) {
    return new Object[] {j.reasoning(), j.recall(), j.precision()};
  }

  private static Judgment decomposed(Values v) {
    return new Judgment(v.get(0), v.get(1), v.get(2), v.get(3), v.<Double>get(4), v.<Double>get(5));
  }

  private static Object[] decomposedValues(Judgment j) {
    return new Object[] {
        j.reasoning(), j.groundTruthKeyIdeas(), j.systemResponseKeyIdeas(), j.discussion(), j.recall(), j.precision()};
  }
}
