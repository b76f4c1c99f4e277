package p;

import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import javax.annotation.processing.Generated;

/**
 * The {@link RagQa} signature as the runtime reads it, written at compile time: nothing is parsed or
 * reflected at run time.
 *
 * @see RagQa
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public final class RagQaSignature {
  /**
   * The signature {@code question: String, context: List<String> -> answer: String, confidence: double}.
   *
   * <p>Instructions: Answer with a short factoid.
   */
  public static final SignatureSpec<RagQaInput, RagQaOutput> SPEC = SignatureSpec.<RagQaInput, RagQaOutput>builder("RagQa")
      .instructions("Answer with a short factoid.")
      .input("question", "", FieldType.STRING)
      .input("context", "", FieldType.list(FieldType.STRING))
      .output("answer", "", FieldType.STRING)
      .output("confidence", "", FieldType.DOUBLE)
      .inputValues(in -> new Object[] {in.question(), in.context()})
      .inputs(v -> new RagQaInput(v.get(0), v.get(1)))
      .outputs(v -> new RagQaOutput(v.get(0), v.get(1)))
      .outputValues(out -> new Object[] {out.answer(), out.confidence()})
      .build();

  private RagQaSignature() {
  }
}
