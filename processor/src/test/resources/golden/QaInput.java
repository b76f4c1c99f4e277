package p;

import javax.annotation.processing.Generated;

/**
 * The inputs of the {@link Qa} signature, one component per input field, in order.
 *
 * @param question the {@code question} field (LM type {@code str})
 * @see Qa
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public record QaInput(String question) {
}
