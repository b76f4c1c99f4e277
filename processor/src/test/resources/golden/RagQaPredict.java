package p;

import dev.jspy.Predict;
import java.util.List;
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
 * System.out.println(result.answer());
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
