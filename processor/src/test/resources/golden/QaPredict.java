package p;

import dev.jspy.Predict;
import dev.jspy.lm.LM;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Asks the LM for the outputs of the {@link Qa} signature, as DSPy's {@code dspy.Predict}.
 *
 * <p>Instructions: Given the fields `question`, produce the fields `answer`.
 *
 * <pre>{@code
 * QaPredict predict = new QaPredict();
 * QaOutput result = predict.forward(question);
 * String answer = result.answer();
 * }</pre>
 *
 * <p>A new predictor uses the LM and adapter of the settings in force when it is called
 * ({@code Jspy.configure}, {@code Jspy.context}); give it its own with {@code lm(...)},
 * request parameters with {@code config(...)} and examples with {@code addDemo(...)}.
 * {@code forward(QaInput)} and {@code aforward(QaInput)} take the input record.
 *
 * @see Qa
 * @see QaSignature#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class QaPredict extends Predict<QaInput, QaOutput> {
  /**
   * Creates a predictor that uses the settings in force at call time.
   */
  public QaPredict() {
    super(QaSignature.SPEC);
  }

  /**
   * Gives this predictor its own LM.
   *
   * <p>Returns this {@code QaPredict}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param lm the LM this predictor always uses, or {@code null} to use the settings' LM
   * @return this predictor
   */
  @Override
  public QaPredict lm(LM lm) {
    super.lm(lm);
    return this;
  }

  /**
   * Sets request parameters for this predictor's calls, overriding the LM's defaults, e.g.
   * {@code Map.of("temperature", 0.7, "max_tokens", 512)}.
   *
   * <p>Returns this {@code QaPredict}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param params parameters by their OpenAI name
   * @return this predictor
   */
  @Override
  public QaPredict config(Map<String, Object> params) {
    super.config(params);
    return this;
  }

  /**
   * Adds a few-shot example shown to the LM before the real input, as DSPy's demos.
   *
   * <p>Returns this {@code QaPredict}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param input the example's inputs
   * @param output the example's outputs
   * @return this predictor
   */
  @Override
  public QaPredict addDemo(QaInput input, QaOutput output) {
    super.addDemo(input, output);
    return this;
  }

  /**
   * Asks the LM and waits for the reply.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @return the outputs: {@code answer}
   */
  public QaOutput forward(String question) {
    return call(new QaInput(question));
  }

  /**
   * Asks the LM without blocking; cancelling the future cancels the request.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @return the outputs ({@code answer}), or a future failed with the runtime's exception
   */
  public CompletableFuture<QaOutput> aforward(String question) {
    return acall(new QaInput(question));
  }
}
