package p;

import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The inputs of the {@link RagQa} signature, one component per input field, in order.
 *
 * @param question the {@code question} field (LM type {@code str})
 * @param context the {@code context} field (LM type {@code list[str]})
 * @see RagQa
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public record RagQaInput(String question, List<String> context) {
}
