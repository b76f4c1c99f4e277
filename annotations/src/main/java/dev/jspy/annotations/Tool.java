package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method the LM may call as a tool, as a function given to DSPy's {@code dspy.Tool}. The
 * processor generates {@code <Class>Tools.of(target)} returning one {@code dev.jspy.Tool} per annotated
 * method of the class: its name (the method's, unless {@link #name()} is set), its description (the
 * method's Javadoc, unless {@link #desc()} is set), the JSON schema of its parameters and a
 * reflection-free invoker. A method returning {@code CompletableFuture<T>} is an async tool.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Tool {
  /**
   * @return the tool's name as the LM writes it; empty for the method's name
   */
  String name() default "";

  /**
   * @return what the tool does, shown to the LM; empty for the method's Javadoc
   */
  String desc() default "";
}
