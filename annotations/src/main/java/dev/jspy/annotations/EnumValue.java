package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value the LM sees for an enum constant, where it differs from the constant's name: the Java
 * spelling of a Python {@code Enum} member whose value is not its name.
 *
 * <pre>{@code
 * enum Color {
 *   @EnumValue("red") RED,
 *   @EnumValue("green") GREEN,
 *   @EnumValue("blue") BLUE
 * }
 * }</pre>
 *
 * <p>is DSPy's {@code class Color(Enum): RED = "red"; GREEN = "green"; BLUE = "blue"}. The prompt says
 * {@code must be one of: red; green; blue}, the JSON schema lists {@code ["red", "green", "blue"]}, a value
 * is written as {@code red}, and a reply is read as DSPy reads it: by value first, then by constant name,
 * both case-sensitive. A constant without the annotation keeps its name as its value, so an enum needs it
 * only on the constants that differ. Like Jackson's {@code @JsonProperty} on enum constants, it names the
 * wire form next to the constant it belongs to.
 *
 * <p>Read by the annotation processor, which writes the values into the generated signature; it works for
 * enums used as fields in both signature forms, inside records and as tool arguments. Two constants of
 * one enum with the same value are a compile error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface EnumValue {
  /**
   * The value, exactly as the LM sees and writes it.
   *
   * @return the value
   */
  String value();
}
