package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits a {@code String} field to fixed values: the interface form's spelling of DSPy's
 * {@code Literal['supported', 'refuted', 'not enough info']}. The string form writes the same type as
 * {@code "claim -> verdict: Literal['supported', 'refuted', 'not enough info']"}.
 *
 * <pre>{@code
 * @Output @OneOf({"supported", "refuted", "not enough info"}) String verdict();
 * record Finding(@OneOf({"low", "high"}) String level, String note) {}
 * }</pre>
 *
 * <p>The LM sees the field's type as {@code Literal['supported', 'refuted', 'not enough info']} (quoted as
 * DSPy quotes: {@code "it's"} in double quotes), its note says {@code must exactly match (no extra
 * characters) one of: supported; refuted; not enough info}, and the JSON schema lists the values under
 * {@code enum}. A reply is read as DSPy reads a literal (exactly, else without a {@code Literal[...]}
 * wrapper or quotes); any other reply is a parse error naming the field and the allowed values. Values
 * may hold any characters, spaces and quotes included.
 *
 * <p>Goes on an {@code @Input} or {@code @Output} method returning {@code String}, or on a {@code String}
 * record component. Elsewhere, with no values, or with a value twice, it is a compile error. Use an enum
 * (with {@link EnumValue} where needed) when the Java code should get a typed constant instead.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface OneOf {
  /**
   * The allowed values, in the order the LM sees them.
   *
   * @return the values
   */
  String[] value();
}
