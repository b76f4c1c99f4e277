package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes a parameter of a {@link Tool} method to the LM. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Arg {
  /**
   * @return what the argument means, shown to the LM as the {@code description} in its JSON schema
   */
  String desc() default "";

  /**
   * The argument's default, written as Java source would write the value: {@code "1"} for an {@code int}
   * or {@code long}, {@code "0.5"} for a {@code double}, {@code "true"}, the text itself for a
   * {@code String}, a constant's name (or its {@link EnumValue}) for an enum. The LM sees it as
   * {@code 'default': 1} in the tool's schema, as DSPy shows {@code days: int = 1}, and a call that leaves
   * the argument out gets it. Empty (the default) for a required argument; there is no way to give an
   * empty {@code String} as the default. A value that does not fit the parameter's type, or a default on a
   * type other than these, is a compile error.
   *
   * @return the default, or {@code ""} for none
   */
  String defaultValue() default "";
}
