package dev.jspy.opentelemetry;

import dev.jspy.annotations.Signature;

/** The tests' signatures; the processor generates their predictors, as in a user's project. */
final class Signatures {
  private Signatures() {}

  @Signature("question -> answer")
  interface Qa {}

  @Signature("answer -> simplified_answer")
  interface Simplify {}
}
