package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an LM task: what it takes and what it gives, as in DSPy's {@code dspy.Signature}.
 *
 * <p>Put it on an interface. jspy's annotation processor then generates, in the same package:
 * <ul>
 *   <li>{@code <Name>Input} and {@code <Name>Output}: records with one component per input or output
 *       field, in order;
 *   <li>{@code <Name>Predict}: a {@code dev.jspy.Predict}, as DSPy's {@code dspy.Predict}, with typed
 *       {@code forward(...)} and {@code aforward(...)} taking the input fields as parameters, and the
 *       constant {@code <Name>Predict.SPEC}, the signature as the runtime reads it (fields, types,
 *       descriptions, instructions), with no reflection at run time;
 *   <li>with {@link #chainOfThought() chainOfThought = true}: {@code <Name>ChainOfThought}, as DSPy's
 *       {@code dspy.ChainOfThought}, returning {@code <Name>ChainOfThoughtOutput}: the LM's
 *       {@code reasoning} first, then the outputs;
 *   <li>with {@link #react() react = true}: {@code <Name>ReAct}, a tool-using agent as DSPy's
 *       {@code dspy.ReAct}, returning {@code <Name>ReActOutput}: the agent's {@code trajectory}, its
 *       {@code reasoning}, then the outputs.
 * </ul>
 * The setters {@code lm(...)} (on every module), {@code config(...)} and {@code addDemo(...)} (on
 * {@code <Name>Predict}) return the generated class, so a chain such as
 * {@code new QaPredict().lm(lm).forward(question)} keeps the typed overloads. The ChainOfThought and ReAct
 * classes are opt-in because every generated class costs compile time, and most signatures are only ever
 * predicted.
 *
 * <p>Two forms, never both on one interface:
 * <ul>
 *   <li>the string form, as in DSPy: {@code @Signature("question, context -> answer")}, where an untyped
 *       field is a {@code String}, or typed: {@code "question: String, context: List<String> -> answer:
 *       String, confidence: double"};
 *   <li>the interface form: {@code @Signature} with no value on an interface whose abstract methods carry
 *       {@link Input} or {@link Output}; a method's return type is the field's type and its name is the
 *       field's name.
 * </ul>
 *
 * <p>Supported field types: {@code String}, {@code int}, {@code long}, {@code double}, {@code float},
 * {@code boolean} and their boxes, enums, {@code List<T>}, {@code Map<String, T>}, {@code Optional<T>}
 * and records (nested too) built from these.
 *
 * <p>The string form also reads DSPy's Python spellings: {@code str} is {@code String}, {@code bool} is
 * {@code boolean}, {@code list[T]} is {@code List<T>}, {@code dict[str, T]} is {@code Map<String, T>},
 * {@code Optional[T]} is {@code Optional<T>}. As {@code float} is spelled the same in both languages, the
 * string form takes it as Python's: a 64-bit {@code double}, as DSPy means it (write {@code Float} for a
 * 32-bit one). {@code int} stays a Java {@code int} (write {@code long} for larger numbers; Python's int
 * is unbounded). In the interface form, the Java types are as declared.
 *
 * <p>Field names are unique across inputs and outputs and become Java parameter and record component
 * names; they hold only letters, digits and {@code _} (DSPy reads them back as {@code \w+} headers, so
 * {@code $} and invisible characters are refused). {@code reasoning} and {@code trajectory} are reserved:
 * the generated ChainOfThought and ReAct add fields of those names themselves, so a signature that
 * declares either is a compile error; so is an input named {@code next_thought}, {@code next_tool_name} or
 * {@code next_tool_args}, which ReAct's step outputs. A signature has at most 254 input parameter slots and
 * 252 output slots ({@code long} and {@code double} take two), the most a JVM method takes.
 *
 * <p>Instructions: {@link #instructions()} if set, else the interface's Javadoc, else DSPy's default
 * ({@code Given the fields `question`, produce the fields `answer`.}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Signature {
  /**
   * The DSPy string form, {@code "inputs -> outputs"}; empty for the interface form.
   *
   * @return the signature string, or {@code ""}
   */
  String value() default "";

  /**
   * The task's instructions as the LM reads them; empty to use the interface's Javadoc or DSPy's default.
   *
   * @return the instructions, or {@code ""}
   */
  String instructions() default "";

  /**
   * Whether to generate {@code <Name>ChainOfThought} and its result {@code <Name>ChainOfThoughtOutput}
   * ({@code reasoning()} first, then the outputs).
   *
   * @return {@code true} to generate the ChainOfThought module
   */
  boolean chainOfThought() default false;

  /**
   * Whether to generate the agent {@code <Name>ReAct} ({@code new <Name>ReAct(tools)},
   * {@code new <Name>ReAct(tools, maxIters)}) and its result {@code <Name>ReActOutput}
   * ({@code trajectory()}, {@code reasoning()}, then the outputs).
   *
   * @return {@code true} to generate the ReAct module
   */
  boolean react() default false;
}
