package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method the LM may call as a tool, as a function given to DSPy's {@code dspy.Tool}. The
 * processor generates {@code <Class>Tools.of(target)} returning one {@code dev.jspy.Tool} per annotated
 * method of the class, in declaration order: its name (the method's, unless {@link #name()} is set), its
 * description (the method's Javadoc, unless {@link #desc()} is set), the JSON schema of its parameters and
 * a reflection-free invoker. When every {@code @Tool} method of the class is static, there is no target to
 * pass and the factory is {@code <Class>Tools.of()}.
 *
 * <p>Each parameter's description in the schema is its {@link Arg#desc()}, else the text of the method's
 * Javadoc {@code @param} tag for it, else none.
 *
 * <p>A method returning {@code CompletableFuture<T>} or {@code CompletionStage<T>} (or a subtype of either)
 * is an async tool, run with {@code Tool.acall}, e.g. by a ReAct agent's {@code aforward}; as in DSPy,
 * {@code Tool.call} (and so {@code forward}) refuses an async tool unless
 * {@code allowToolAsyncSyncConversion} is on in the settings. Any other return type, {@code void} included,
 * is a sync tool.
 *
 * <p>Tool names must be unique within a class, and {@code finish} is reserved: every ReAct agent adds a
 * tool of that name to end its loop, so a {@code @Tool} named {@code finish} is an error.
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
