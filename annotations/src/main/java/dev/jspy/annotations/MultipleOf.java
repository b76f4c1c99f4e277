package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pydantic's {@code multiple_of} constraint: the value must be a whole multiple of the number. One annotation per rule, so each bound is a typed value with no
 * "unset" sentinel and the rules keep the order they are written in, which is the order DSPy lists them.
 *
 * <pre>{@code
 * @Output @MultipleOf(5) int minutes();
 * }</pre>
 *
 * <p>DSPy shows it as {@code a multiple of the given number: 5}; the JSON schema keyword is {@code multipleOf}. The number must be greater than zero. See {@link Ge} for where constraints go and what they do.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface MultipleOf {
  /**
   * @return the number the value must be a multiple of
   */
  double value();
}
