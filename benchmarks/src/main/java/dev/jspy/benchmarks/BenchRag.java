package dev.jspy.benchmarks;

import dev.jspy.annotations.Signature;

/**
 * The benchmarked signature, 3 typed inputs and 3 typed outputs; every contender asks for the same.
 * The processor generates {@code BenchRagPredict}, {@code BenchRagInput} and {@code BenchRagOutput}.
 */
@Signature(
    value = "question: String, context: String, language: String -> answer: String, confidence: double, "
        + "sources: List<String>",
    instructions = "Answer the question from the context, in the given language. Cite the ids of the sources used.")
interface BenchRag {}
