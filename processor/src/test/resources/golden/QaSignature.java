package p;

import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import javax.annotation.processing.Generated;

/**
 * The {@link Qa} signature as the runtime reads it, written at compile time: nothing is parsed or
 * reflected at run time.
 *
 * @see Qa
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public final class QaSignature {
  /**
   * The signature {@code question: String -> answer: String}.
   *
   * <p>Instructions: Given the fields `question`, produce the fields `answer`.
   */
  public static final SignatureSpec<QaInput, QaOutput> SPEC = SignatureSpec.<QaInput, QaOutput>builder("Qa")
      .instructions("Given the fields `question`, produce the fields `answer`.")
      .input("question", "", FieldType.STRING)
      .output("answer", "", FieldType.STRING)
      .inputValues(in -> new Object[] {in.question()})
      .inputs(v -> new QaInput(v.get(0)))
      .outputs(v -> new QaOutput(v.get(0)))
      .outputValues(out -> new Object[] {out.answer()})
      .build();

  private QaSignature() {
  }
}
