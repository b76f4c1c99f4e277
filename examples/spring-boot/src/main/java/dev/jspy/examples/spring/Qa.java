package dev.jspy.examples.spring;

import dev.jspy.annotations.Signature;

/**
 * Answer the question in one or two sentences.
 *
 * <p>(This Javadoc is the LM's instructions, as a docstring is in DSPy. The processor generates QaPredict,
 * QaInput and QaOutput.)
 */
@Signature("question -> answer")
interface Qa {}
