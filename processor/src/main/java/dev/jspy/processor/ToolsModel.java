package dev.jspy.processor;

import java.util.List;

/**
 * A checked class with {@code @Tool} methods: everything {@link ToolsGenerator} needs to write its
 * {@code <Class>Tools}, and nothing from the compiler's model.
 *
 * @param packageName the package of the class, where {@code <Class>Tools} goes
 * @param classNames the simple names of the class, outermost first
 * @param typeParameters how many type parameters the class has (the target is then {@code C<?>})
 * @param tools the tools, in declaration order
 * @param shadowed {@code java.lang} simple names that the package's own types shadow, which the generated
 *     code writes qualified
 */
record ToolsModel(
    String packageName, List<String> classNames, int typeParameters, List<ToolModel> tools, List<String> shadowed) {

  ToolsModel {
    shadowed = List.copyOf(shadowed);
    classNames = List.copyOf(classNames);
    tools = List.copyOf(tools);
  }

  /** The simple name of the generated class: {@code WeatherTools} for {@code Weather} (or {@code Outer.Weather}). */
  String generatedName() {
    return generatedName(classNames.get(classNames.size() - 1));
  }

  static String generatedName(String className) {
    return className + "Tools";
  }

  /**
   * Whether {@code of} takes the target: yes if any tool is an instance method. A class of static tools only
   * gets {@code of()}, since a utility class may have no instance to pass.
   */
  boolean needsTarget() {
    for (ToolModel t : tools) {
      if (!t.isStatic()) {
        return true;
      }
    }
    return false;
  }
}
