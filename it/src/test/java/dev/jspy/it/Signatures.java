package dev.jspy.it;

import dev.jspy.annotations.Signature;

/** Signatures for the integration tests: DSPy's two-step example from its async guide. */
final class Signatures {
  private Signatures() {}

  @Signature(value = "question -> answer", chainOfThought = true, react = true)
  interface Qa {}

  @Signature(value = "answer -> simplified_answer", chainOfThought = true)
  interface Simplify {}
}
