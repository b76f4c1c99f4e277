package dev.jspy.opentelemetry;

import dev.jspy.annotations.Signature;

/** The tests' signatures; the processor generates their predictors, as in a user's project. */
final class Signatures {
  private Signatures() {}

  @Signature(value = "question -> answer", chainOfThought = true, react = true)
  interface Qa {}

  @Signature(value = "answer -> simplified_answer", chainOfThought = true)
  interface Simplify {}
}
