package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pydantic's {@code gt} constraint: the value must be greater than the bound. One annotation per rule, so each bound is a typed value with no
 * "unset" sentinel and the rules keep the order they are written in, which is the order DSPy lists them.
 *
 * <pre>{@code
 * @Output @Gt(0) double price();
 * }</pre>
 *
 * <p>DSPy shows it as {@code greater than: 0.0}; the JSON schema keyword is {@code exclusiveMinimum}. See {@link Ge} for where constraints go and what they do.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Gt {
  /**
   * @return the exclusive lower bound
   */
  double value();
}
