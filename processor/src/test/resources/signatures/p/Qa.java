package p;

import dev.jspy.annotations.Signature;

@Signature(value = "question -> answer", chainOfThought = true, react = true)
interface Qa {}
