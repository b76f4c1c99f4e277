package p;

import dev.jspy.Predict;
import dev.jspy.lm.LM;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
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
 * @see Qa
 * @see QaPredict#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class QaPredict extends Predict<QaInput, QaOutput> {
  /**
   * The signature {@code question: String -> answer: String}, as the runtime reads it.
   */
  public static final SignatureSpec<QaInput, QaOutput> SPEC = SignatureSpec.<QaInput, QaOutput>of(
      "Qa",
      "Given the fields `question`, produce the fields `answer`.",
      new FieldSpec[] {
          new FieldSpec("question", "", FieldType.STRING)},
      new FieldSpec[] {
          new FieldSpec("answer", "", FieldType.STRING)},
      QaPredict::convert);

  /**
   * Creates a predictor.
   */
  public QaPredict() {
    super(SPEC);
  }

  /**
   * Gives this predictor its own LM.
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
   * Sets request parameters for this predictor's calls, overriding the LM's defaults.
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

  private static Object convert(int conversion, Object value) {
    switch (conversion) {
      case SignatureSpec.Conversions.INPUT_VALUES: {
        QaInput in = (QaInput) value;
        return new Object[] {in.question()};
      }
      case SignatureSpec.Conversions.NEW_INPUT: {
        Object[] v = (Object[]) value;
        return new QaInput((String) v[0]);
      }
      case SignatureSpec.Conversions.NEW_OUTPUT: {
        Object[] v = (Object[]) value;
        return new QaOutput((String) v[0]);
      }
      case SignatureSpec.Conversions.OUTPUT_VALUES: {
        QaOutput out = (QaOutput) value;
        return new Object[] {out.answer()};
      }
      default:
        throw new IllegalArgumentException("conversion " + conversion);
    }
  }
}
