package dev.jspy.sample;

import dev.jspy.annotations.Signature;

// The second step of DSPy's two-step example. Generates SimplifyChainOfThought, whose output has
// reasoning() and simplified_answer(), named exactly as the field is written.
@Signature("answer -> simplified_answer")
interface Simplify {}
