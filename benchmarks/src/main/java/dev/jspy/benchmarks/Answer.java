package dev.jspy.benchmarks;

import java.util.List;

/**
 * The typed result the peers and the floor parse into; the same fields as {@code BenchRagOutput}.
 *
 * @param answer the answer text
 * @param confidence between 0 and 1
 * @param sources ids of the sources used
 */
public record Answer(String answer, double confidence, List<String> sources) {}
