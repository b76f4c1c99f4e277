package dev.jspy.micrometer;

import dev.jspy.annotations.Signature;

/** The signatures the tests run: the processor generates QaPredict, QaReAct, … from them. */
final class Signatures {
  private Signatures() {}

  @Signature(value = "question -> answer", react = true)
  interface Qa {}
}
