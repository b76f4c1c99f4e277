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
}
