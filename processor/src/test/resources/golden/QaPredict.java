package p;

import dev.jspy.Predict;
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
 * System.out.println(result.answer());
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
