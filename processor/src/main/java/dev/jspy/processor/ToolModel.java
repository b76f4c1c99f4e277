package dev.jspy.processor;

import java.util.List;

/**
 * One {@code @Tool} method, as the generator needs it.
 *
 * @param name the tool's name as the LM writes it: {@code @Tool(name)} or the method's name
 * @param description what the tool does: {@code @Tool(desc)} or the method's Javadoc, {@code ""} for none
 * @param methodName the Java method to call
 * @param isStatic whether the method is static (called on the class, not the target)
 * @param args the parameters, in order: name, {@code @Arg(desc)} or Javadoc {@code @param} text, type
 * @param result how the method returns its result
 * @param returns the type of the result (of the future's result, for an async tool) when it is one jspy can
 *     turn into JSON; {@code null} for {@code void} and for other types, which the LM sees as they print
 * @param overloaded whether the class has other methods of this name, so the call needs explicit argument
 *     types to pick this one
 */
record ToolModel(
    String name,
    String description,
    String methodName,
    boolean isStatic,
    List<FieldModel> args,
    Result result,
    TypeModel returns,
    boolean overloaded) {

  /** How a tool method hands back its result. */
  enum Result {
    /** {@code void}: the tool's result is {@code null}. */
    VOID,
    /** A value, returned as it is. */
    VALUE,
    /** A {@code CompletableFuture} (or subclass): an async tool. */
    FUTURE,
    /** Another {@code CompletionStage}: an async tool, converted with {@code toCompletableFuture()}. */
    STAGE;

    boolean async() {
      return this == FUTURE || this == STAGE;
    }
  }

  ToolModel {
    args = List.copyOf(args);
  }
}
