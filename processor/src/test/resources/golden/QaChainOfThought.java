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
 * <p>A new module uses the LM and adapter of the settings in force when it is called
 * ({@code Jspy.configure}, {@code Jspy.context}); give it its own with {@code lm(...)}.
 * Request parameters and examples go to its inner {@code predict()}.
 * {@code forward(QaInput)} and {@code aforward(QaInput)} take the input record.
 *
 * @see Qa
 * @see QaSignature#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class QaChainOfThought extends ChainOfThought<QaInput, QaChainOfThoughtOutput> {
  /**
   * Creates a module that uses the settings in force at call time.
   */
  public QaChainOfThought() {
    super(QaSignature.SPEC, v -> new QaChainOfThoughtOutput(v.get(0), v.get(1)), o -> new Object[] {o.reasoning(), o.answer()});
  }

  /**
   * Gives this module its own LM.
   *
   * <p>Returns this {@code QaChainOfThought}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
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
