package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an LM task: what it takes and what it gives, as in DSPy's {@code dspy.Signature}.
 *
 * <p>Put it on an interface. jspy's annotation processor then generates, in the same package, a typed
 * predictor {@code <Name>Predict} with {@code forward(...)} and {@code aforward(...)}, an input record
 * {@code <Name>Input} and an output record {@code <Name>Output}.
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
}
