/**
 * jspy's annotation processor: turns each {@code @Signature} interface into {@code <Name>Input},
 * {@code <Name>Output} and {@code <Name>Predict} (with the constant {@code SPEC}), plus, when it opts in,
 * {@code <Name>ChainOfThought} (with {@code <Name>ChainOfThoughtOutput}) and {@code <Name>ReAct} (with
 * {@code <Name>ReActOutput}), in the interface's package; and each class with {@code @Tool} methods into
 * {@code <Class>Tools}.
 *
 * <p>The pipeline, one file per step: {@link dev.jspy.processor.SignatureProcessor} (rounds, deferral, the
 * per-type error boundary) → {@code ElementReader} (the interface form, and the string form through
 * {@code SignatureParser}, which is where {@code "a: List<String>"} is parsed) with {@code TypeResolver}
 * (which Java types are supported) → {@code SignatureValidator} (rules about the whole signature) →
 * {@code SignatureModel}/{@code FieldModel}/{@code TypeModel} (plain values) → {@code SignatureGenerator}
 * (JavaPoet, from the model alone, with {@code FieldTypeCode} for types). Tools take the same path:
 * {@code ToolReader} → {@code ToolsValidator} → {@code ToolsModel}/{@code ToolModel} → {@code ToolsGenerator}.
 * Errors are collected by {@code ErrorReporter}.
 */
package dev.jspy.processor;
