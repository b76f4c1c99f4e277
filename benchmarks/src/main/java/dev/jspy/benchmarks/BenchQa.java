package dev.jspy.benchmarks;

import dev.jspy.annotations.Signature;

/** The benchmarked signature. */
@Signature("question -> answer")
interface BenchQa {}
