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
 * <p>It uses the settings in force when called ({@code Jspy.configure}, {@code Jspy.context}) unless
 * given its own; {@code lm(...)}, {@code config(...)} and {@code addDemo(...)} return this class.
 *
 * @see RagQa
 * @see RagQaSignature#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class RagQaPredict extends Predict<RagQaInput, RagQaOutput> {
  /**
   * Creates a predictor.
   */
  public RagQaPredict() {
    super(RagQaSignature.SPEC);
  }

  /**
   * Gives this predictor its own LM.
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
   * Sets request parameters for this predictor's calls, overriding the LM's defaults.
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
