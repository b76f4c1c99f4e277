package p;

import javax.annotation.processing.Generated;

/**
 * The inputs of the {@link Sentiment} signature, one component per input field, in order.
 *
 * @param review a product review (LM type {@code str})
 * @see Sentiment
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public record SentimentInput(String review) {
}
