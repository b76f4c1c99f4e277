package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Signature} interface as an output field, like DSPy's {@code OutputField}.
 * The method takes no parameters; its name is the field's name and its return type the field's type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Output {
  /**
   * What the field means, shown to the LM; empty to use the method's Javadoc.
   *
   * @return the description, or {@code ""}
   */
  String desc() default "";
}
