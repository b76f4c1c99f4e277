package dev.jspy.sample;

import dev.jspy.annotations.Input;
import dev.jspy.annotations.Output;
import dev.jspy.annotations.Signature;

/** Classify the sentiment of a product review. */
@Signature
interface Sentiment {
  @Input(desc = "a product review")
  String review();

  @Output
  Label label();

  /** How sure the model is, between 0 and 1. */
  @Output
  double confidence();

  /** The sentiments a review can have. */
  enum Label {
    POSITIVE,
    NEGATIVE,
    NEUTRAL
  }
}
