package dev.jspy.streaming;

/**
 * One item of a program's output stream, as DSPy's {@code streamify} yields them: a piece of an output
 * field ({@link FieldChunk}), a progress note ({@link StatusMessage}) or, last, the program's result
 * ({@link Final}).
 */
public sealed interface StreamEvent permits FieldChunk, StatusMessage, Final {}
