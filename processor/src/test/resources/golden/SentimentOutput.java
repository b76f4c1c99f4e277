package p;

import dev.jspy.signature.Repr;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * The outputs of the {@link Sentiment} signature, one component per output field, in order: what
 * {@link SentimentPredict#forward} returns.
 *
 * @param label The overall sentiment. (LM type {@code Label})
 * @param confidence between 0 and 1 (LM type {@code float})
 * @param evidence The decisive words, if any. (LM type {@code Union[Evidence, NoneType]})
 * @see Sentiment
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public record SentimentOutput(Sentiment.Label label, double confidence,
    Optional<Sentiment.Evidence> evidence) {
  /**
   * Renders the result as DSPy prints a {@code Prediction}, values in Python's {@code repr} form.
   *
   * @return {@code Prediction(...)} with one line per output field
   */
  @Override
  public String toString() {
    return Repr.of("Prediction", new String[] {"label", "confidence", "evidence"}, new Object[] {label, confidence, evidence});
  }
}
