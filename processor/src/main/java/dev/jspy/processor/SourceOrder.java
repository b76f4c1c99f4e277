package dev.jspy.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The methods of a type in the order they are written, which is the order of the signature's fields.
 *
 * <p>{@code getEnclosedElements} does not promise source order. javac gives it; ECJ's bindings keep methods
 * sorted by name, but its {@code TypeElementImpl.getEnclosedElements} re-sorts them with a
 * {@code SourceLocationComparator} (checked for ECJ 3.44, and record components from class files keep
 * their order too). {@code EclipseCompilerTest} fails if that ever changes; this is the one place to
 * work around it.
 */
final class SourceOrder {
  private SourceOrder() {}

  static List<ExecutableElement> methods(TypeElement type) {
    return ElementFilter.methodsIn(type.getEnclosedElements());
  }
}
