package p;

import dev.jspy.Trajectory;
import dev.jspy.signature.Repr;
import javax.annotation.processing.Generated;

/**
 * What {@link QaReAct#forward} returns: the agent's {@code trajectory}, the {@code reasoning} behind
 * the final answer, then the outputs of the {@link Qa} signature, in order.
 *
 * @param trajectory every step the agent took: its thought, the tool it called, the arguments and
 *     what the tool returned
 * @param reasoning the LM's step-by-step reasoning, written before the outputs (LM type {@code str})
 * @param answer the {@code answer} field (LM type {@code str})
 * @see Qa
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public record QaReActOutput(Trajectory trajectory, String reasoning, String answer) {
  /**
   * Renders the result as DSPy prints a {@code Prediction}, values in Python's {@code repr} form.
   *
   * @return {@code Prediction(...)} with one line per output field
   */
  @Override
  public String toString() {
    return Repr.of("Prediction", new String[] {"trajectory", "reasoning", "answer"}, new Object[] {trajectory, reasoning, answer});
  }
}
