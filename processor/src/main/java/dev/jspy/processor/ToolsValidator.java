package dev.jspy.processor;

import dev.jspy.processor.ErrorReporter.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The rules about a class's tools together: unique names, none named {@code finish} (ReAct's own), and a
 * free name for {@code <Class>Tools}. Reports every broken rule, then hands over the {@link ToolsModel} if
 * there were none.
 */
final class ToolsValidator {
  /** The tool every ReAct agent adds to end its loop. */
  static final String FINISH = "finish";

  private final ErrorReporter errors;
  private final Function<String, String> existingType;

  /**
   * @param existingType given the qualified name of a type jspy would generate, says why that name is taken,
   *     or returns {@code null} if it is free
   */
  ToolsValidator(ErrorReporter errors, Function<String, String> existingType) {
    this.errors = errors;
    this.existingType = existingType;
  }

  Optional<ToolsModel> validate(ToolReader.Result read) {
    TypeElement type = read.type();
    Map<String, ToolModel> byName = new HashMap<>();
    for (ToolReader.Method m : read.tools()) {
      ToolModel tool = m.model();
      if (tool.name().equals(FINISH)) {
        errors.reportError(
            m.nameLocation(),
            "@Tool method " + tool.methodName() + "() is named 'finish', which ReAct adds itself to end the"
                + " agent's loop; rename it or give it another name with @Tool(name = \"...\")");
        continue;
      }
      ToolModel earlier = byName.putIfAbsent(tool.name(), tool);
      if (earlier != null) {
        errors.reportError(
            m.nameLocation(),
            "two @Tool methods of " + type.getSimpleName() + " are named '" + tool.name() + "' ("
                + earlier.methodName() + "() and this " + tool.methodName() + "()); the LM picks tools by name,"
                + " so give one another with @Tool(name = \"...\")");
      }
    }
    String pkg = packageName(type);
    String generated = ToolsModel.generatedName(type.getSimpleName().toString());
    String taken = existingType.apply(pkg.isEmpty() ? generated : pkg + "." + generated);
    if (taken != null) {
      ToolReader.Method first = read.tools().isEmpty() ? null : read.tools().get(0);
      errors.reportError(
          first == null ? Location.of(type) : first.location(),
          "jspy generates " + generated + " for the @Tool methods of " + type.getSimpleName() + ", but " + taken
              + "; rename that type or " + type.getSimpleName());
    }
    if (errors.hasErrors() || read.tools().isEmpty()) {
      return Optional.empty();
    }
    List<ToolModel> tools = new ArrayList<>();
    for (ToolReader.Method m : read.tools()) {
      tools.add(m.model());
    }
    return Optional.of(
        new ToolsModel(pkg, TypeResolver.simpleNames(type), type.getTypeParameters().size(), tools, read.shadowed()));
  }

  private static String packageName(Element type) {
    Element e = type;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    PackageElement pkg = (PackageElement) e;
    return pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
  }
}
