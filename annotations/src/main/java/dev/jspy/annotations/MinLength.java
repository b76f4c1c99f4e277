package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pydantic's {@code min_length} constraint: a text must have at least this many characters, a list this many items, a map this many entries. One annotation per rule, so each bound is a typed value with no
 * "unset" sentinel and the rules keep the order they are written in, which is the order DSPy lists them.
 *
 * <pre>{@code
 * record Team(@MinLength(1) List<String> members) {}
 * }</pre>
 *
 * <p>DSPy shows it as {@code minimum length: 1}; the JSON schema keyword is {@code minLength}, {@code minItems} or {@code minProperties}. Goes on {@code String}, {@code List} and {@code Map} fields (or an {@code Optional} of one); the bound must not be negative. See {@link Ge} for where constraints go and what they do.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface MinLength {
  /**
   * @return the least length
   */
  int value();
}
