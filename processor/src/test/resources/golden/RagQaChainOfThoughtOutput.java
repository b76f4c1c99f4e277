package p;

import dev.jspy.signature.Repr;
import javax.annotation.processing.Generated;

/**
 * The outputs of the {@link RagQa} signature with the LM's {@code reasoning} first: what
 * {@link RagQaChainOfThought#forward} returns.
 *
 * @param reasoning the LM's step-by-step reasoning, written before the outputs (LM type {@code str})
 * @param answer the {@code answer} field (LM type {@code str})
 * @param confidence the {@code confidence} field (LM type {@code float})
 * @see RagQa
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public record RagQaChainOfThoughtOutput(String reasoning, String answer, double confidence) {
  /**
   * Renders the result as DSPy prints a {@code Prediction}, values in Python's {@code repr} form.
   *
   * @return {@code Prediction(...)} with one line per output field
   */
  @Override
  public String toString() {
    return Repr.of("Prediction", new String[] {"reasoning", "answer", "confidence"}, new Object[] {reasoning, answer, confidence});
  }
}
