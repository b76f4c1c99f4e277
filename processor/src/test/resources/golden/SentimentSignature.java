package p;

import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The {@link Sentiment} signature as the runtime reads it, written at compile time: nothing is parsed or
 * reflected at run time.
 *
 * @see Sentiment
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public final class SentimentSignature {
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
   * The signature {@code review: String -> label: Sentiment.Label, confidence: double, evidence: Optional<Sentiment.Evidence>}.
   *
   * <p>Instructions: Classify the sentiment of a product review.
   *
   * Quote the words that decided it.
   */
  public static final SignatureSpec<SentimentInput, SentimentOutput> SPEC = SignatureSpec.<SentimentInput, SentimentOutput>builder("Sentiment")
      .instructions("Classify the sentiment of a product review.\n"
          + "\n"
          + "Quote the words that decided it.")
      .input("review", "a product review", FieldType.STRING)
      .output("label", "The overall sentiment.", FieldType.enumOf("Label", Sentiment.Label.values()))
      .output("confidence", "between 0 and 1", FieldType.DOUBLE)
      .output("evidence", "The decisive words, if any.", FieldType.optional(EVIDENCE_TYPE))
      .inputValues(in -> new Object[] {in.review()})
      .inputs(v -> new SentimentInput(v.get(0)))
      .outputs(v -> new SentimentOutput(v.get(0), v.get(1), v.get(2)))
      .outputValues(out -> new Object[] {out.label(), out.confidence(), out.evidence()})
      .build();

  private SentimentSignature() {
  }
}
