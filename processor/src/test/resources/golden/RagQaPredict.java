package p;

import dev.jspy.Predict;
import dev.jspy.lm.LM;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Asks the LM for the outputs of the {@link RagQa} signature, as DSPy's {@code dspy.Predict}.
 *
 * <p>Instructions: Answer with a short factoid.
 *
 * <pre>{@code
 * RagQaPredict predict = new RagQaPredict();
 * RagQaOutput result = predict.forward(question, context);
 * String answer = result.answer();
 * }</pre>
 *
 * <p>A new predictor uses the LM and adapter of the settings in force when it is called
 * ({@code Jspy.configure}, {@code Jspy.context}); give it its own with {@code lm(...)},
 * request parameters with {@code config(...)} and examples with {@code addDemo(...)}.
 * {@code forward(RagQaInput)} and {@code aforward(RagQaInput)} take the input record.
 *
 * @see RagQa
 * @see RagQaSignature#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class RagQaPredict extends Predict<RagQaInput, RagQaOutput> {
  /**
   * Creates a predictor that uses the settings in force at call time.
   */
  public RagQaPredict() {
    super(RagQaSignature.SPEC);
  }

  /**
   * Gives this predictor its own LM.
   *
   * <p>Returns this {@code RagQaPredict}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param lm the LM this predictor always uses, or {@code null} to use the settings' LM
   * @return this predictor
   */
  @Override
  public RagQaPredict lm(LM lm) {
    super.lm(lm);
    return this;
  }

  /**
   * Sets request parameters for this predictor's calls, overriding the LM's defaults, e.g.
   * {@code Map.of("temperature", 0.7, "max_tokens", 512)}.
   *
   * <p>Returns this {@code RagQaPredict}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param params parameters by their OpenAI name
   * @return this predictor
   */
  @Override
  public RagQaPredict config(Map<String, Object> params) {
    super.config(params);
    return this;
  }

  /**
   * Adds a few-shot example shown to the LM before the real input, as DSPy's demos.
   *
   * <p>Returns this {@code RagQaPredict}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param input the example's inputs
   * @param output the example's outputs
   * @return this predictor
   */
  @Override
  public RagQaPredict addDemo(RagQaInput input, RagQaOutput output) {
    super.addDemo(input, output);
    return this;
  }

  /**
   * Asks the LM and waits for the reply.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @param context the {@code context} field (LM type {@code list[str]})
   * @return the outputs: {@code answer}, {@code confidence}
   */
  public RagQaOutput forward(String question, List<String> context) {
    return call(new RagQaInput(question, context));
  }

  /**
   * Asks the LM without blocking; cancelling the future cancels the request.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @param context the {@code context} field (LM type {@code list[str]})
   * @return the outputs ({@code answer}, {@code confidence}), or a future failed with the runtime's exception
   */
  public CompletableFuture<RagQaOutput> aforward(String question, List<String> context) {
    return acall(new RagQaInput(question, context));
  }
}
