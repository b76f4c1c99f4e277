package p;

import dev.jspy.Predict;
import dev.jspy.lm.LM;
import java.util.Map;
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
 * Sentiment.Label label = result.label();
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
   * Gives this predictor its own LM.
   *
   * <p>Returns this {@code SentimentPredict}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param lm the LM this predictor always uses, or {@code null} to use the settings' LM
   * @return this predictor
   */
  @Override
  public SentimentPredict lm(LM lm) {
    super.lm(lm);
    return this;
  }

  /**
   * Sets request parameters for this predictor's calls, overriding the LM's defaults, e.g.
   * {@code Map.of("temperature", 0.7, "max_tokens", 512)}.
   *
   * <p>Returns this {@code SentimentPredict}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param params parameters by their OpenAI name
   * @return this predictor
   */
  @Override
  public SentimentPredict config(Map<String, Object> params) {
    super.config(params);
    return this;
  }

  /**
   * Adds a few-shot example shown to the LM before the real input, as DSPy's demos.
   *
   * <p>Returns this {@code SentimentPredict}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param input the example's inputs
   * @param output the example's outputs
   * @return this predictor
   */
  @Override
  public SentimentPredict addDemo(SentimentInput input, SentimentOutput output) {
    super.addDemo(input, output);
    return this;
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
