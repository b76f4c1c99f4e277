package p;

import dev.jspy.ChainOfThought;
import dev.jspy.lm.LM;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Reasons step by step, then gives the outputs of the {@link RagQa} signature, as DSPy's
 * {@code dspy.ChainOfThought}: the LM writes a {@code reasoning} field before the outputs,
 * and the result has {@code reasoning()} first.
 *
 * <p>Instructions: Answer with a short factoid.
 *
 * <pre>{@code
 * RagQaChainOfThought cot = new RagQaChainOfThought();
 * RagQaChainOfThoughtOutput result = cot.forward(question, context);
 * String reasoning = result.reasoning();
 * String answer = result.answer();
 * }</pre>
 *
 * <p>It uses the settings in force when called unless given its own {@code lm(...)}; request
 * parameters and examples go to its inner {@code predict()}.
 *
 * @see RagQa
 * @see RagQaPredict#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class RagQaChainOfThought extends ChainOfThought<RagQaInput, RagQaChainOfThoughtOutput> {
  /**
   * Creates a module.
   */
  public RagQaChainOfThought() {
    super(RagQaPredict.SPEC, v -> new RagQaChainOfThoughtOutput(v.get(0), v.get(1), v.get(2)), o -> new Object[] {o.reasoning(), o.answer(), o.confidence()});
  }

  /**
   * Gives this module its own LM.
   *
   * @param lm the LM this module always uses, or {@code null} for the settings' LM
   * @return this module
   */
  @Override
  public RagQaChainOfThought lm(LM lm) {
    super.lm(lm);
    return this;
  }

  /**
   * Asks the LM to reason, then answer, and waits for the reply.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @param context the {@code context} field (LM type {@code list[str]})
   * @return the outputs: {@code reasoning}, {@code answer}, {@code confidence}
   */
  public RagQaChainOfThoughtOutput forward(String question, List<String> context) {
    return call(new RagQaInput(question, context));
  }

  /**
   * Asks the LM to reason, then answer, without blocking; cancelling the future cancels the request.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @param context the {@code context} field (LM type {@code list[str]})
   * @return the outputs ({@code reasoning}, {@code answer}, {@code confidence}), or a future failed with the runtime's exception
   */
  public CompletableFuture<RagQaChainOfThoughtOutput> aforward(String question,
      List<String> context) {
    return acall(new RagQaInput(question, context));
  }
}
