package p;

import dev.jspy.signature.Repr;
import javax.annotation.processing.Generated;

/**
 * The outputs of the {@link Qa} signature, one component per output field, in order: what
 * {@link QaPredict#forward} returns.
 *
 * @param answer the {@code answer} field (LM type {@code str})
 * @see Qa
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public record QaOutput(String answer) {
  /**
   * Renders the result as DSPy prints a {@code Prediction}, values in Python's {@code repr} form.
   *
   * @return {@code Prediction(...)} with one line per output field
   */
  @Override
  public String toString() {
    return Repr.of("Prediction", new String[] {"answer"}, new Object[] {answer});
  }
}
