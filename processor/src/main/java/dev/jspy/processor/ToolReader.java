package dev.jspy.processor;

import dev.jspy.processor.ErrorReporter.Location;
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
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads the {@code @Tool} methods of a class into {@link ToolModel}s: name, description, arguments with
 * their types (the same {@link TypeResolver} rules as signature fields) and how the result comes back.
 * Problems with one method go to the {@link ErrorReporter}; rules about the class's tools together are
 * {@link ToolsValidator}'s.
 */
final class ToolReader {
  static final String TOOL = "dev.jspy.annotations.Tool";
  static final String ARG = "dev.jspy.annotations.Arg";

  /**
   * The Java expression for an {@code @Arg(defaultValue)} of type {@code t}.
   *
   * @throws IllegalArgumentException saying what the type needs, when the text does not fit it
   */
  static String defaultCode(String text, TypeModel t, javax.lang.model.type.TypeMirror type) {
    try {
      if (t instanceof TypeModel.StringType) {
        return com.palantir.javapoet.CodeBlock.of("$S", text).toString();
      } else if (t instanceof TypeModel.IntType) {
        return Integer.toString(Integer.parseInt(text.strip()));
      } else if (t instanceof TypeModel.LongType) {
        return Long.parseLong(text.strip()) + "L";
      } else if (t instanceof TypeModel.DoubleType || t instanceof TypeModel.FloatType) {
        double d = Double.parseDouble(text.strip());
        boolean isFloat = t instanceof TypeModel.FloatType;
        if (!Double.isFinite(d) || (isFloat && Float.isInfinite((float) d))) {
          throw new NumberFormatException();
        }
        return isFloat ? Float.toString((float) d) + "f" : Double.toString(d) + "d";
      } else if (t instanceof TypeModel.BooleanType) {
        if (text.equals("true") || text.equals("false")) {
          return text;
        }
        throw new IllegalArgumentException("is not a boolean; write \"true\" or \"false\"");
      } else if (t instanceof TypeModel.EnumType en) {
        TypeElement e = (TypeElement) ((DeclaredType) type).asElement();
        List<String> constants = new ArrayList<>();
        for (Element c : e.getEnclosedElements()) {
          if (c.getKind() == ElementKind.ENUM_CONSTANT) {
            constants.add(c.getSimpleName().toString());
          }
        }
        int i = en.values().isEmpty() ? -1 : en.values().indexOf(text);
        String constant = i >= 0 ? constants.get(i) : constants.contains(text) ? text : null;
        if (constant == null) {
          throw new IllegalArgumentException(
              "is not a constant of " + en.javaName() + "; write one of " + (en.values().isEmpty() ? constants : en.values()));
        }
        return FieldTypeCode.className(en).canonicalName() + "." + constant;
      }
      throw new IllegalArgumentException(
          "cannot be used: a default needs a String, int, long, double, float, boolean or enum parameter, not "
              + t.javaName());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not a finite " + t.javaName() + " number");
    }
  }

  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";

  /**
   * A tool and where to point errors about it.
   *
   * @param model the tool
   * @param location the method's {@code @Tool}
   * @param nameLocation the {@code name} value of {@code @Tool} if written, else the same as {@code location}
   */
  record Method(ToolModel model, Location location, Location nameLocation) {}

  /**
   * What the class declares.
   *
   * @param type the class
   * @param tools the tools that could be read, in declaration order
   * @param shadowed the {@code java.lang} simple names that types of the class's package shadow
   */
  record Result(TypeElement type, List<Method> tools, List<String> shadowed) {}

  private final Elements elements;
  private final Types types;
  private final TypeResolver resolver;
  private final ErrorReporter errors;

  ToolReader(Elements elements, Types types, TypeResolver resolver, ErrorReporter errors) {
    this.elements = elements;
    this.types = types;
    this.resolver = resolver;
    this.errors = errors;
  }

  /** Reads the {@code @Tool} methods of {@code type}, or aborts if the generated code could not call any. */
  Result read(TypeElement type) {
    List<ExecutableElement> annotated = new ArrayList<>();
    for (ExecutableElement m : SourceOrder.methods(type)) {
      if (ElementReader.annotation(m, TOOL) != null) {
        annotated.add(m);
      }
    }
    if (annotated.isEmpty()) {
      return new Result(type, List.of(), List.of());
    }
    checkClass(type, annotated.get(0));
    List<Method> tools = new ArrayList<>();
    for (ExecutableElement m : annotated) {
      Method tool = readMethod(type, m);
      if (tool != null) {
        tools.add(tool);
      }
    }
    return new Result(type, tools, resolver.shadowedJavaLangNames(type));
  }

  private void checkClass(TypeElement type, ExecutableElement first) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        throw errors.abortWithError(
            new Location(first, ElementReader.annotation(first, TOOL), null),
            "the @Tool methods of " + type.getSimpleName() + " cannot be invoked from the generated "
                + ToolsModel.generatedName(type.getSimpleName().toString()) + " because " + e.getSimpleName()
                + " is private; make it package-private or public");
      }
    }
  }

  private Method readMethod(TypeElement type, ExecutableElement m) {
    AnnotationMirror annotation = ElementReader.annotation(m, TOOL);
    Location at = new Location(m, annotation, null);
    String method = m.getSimpleName().toString();
    String generated = ToolsModel.generatedName(type.getSimpleName().toString());
    boolean ok = true;
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      errors.reportError(
          at,
          "@Tool method " + method + "() is private, so it cannot be invoked from the generated " + generated
              + "; make it package-private or public");
      ok = false;
    }
    if (!m.getTypeParameters().isEmpty()) {
      errors.reportError(
          at,
          "@Tool method " + method + "() cannot have type parameters: the LM needs a concrete type for every"
              + " argument; remove them");
      ok = false;
    }
    if (m.isVarArgs()) {
      errors.reportError(
          at,
          "@Tool method " + method + "() cannot be varargs: the LM passes arguments by name; take a List instead");
      ok = false;
    }
    Map<String, String> paramDocs = DocComments.params(elements.getDocComment(m));
    List<FieldModel> args = new ArrayList<>();
    List<? extends VariableElement> params = m.getParameters();
    // A varargs parameter is already reported; its array type would only add a second error.
    for (VariableElement p : m.isVarArgs() ? params.subList(0, params.size() - 1) : params) {
      String name = p.getSimpleName().toString();
      TypeModel t;
      try {
        t = resolver.fromMirror(p.asType(), type);
      } catch (TypeResolver.TypeProblem problem) {
        errors.reportError(
            Location.of(p), problem.messageFor("for parameter '" + name + "' of @Tool method " + method + "()"));
        ok = false;
        continue;
      }
      AnnotationMirror arg = ElementReader.annotation(p, ARG);
      String desc = ElementReader.string(ElementReader.explicitValue(arg, "desc"));
      if (desc.isBlank()) {
        desc = paramDocs.getOrDefault(name, "");
      }
      AnnotationValue defaultValue = ElementReader.explicitValue(arg, "defaultValue");
      String defaultCode = null;
      String defaultText = ElementReader.string(defaultValue);
      if (!defaultText.isEmpty()) {
        try {
          defaultCode = defaultCode(defaultText, t, p.asType());
        } catch (IllegalArgumentException bad) {
          errors.reportError(
              new Location(p, arg, defaultValue),
              "defaultValue \"" + defaultText + "\" of parameter '" + name + "' of @Tool method " + method + "() "
                  + bad.getMessage());
          ok = false;
          continue;
        }
      }
      args.add(new FieldModel(name, desc, t, defaultCode));
    }
    if (!ok) {
      return null;
    }

    AnnotationValue nameValue = ElementReader.explicitValue(annotation, "name");
    String name = ElementReader.string(nameValue);
    if (name.isBlank()) {
      name = method;
    }
    String invisible = NameRules.invisible(name);
    if (invisible != null) {
      errors.reportError(
          nameValue == null ? at : new Location(m, annotation, nameValue),
          "tool name '" + name + "' of @Tool method " + method + "() contains " + invisible + ", which the LM"
              + " cannot see or write back; " + (nameValue == null ? "rename the method" : "fix @Tool(name = ...)"));
      return null;
    }
    String desc = ElementReader.string(ElementReader.explicitValue(annotation, "desc"));
    if (desc.isBlank()) {
      desc = DocComments.clean(elements.getDocComment(m));
    }
    ToolModel.Result result = result(m.getReturnType());
    TypeModel returns = returns(m.getReturnType(), result, type);
    ToolModel model =
        new ToolModel(
            name,
            desc,
            method,
            m.getModifiers().contains(Modifier.STATIC),
            args,
            result,
            returns,
            overloaded(type, method));
    return new Method(model, at, nameValue == null ? at : new Location(m, annotation, nameValue));
  }

  private ToolModel.Result result(TypeMirror returnType) {
    if (returnType.getKind() == TypeKind.VOID) {
      return ToolModel.Result.VOID;
    }
    if (returnType.getKind() == TypeKind.DECLARED) {
      if (isSubtypeOf(returnType, COMPLETABLE_FUTURE)) {
        return ToolModel.Result.FUTURE;
      }
      if (isSubtypeOf(returnType, COMPLETION_STAGE)) {
        return ToolModel.Result.STAGE;
      }
    }
    return ToolModel.Result.VALUE;
  }

  private boolean isSubtypeOf(TypeMirror type, String className) {
    TypeElement e = elements.getTypeElement(className);
    return e != null && types.isSubtype(types.erasure(type), types.erasure(e.asType()));
  }

  /**
   * The result's type for the LM, if it is one jspy can turn into JSON; for an async tool, the type argument
   * of {@code CompletableFuture<T>} or {@code CompletionStage<T>}. Anything else is allowed, and printed.
   */
  private TypeModel returns(TypeMirror returnType, ToolModel.Result result, TypeElement scope) {
    TypeMirror value = returnType;
    if (result == ToolModel.Result.VOID) {
      return null;
    }
    if (result.async()) {
      DeclaredType future = (DeclaredType) returnType;
      String name = ((TypeElement) future.asElement()).getQualifiedName().toString();
      boolean plain = name.equals(COMPLETABLE_FUTURE) || name.equals(COMPLETION_STAGE);
      if (!plain || future.getTypeArguments().size() != 1) {
        return null;
      }
      value = future.getTypeArguments().get(0);
    }
    try {
      return resolver.fromMirror(value, scope);
    } catch (TypeResolver.TypeProblem notForJson) {
      return null;
    }
  }

  /** Whether the class has (or inherits) another method of this name, which a call must not pick instead. */
  private boolean overloaded(TypeElement type, String method) {
    int count = 0;
    for (Element e : elements.getAllMembers(type)) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(method)) {
        count++;
      }
    }
    return count > 1;
  }
}
