package dev.jspy.sample;

import dev.jspy.annotations.Signature;

// The second step of DSPy's two-step example. chainOfThought = true generates SimplifyChainOfThought, whose
// output has reasoning() and simplified_answer(), named exactly as the field is written.
@Signature(value = "answer -> simplified_answer", chainOfThought = true)
interface Simplify {}
