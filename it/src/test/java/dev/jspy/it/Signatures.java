package dev.jspy.it;

import dev.jspy.annotations.Signature;

/** Signatures for the integration tests: DSPy's two-step example from its async guide. */
final class Signatures {
  private Signatures() {}

  @Signature("question -> answer")
  interface Qa {}

  @Signature("answer -> simplified_answer")
  interface Simplify {}
}
