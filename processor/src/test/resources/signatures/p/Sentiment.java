package p;

import dev.jspy.annotations.Input;
import dev.jspy.annotations.Output;
import dev.jspy.annotations.Signature;
import java.util.Optional;

/**
 * Classify the sentiment of a product review.
 *
 * <p>Quote the words that decided it.
 *
 * @see Qa
 */
@Signature
public interface Sentiment {
  @Input(desc = "a product review")
  String review();

  /** The overall sentiment. */
  @Output
  Label label();

  @Output(desc = "between 0 and 1")
  double confidence();

  /**
   * The decisive words, if any.
   */
  @Output
  Optional<Evidence> evidence();

  /** What the LM may answer. */
  enum Label {
    POSITIVE,
    NEGATIVE,
    NEUTRAL
  }

  /**
   * A quote from the review.
   *
   * @param quote the words
   * @param offset where they start
   */
  record Evidence(String quote, int offset) {}
}
