package p;

import dev.jspy.annotations.Signature;

@Signature(
    value = "question: String, context: List<String> -> answer: String, confidence: double",
    instructions = "Answer with a short factoid.",
    chainOfThought = true)
interface RagQa {}
