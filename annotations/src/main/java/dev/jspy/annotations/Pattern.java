package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pydantic's {@code pattern} constraint: the text must contain a match of the regular expression (pydantic searches, it does not match the whole text). One annotation per rule, so each bound is a typed value with no
 * "unset" sentinel and the rules keep the order they are written in, which is the order DSPy lists them.
 *
 * <pre>{@code
 * record Sku(@Pattern("^SKU-[0-9]+\$") String code) {}
 * }</pre>
 *
 * <p>DSPy writes no text for it in the field list; the JSON schema keyword is {@code pattern}. Goes on {@code String} fields (or an {@code Optional} of one); an expression that does not compile is a compile error. See {@link Ge} for where constraints go and what they do.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Pattern {
  /**
   * @return the regular expression
   */
  String value();
}
