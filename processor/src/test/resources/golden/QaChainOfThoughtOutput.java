package p;

import dev.jspy.signature.Repr;
import javax.annotation.processing.Generated;

/**
 * The outputs of the {@link Qa} signature with the LM's {@code reasoning} first: what
 * {@link QaChainOfThought#forward} returns.
 *
 * @param reasoning the LM's step-by-step reasoning, written before the outputs (LM type {@code str})
 * @param answer the {@code answer} field (LM type {@code str})
 * @see Qa
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public record QaChainOfThoughtOutput(String reasoning, String answer) {
  /**
   * Renders the result as DSPy prints a {@code Prediction}, values in Python's {@code repr} form.
   *
   * @return {@code Prediction(...)} with one line per output field
   */
  @Override
  public String toString() {
    return Repr.of("Prediction", new String[] {"reasoning", "answer"}, new Object[] {reasoning, answer});
  }
}
