package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pydantic's {@code le} constraint: the value must be less than or equal to the bound. One annotation per rule, so each bound is a typed value with no
 * "unset" sentinel and the rules keep the order they are written in, which is the order DSPy lists them.
 *
 * <pre>{@code
 * @Output @Ge(0) @Le(1) double score();
 * }</pre>
 *
 * <p>DSPy shows it as {@code less than or equal to: 1.0}; the JSON schema keyword is {@code maximum}. See {@link Ge} for where constraints go and what they do.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Le {
  /**
   * @return the inclusive upper bound
   */
  double value();
}
