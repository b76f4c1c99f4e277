package p;

import dev.jspy.Trajectory;
import dev.jspy.signature.Repr;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * What {@link SentimentReAct#forward} returns: the agent's {@code trajectory}, the {@code reasoning} behind
 * the final answer, then the outputs of the {@link Sentiment} signature, in order.
 *
 * @param trajectory every step the agent took: its thought, the tool it called, the arguments and
 *     what the tool returned
 * @param reasoning the LM's step-by-step reasoning, written before the outputs (LM type {@code str})
 * @param label The overall sentiment. (LM type {@code Label})
 * @param confidence between 0 and 1 (LM type {@code float})
 * @param evidence The decisive words, if any. (LM type {@code Union[Evidence, NoneType]})
 * @see Sentiment
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public record SentimentReActOutput(Trajectory trajectory, String reasoning, Sentiment.Label label,
    double confidence, Optional<Sentiment.Evidence> evidence) {
  /**
   * Renders the result as DSPy prints a {@code Prediction}, values in Python's {@code repr} form.
   *
   * @return {@code Prediction(...)} with one line per output field
   */
  @Override
  public String toString() {
    return Repr.of("Prediction", new String[] {"trajectory", "reasoning", "label", "confidence", "evidence"}, new Object[] {trajectory, reasoning, label, confidence, evidence});
  }
}
