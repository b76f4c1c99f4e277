package p;

import dev.jspy.Predict;
import dev.jspy.lm.LM;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
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
 * @see RagQa
 * @see RagQaPredict#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class RagQaPredict extends Predict<RagQaInput, RagQaOutput> {
  /**
   * The signature {@code question: String, context: List<String> -> answer: String, confidence: double}, as the runtime reads it.
   */
  public static final SignatureSpec<RagQaInput, RagQaOutput> SPEC = SignatureSpec.<RagQaInput, RagQaOutput>of(
      "RagQa",
      "Answer with a short factoid.",
      new FieldSpec[] {
          new FieldSpec("question", "", FieldType.STRING),
          new FieldSpec("context", "", FieldType.list(FieldType.STRING))},
      new FieldSpec[] {
          new FieldSpec("answer", "", FieldType.STRING),
          new FieldSpec("confidence", "", FieldType.DOUBLE)},
      RagQaPredict::convert);

  /**
   * Creates a predictor.
   */
  public RagQaPredict() {
    super(SPEC);
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

  @SuppressWarnings("unchecked")
  private static Object convert(int conversion, Object value) {
    switch (conversion) {
      case SignatureSpec.Conversions.INPUT_VALUES: {
        RagQaInput in = (RagQaInput) value;
        return new Object[] {in.question(), in.context()};
      }
      case SignatureSpec.Conversions.NEW_INPUT: {
        Object[] v = (Object[]) value;
        return new RagQaInput((String) v[0], (List<String>) v[1]);
      }
      case SignatureSpec.Conversions.NEW_OUTPUT: {
        Object[] v = (Object[]) value;
        return new RagQaOutput((String) v[0], (double) v[1]);
      }
      case SignatureSpec.Conversions.OUTPUT_VALUES: {
        RagQaOutput out = (RagQaOutput) value;
        return new Object[] {out.answer(), out.confidence()};
      }
      default:
        throw new IllegalArgumentException("conversion " + conversion);
    }
  }
}
