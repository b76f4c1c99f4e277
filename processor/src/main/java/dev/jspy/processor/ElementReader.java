package dev.jspy.processor;

import dev.jspy.processor.ErrorReporter.Location;
import dev.jspy.processor.SignatureParser.ParsedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * Reads an {@code @Signature} interface, in either form, into fields with their types resolved. Problems go
 * to the {@link ErrorReporter}; rules that concern the signature as a whole are {@link SignatureValidator}'s.
 */
final class ElementReader {
  static final String SIGNATURE = "dev.jspy.annotations.Signature";
  static final String INPUT = "dev.jspy.annotations.Input";
  static final String OUTPUT = "dev.jspy.annotations.Output";

  /**
   * A field and where to point errors about it.
   *
   * @param model the field
   * @param location the method (interface form) or the annotation's string (string form)
   */
  record Field(FieldModel model, Location location) {}

  /**
   * What the interface declares.
   *
   * @param type the interface
   * @param location the {@code @Signature} annotation
   * @param signature the string form as written, or {@code null} for the interface form
   * @param instructions explicit or Javadoc instructions, or {@code ""} for DSPy's default
   * @param inputs the input fields that could be read, in declaration order
   * @param outputs the output fields that could be read, in declaration order
   * @param shadowed the {@code java.lang} simple names that types of the interface's package shadow
   * @param modules the opt-in modules the annotation asks for
   */
  record Result(
      TypeElement type,
      Location location,
      String signature,
      String instructions,
      List<Field> inputs,
      List<Field> outputs,
      List<String> shadowed,
      SignatureModel.Modules modules) {}

  private final Elements elements;
  private final TypeResolver resolver;
  private final ErrorReporter errors;

  ElementReader(Elements elements, TypeResolver resolver, ErrorReporter errors) {
    this.elements = elements;
    this.resolver = resolver;
    this.errors = errors;
  }

  /** Reads {@code type}, or aborts if it is not something a signature can be read from at all. */
  Result read(TypeElement type) {
    AnnotationMirror annotation = annotation(type, SIGNATURE);
    Location here = new Location(type, annotation, null);
    checkShape(type, here);

    AnnotationValue stringValue = explicitValue(annotation, "value");
    AnnotationValue instructionsValue = explicitValue(annotation, "instructions");
    String signature = string(stringValue);
    String instructions = string(instructionsValue);
    if (instructions.isBlank()) {
      instructions = DocComments.clean(elements.getDocComment(type));
    }
    SignatureModel.Modules modules =
        new SignatureModel.Modules(flag(annotation, "chainOfThought"), flag(annotation, "react"));

    List<ExecutableElement> annotated = new ArrayList<>();
    for (ExecutableElement m : SourceOrder.methods(type)) {
      if (annotation(m, INPUT) != null || annotation(m, OUTPUT) != null) {
        annotated.add(m);
      }
    }
    List<Field> inputs = new ArrayList<>();
    List<Field> outputs = new ArrayList<>();
    if (!signature.isBlank()) {
      Location at = new Location(type, annotation, stringValue);
      if (!annotated.isEmpty()) {
        throw errors.abortWithError(
            at,
            "@Signature on "
                + type.getSimpleName()
                + " has both a signature string and @Input/@Output methods; use one form: remove the string, or"
                + " remove the annotated methods");
      }
      readString(type, signature, at, inputs, outputs);
      return new Result(type, here, signature, instructions, inputs, outputs, resolver.shadowedJavaLangNames(type), modules);
    }
    if (annotated.isEmpty()) {
      throw errors.abortWithError(
          here,
          type.getSimpleName()
              + " declares no fields: write the string form, @Signature(\"question -> answer\"), or give it"
              + " abstract methods annotated with @Input and @Output");
    }
    for (ExecutableElement m : annotated) {
      readMethod(type, m, inputs, outputs);
    }
    return new Result(type, here, null, instructions, inputs, outputs, resolver.shadowedJavaLangNames(type), modules);
  }

  private void checkShape(TypeElement type, Location here) {
    if (type.getKind() != ElementKind.INTERFACE) {
      throw errors.abortWithError(
          here,
          "@Signature goes on an interface, but "
              + type.getSimpleName()
              + " is "
              + describe(type.getKind())
              + "; declare it as 'interface "
              + type.getSimpleName()
              + " {}'");
    }
    if (!type.getTypeParameters().isEmpty()) {
      throw errors.abortWithError(
          here,
          "@Signature interface "
              + type.getSimpleName()
              + " cannot have type parameters: its generated records need concrete field types; remove them");
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        throw errors.abortWithError(
            here,
            "@Signature interface "
                + type.getSimpleName()
                + " must not be private: the generated code next to it refers to it; make "
                + e.getSimpleName()
                + " package-private or public");
      }
    }
  }

  private static String describe(ElementKind kind) {
    switch (kind) {
      case CLASS:
        return "a class";
      case ENUM:
        return "an enum";
      case RECORD:
        return "a record";
      case ANNOTATION_TYPE:
        return "an annotation type";
      default:
        return "a " + kind.toString().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private void readString(
      TypeElement type, String signature, Location at, List<Field> inputs, List<Field> outputs) {
    SignatureParser.Result parsed = SignatureParser.parse(signature);
    for (String error : parsed.errors()) {
      errors.reportError(at, error);
    }
    resolveAll(type, signature, at, parsed.inputs(), inputs);
    resolveAll(type, signature, at, parsed.outputs(), outputs);
  }

  private void resolveAll(
      TypeElement type, String signature, Location at, List<ParsedField> parsed, List<Field> into) {
    for (ParsedField p : parsed) {
      try {
        TypeModel t = p.type() == null ? TypeModel.STRING : resolver.fromExpr(p.type(), type);
        into.add(new Field(new FieldModel(p.name(), "", t), at));
      } catch (TypeResolver.TypeProblem problem) {
        errors.reportError(at, problem.messageFor("for field '" + p.name() + "' in \"" + signature + "\""));
      }
    }
  }

  private void readMethod(TypeElement type, ExecutableElement m, List<Field> inputs, List<Field> outputs) {
    AnnotationMirror input = annotation(m, INPUT);
    AnnotationMirror output = annotation(m, OUTPUT);
    String name = m.getSimpleName().toString();
    if (input != null && output != null) {
      errors.reportError(
          new Location(m, output, null),
          "method " + name + "() has both @Input and @Output; a field is one or the other, remove one");
      return;
    }
    AnnotationMirror mirror = input != null ? input : output;
    String which = input != null ? "@Input" : "@Output";
    Location at = new Location(m, mirror, null);
    boolean ok = true;
    if (!m.getParameters().isEmpty()) {
      errors.reportError(
          at, which + " method " + name + "() must take no parameters: its name and return type declare the field; remove them");
      ok = false;
    }
    if (m.getReturnType().getKind() == TypeKind.VOID) {
      errors.reportError(
          at, which + " method " + name + "() returns void; its return type is the field's type, e.g. 'String " + name + "()'");
      ok = false;
    }
    if (!m.getModifiers().contains(Modifier.ABSTRACT)) {
      errors.reportError(
          at, which + " method " + name + "() must be abstract (no body, not static or default): it only declares a field");
      ok = false;
    }
    if (!m.getTypeParameters().isEmpty()) {
      errors.reportError(at, which + " method " + name + "() cannot have type parameters; give it a concrete return type");
      ok = false;
    }
    if (!ok) {
      return;
    }
    TypeModel t;
    List<ConstraintReader.Rule> constraints;
    try {
      t = TypeResolver.withOneOf(m, resolver.fromMirror(m.getReturnType(), type));
      constraints = ConstraintReader.read(m, t);
    } catch (TypeResolver.TypeProblem problem) {
      errors.reportError(at, problem.messageFor("for field '" + name + "' (method " + name + "() of " + type.getSimpleName() + ")"));
      return;
    }
    AnnotationValue descValue = explicitValue(mirror, "desc");
    String desc = string(descValue);
    if (desc.isBlank()) {
      desc = DocComments.clean(elements.getDocComment(m));
    }
    (input != null ? inputs : outputs).add(new Field(new FieldModel(name, desc, t, null, constraints), at));
  }

  /** A string annotation value, {@code ""} if absent or not a string (the compiler reports that itself). */
  static String string(AnnotationValue value) {
    return value != null && value.getValue() instanceof String ? (String) value.getValue() : "";
  }

  /** The annotation of the given type on {@code e}, or {@code null}. */
  static AnnotationMirror annotation(Element e, String annotationType) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      TypeElement t = (TypeElement) m.getAnnotationType().asElement();
      if (t.getQualifiedName().contentEquals(annotationType)) {
        return m;
      }
    }
    return null;
  }

  /** A boolean attribute of the annotation, {@code false} unless written as {@code true}. */
  private static boolean flag(AnnotationMirror annotation, String name) {
    AnnotationValue v = explicitValue(annotation, name);
    return v != null && Boolean.TRUE.equals(v.getValue());
  }

  /** A value written in the annotation (not a default), so errors can point at it; else {@code null}. */
  static AnnotationValue explicitValue(AnnotationMirror annotation, String name) {
    if (annotation == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        annotation.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
