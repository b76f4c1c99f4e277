package p;

import dev.jspy.ChainOfThought;
import dev.jspy.lm.LM;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Reasons step by step, then gives the outputs of the {@link Sentiment} signature, as DSPy's
 * {@code dspy.ChainOfThought}: the LM writes a {@code reasoning} field before the outputs,
 * and the result has {@code reasoning()} first.
 *
 * <p>Instructions: Classify the sentiment of a product review.
 *
 * Quote the words that decided it.
 *
 * <pre>{@code
 * SentimentChainOfThought cot = new SentimentChainOfThought();
 * SentimentChainOfThoughtOutput result = cot.forward(review);
 * String reasoning = result.reasoning();
 * Sentiment.Label label = result.label();
 * }</pre>
 *
 * <p>A new module uses the LM and adapter of the settings in force when it is called
 * ({@code Jspy.configure}, {@code Jspy.context}); give it its own with {@code lm(...)}.
 * Request parameters and examples go to its inner {@code predict()}.
 * {@code forward(SentimentInput)} and {@code aforward(SentimentInput)} take the input record.
 *
 * @see Sentiment
 * @see SentimentSignature#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class SentimentChainOfThought extends ChainOfThought<SentimentInput, SentimentChainOfThoughtOutput> {
  /**
   * Creates a module that uses the settings in force at call time.
   */
  public SentimentChainOfThought() {
    super(SentimentSignature.SPEC, v -> new SentimentChainOfThoughtOutput(v.get(0), v.get(1), v.get(2), v.get(3)), o -> new Object[] {o.reasoning(), o.label(), o.confidence(), o.evidence()});
  }

  /**
   * Gives this module its own LM.
   *
   * <p>Returns this {@code SentimentChainOfThought}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param lm the LM this module always uses, or {@code null} for the settings' LM
   * @return this module
   */
  @Override
  public SentimentChainOfThought lm(LM lm) {
    super.lm(lm);
    return this;
  }

  /**
   * Asks the LM to reason, then answer, and waits for the reply.
   *
   * @param review a product review (LM type {@code str})
   * @return the outputs: {@code reasoning}, {@code label}, {@code confidence}, {@code evidence}
   */
  public SentimentChainOfThoughtOutput forward(String review) {
    return call(new SentimentInput(review));
  }

  /**
   * Asks the LM to reason, then answer, without blocking; cancelling the future cancels the request.
   *
   * @param review a product review (LM type {@code str})
   * @return the outputs ({@code reasoning}, {@code label}, {@code confidence}, {@code evidence}), or a future failed with the runtime's exception
   */
  public CompletableFuture<SentimentChainOfThoughtOutput> aforward(String review) {
    return acall(new SentimentInput(review));
  }
}
