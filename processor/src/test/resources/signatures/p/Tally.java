package p;

import dev.jspy.annotations.Signature;

@Signature(value = "items: List<String> -> count: int", chainOfThought = true, react = true)
interface Tally {}
