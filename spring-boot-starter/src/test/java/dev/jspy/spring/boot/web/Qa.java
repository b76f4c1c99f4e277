package dev.jspy.spring.boot.web;

import dev.jspy.annotations.Signature;

/** Generates QaPredict, QaInput, QaOutput: the predictor the test application injects. */
@Signature("question -> answer")
interface Qa {}
