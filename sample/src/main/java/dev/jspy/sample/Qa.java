package dev.jspy.sample;

import dev.jspy.annotations.Signature;

/** DSPy's string form: untyped fields are strings. Generates {@code QaPredict}. */
@Signature("question -> answer")
interface Qa {}
