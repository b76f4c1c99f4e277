package p;

import dev.jspy.ChainOfThought;
import dev.jspy.lm.LM;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Reasons step by step, then gives the outputs of the {@link Qa} signature, as DSPy's
 * {@code dspy.ChainOfThought}: the LM writes a {@code reasoning} field before the outputs,
 * and the result has {@code reasoning()} first.
 *
 * <p>Instructions: Given the fields `question`, produce the fields `answer`.
 *
 * <pre>{@code
 * QaChainOfThought cot = new QaChainOfThought();
 * QaChainOfThoughtOutput result = cot.forward(question);
 * String reasoning = result.reasoning();
 * String answer = result.answer();
 * }</pre>
 *
 * <p>It uses the settings in force when called unless given its own {@code lm(...)}; request
 * parameters and examples go to its inner {@code predict()}.
 *
 * @see Qa
 * @see QaPredict#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class QaChainOfThought extends ChainOfThought<QaInput, QaChainOfThoughtOutput> {
  /**
   * Creates a module.
   */
  public QaChainOfThought() {
    super(QaPredict.SPEC, v -> new QaChainOfThoughtOutput(v.get(0), v.get(1)), o -> new Object[] {o.reasoning(), o.answer()});
  }

  /**
   * Gives this module its own LM.
   *
   * @param lm the LM this module always uses, or {@code null} for the settings' LM
   * @return this module
   */
  @Override
  public QaChainOfThought lm(LM lm) {
    super.lm(lm);
    return this;
  }

  /**
   * Asks the LM to reason, then answer, and waits for the reply.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @return the outputs: {@code reasoning}, {@code answer}
   */
  public QaChainOfThoughtOutput forward(String question) {
    return call(new QaInput(question));
  }

  /**
   * Asks the LM to reason, then answer, without blocking; cancelling the future cancels the request.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @return the outputs ({@code reasoning}, {@code answer}), or a future failed with the runtime's exception
   */
  public CompletableFuture<QaChainOfThoughtOutput> aforward(String question) {
    return acall(new QaInput(question));
  }
}
