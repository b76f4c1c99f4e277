package dev.jspy.sample;

import dev.jspy.annotations.Signature;

// DSPy's string form: untyped fields are strings. Generates QaPredict (with the constant QaPredict.SPEC),
// QaInput, QaOutput, and, as asked, QaChainOfThought (used by TwoStep).
// (A Javadoc comment here would become the LM's instructions, as a docstring does in DSPy.)
@Signature(value = "question -> answer", chainOfThought = true)
interface Qa {}
