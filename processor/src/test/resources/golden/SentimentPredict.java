package p;

import dev.jspy.Predict;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Asks the LM for the outputs of the {@link Sentiment} signature, as DSPy's {@code dspy.Predict}.
 *
 * <p>Instructions: Classify the sentiment of a product review.
 *
 * Quote the words that decided it.
 *
 * <pre>{@code
 * SentimentPredict predict = new SentimentPredict();
 * SentimentOutput result = predict.forward(review);
 * System.out.println(result.label());
 * }</pre>
 *
 * <p>A new predictor uses the LM and adapter of the settings in force when it is called
 * ({@code Jspy.configure}, {@code Jspy.context}); give it its own with {@code lm(...)},
 * request parameters with {@code config(...)} and examples with {@code addDemo(...)}.
 * {@code forward(SentimentInput)} and {@code aforward(SentimentInput)} take the input record.
 *
 * @see Sentiment
 * @see SentimentSignature#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class SentimentPredict extends Predict<SentimentInput, SentimentOutput> {
  /**
   * Creates a predictor that uses the settings in force at call time.
   */
  public SentimentPredict() {
    super(SentimentSignature.SPEC);
  }

  /**
   * Asks the LM and waits for the reply.
   *
   * @param review a product review (LM type {@code str})
   * @return the outputs: {@code label}, {@code confidence}, {@code evidence}
   */
  public SentimentOutput forward(String review) {
    return call(new SentimentInput(review));
  }

  /**
   * Asks the LM without blocking; cancelling the future cancels the request.
   *
   * @param review a product review (LM type {@code str})
   * @return the outputs ({@code label}, {@code confidence}, {@code evidence}), or a future failed with the runtime's exception
   */
  public CompletableFuture<SentimentOutput> aforward(String review) {
    return acall(new SentimentInput(review));
  }
}
