package dev.jspy.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Collects the errors for one annotated type, each tied to the element (and, where it helps, the annotation
 * and its value) so the IDE underlines the right spot.
 *
 * <p>Errors are held back until {@link #flushTo} because a type whose referenced types are not generated
 * yet is retried in a later round, and must not report errors that a later round would not have.
 * {@link #reportError} records and keeps going, so one compile shows every problem; {@link #abortWithError}
 * records and abandons this type only.
 */
final class ErrorReporter {

  /**
   * Where an error points.
   *
   * @param element the element
   * @param annotation the annotation on it, or {@code null}
   * @param value a value of that annotation, or {@code null}
   */
  record Location(Element element, AnnotationMirror annotation, AnnotationValue value) {
    static Location of(Element element) {
      return new Location(element, null, null);
    }
  }

  /** Thrown by {@link #abortWithError}: stop working on this type, its errors are recorded. */
  static final class AbortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AbortException() {
      super(null, null, false, false);
    }
  }

  private record Report(Location location, String message) {}

  private final List<Report> reports = new ArrayList<>();

  /** Records an error and keeps going. */
  void reportError(Location location, String message) {
    reports.add(new Report(location, message));
  }

  /** Records an error and abandons the type. */
  AbortException abortWithError(Location location, String message) {
    reportError(location, message);
    throw new AbortException();
  }

  boolean hasErrors() {
    return !reports.isEmpty();
  }

  /** Hands every recorded error to the compiler. */
  void flushTo(Messager messager) {
    for (Report r : reports) {
      Location l = r.location();
      if (l.value() != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, r.message(), l.element(), l.annotation(), l.value());
      } else if (l.annotation() != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, r.message(), l.element(), l.annotation());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, r.message(), l.element());
      }
    }
    reports.clear();
  }
}
