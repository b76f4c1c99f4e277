package p;

import dev.jspy.Predict;
import dev.jspy.lm.LM;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Asks the LM for the outputs of the {@link Sentiment} signature, as DSPy's {@code dspy.Predict}.
 *
 * <p>Instructions: Classify the sentiment of a product review.
 *
 * Quote the words that decided it.
 *
 * <pre>{@code
 * SentimentPredict predict = new SentimentPredict();
 * SentimentOutput result = predict.forward(review);
 * Sentiment.Label label = result.label();
 * }</pre>
 *
 * @see Sentiment
 * @see SentimentPredict#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class SentimentPredict extends Predict<SentimentInput, SentimentOutput> {
  /**
   * {@link Sentiment.Evidence}, a pydantic model named {@code Evidence} for the LM.
   */
  private static final FieldType<Sentiment.Evidence> EVIDENCE_TYPE = FieldType.record(
      "Evidence",
      "A quote from the review.",
      List.of(
          FieldType.component("quote", FieldType.STRING)
              .withDescription("the words"),
          FieldType.component("offset", FieldType.INT)
              .withDescription("where they start")),
      v -> new Sentiment.Evidence(v.get(0), v.get(1)),
      r -> new Object[] {r.quote(), r.offset()});

  /**
   * The signature {@code review: String -> label: Sentiment.Label, confidence: double, evidence: Optional<Sentiment.Evidence>}, as the runtime reads it.
   */
  public static final SignatureSpec<SentimentInput, SentimentOutput> SPEC = SignatureSpec.<SentimentInput, SentimentOutput>of(
      "Sentiment",
      "Classify the sentiment of a product review.\n"
          + "\n"
          + "Quote the words that decided it.",
      new FieldSpec[] {
          new FieldSpec("review", "a product review", FieldType.STRING)},
      new FieldSpec[] {
          new FieldSpec("label", "The overall sentiment.", FieldType.enumOf("Label", Sentiment.Label.values())),
          new FieldSpec("confidence", "between 0 and 1", FieldType.DOUBLE),
          new FieldSpec("evidence", "The decisive words, if any.", FieldType.optional(EVIDENCE_TYPE))},
      SentimentPredict::convert);

  /**
   * Creates a predictor.
   */
  public SentimentPredict() {
    super(SPEC);
  }

  /**
   * Gives this predictor its own LM.
   *
   * @param lm the LM this predictor always uses, or {@code null} to use the settings' LM
   * @return this predictor
   */
  @Override
  public SentimentPredict lm(LM lm) {
    super.lm(lm);
    return this;
  }

  /**
   * Sets request parameters for this predictor's calls, overriding the LM's defaults.
   *
   * @param params parameters by their OpenAI name
   * @return this predictor
   */
  @Override
  public SentimentPredict config(Map<String, Object> params) {
    super.config(params);
    return this;
  }

  /**
   * Adds a few-shot example shown to the LM before the real input, as DSPy's demos.
   *
   * @param input the example's inputs
   * @param output the example's outputs
   * @return this predictor
   */
  @Override
  public SentimentPredict addDemo(SentimentInput input, SentimentOutput output) {
    super.addDemo(input, output);
    return this;
  }

  /**
   * Asks the LM and waits for the reply.
   *
   * @param review a product review (LM type {@code str})
   * @return the outputs: {@code label}, {@code confidence}, {@code evidence}
   */
  public SentimentOutput forward(String review) {
    return call(new SentimentInput(review));
  }

  /**
   * Asks the LM without blocking; cancelling the future cancels the request.
   *
   * @param review a product review (LM type {@code str})
   * @return the outputs ({@code label}, {@code confidence}, {@code evidence}), or a future failed with the runtime's exception
   */
  public CompletableFuture<SentimentOutput> aforward(String review) {
    return acall(new SentimentInput(review));
  }

  @SuppressWarnings("unchecked")
  private static Object convert(int conversion, Object value) {
    switch (conversion) {
      case SignatureSpec.Conversions.INPUT_VALUES: {
        SentimentInput in = (SentimentInput) value;
        return new Object[] {in.review()};
      }
      case SignatureSpec.Conversions.NEW_INPUT: {
        Object[] v = (Object[]) value;
        return new SentimentInput((String) v[0]);
      }
      case SignatureSpec.Conversions.NEW_OUTPUT: {
        Object[] v = (Object[]) value;
        return new SentimentOutput((Sentiment.Label) v[0], (double) v[1], (Optional<Sentiment.Evidence>) v[2]);
      }
      case SignatureSpec.Conversions.OUTPUT_VALUES: {
        SentimentOutput out = (SentimentOutput) value;
        return new Object[] {out.label(), out.confidence(), out.evidence()};
      }
      default:
        throw new IllegalArgumentException("conversion " + conversion);
    }
  }
}
