package p;

import dev.jspy.signature.Repr;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * The outputs of the {@link Sentiment} signature with the LM's {@code reasoning} first: what
 * {@link SentimentChainOfThought#forward} returns.
 *
 * @param reasoning the LM's step-by-step reasoning, written before the outputs (LM type {@code str})
 * @param label The overall sentiment. (LM type {@code Label})
 * @param confidence between 0 and 1 (LM type {@code float})
 * @param evidence The decisive words, if any. (LM type {@code Union[Evidence, NoneType]})
 * @see Sentiment
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public record SentimentChainOfThoughtOutput(String reasoning, Sentiment.Label label,
    double confidence, Optional<Sentiment.Evidence> evidence) {
  /**
   * Renders the result as DSPy prints a {@code Prediction}, values in Python's {@code repr} form.
   *
   * @return {@code Prediction(...)} with one line per output field
   */
  @Override
  public String toString() {
    return Repr.of("Prediction", new String[] {"reasoning", "label", "confidence", "evidence"}, new Object[] {reasoning, label, confidence, evidence});
  }
}
