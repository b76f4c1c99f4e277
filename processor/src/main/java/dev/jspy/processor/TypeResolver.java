package dev.jspy.processor;

import dev.jspy.processor.SignatureParser.TypeExpr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Turns a field's type into a {@link TypeModel}: from a {@link TypeExpr} of the string form (resolving simple
 * names the way the user expects: nested in the interface, then the same package) or from a {@link TypeMirror}
 * of the interface form. This is the one place that knows which Java types a signature supports.
 */
final class TypeResolver {

  /** Named in every unsupported-type message. */
  static final String SUPPORTED =
      "String, int, long, double, float, boolean (and boxes), enums, records, List<T>, Map<String, T>, Optional<T>";

  /** The type cannot be used; the message says why, the caller adds which field. */
  static final class TypeProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;

    TypeProblem(String what, String hint) {
      super(what, null, false, false);
      this.hint = hint;
    }

    /** The complete message for {@code where}, e.g. {@code for field 'x' in "..."}. */
    String messageFor(String where) {
      return getMessage() + " " + where + "; " + (hint == null ? "" : hint + "; ") + "supported: " + SUPPORTED;
    }
  }

  /**
   * The type refers to a type that does not exist yet, maybe one another processor generates in a later
   * round; the caller retries the whole signature then.
   */
  static final class MissingTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingTypeException(String name) {
      super(name, null, false, false);
    }
  }

  private static final Map<String, TypeModel> SCALARS =
      Map.ofEntries(
          Map.entry("String", TypeModel.STRING),
          Map.entry("java.lang.String", TypeModel.STRING),
          Map.entry("str", TypeModel.STRING),
          Map.entry("int", new TypeModel.IntType(true)),
          Map.entry("Integer", new TypeModel.IntType(false)),
          Map.entry("java.lang.Integer", new TypeModel.IntType(false)),
          Map.entry("long", new TypeModel.LongType(true)),
          Map.entry("Long", new TypeModel.LongType(false)),
          Map.entry("java.lang.Long", new TypeModel.LongType(false)),
          Map.entry("double", new TypeModel.DoubleType(true)),
          Map.entry("Double", new TypeModel.DoubleType(false)),
          Map.entry("java.lang.Double", new TypeModel.DoubleType(false)),
          // Python's float, which is what the string form's 'float' means: 64 bits, like DSPy's.
          Map.entry("float", new TypeModel.DoubleType(true)),
          Map.entry("Float", new TypeModel.FloatType(false)),
          Map.entry("java.lang.Float", new TypeModel.FloatType(false)),
          Map.entry("boolean", new TypeModel.BooleanType(true)),
          Map.entry("bool", new TypeModel.BooleanType(true)),
          Map.entry("Boolean", new TypeModel.BooleanType(false)),
          Map.entry("java.lang.Boolean", new TypeModel.BooleanType(false)));

  /** The one-argument containers of the string form, by how they may be written. */
  private static final Map<String, UnaryOperator<TypeModel>> CONTAINERS =
      Map.of(
          "List", TypeModel.ListType::new,
          "list", TypeModel.ListType::new,
          "java.util.List", TypeModel.ListType::new,
          "Optional", TypeModel.OptionalType::new,
          "java.util.Optional", TypeModel.OptionalType::new);

  /** How the string form may write a map. */
  private static final Set<String> MAPS = Set.of("Map", "dict", "java.util.Map");

  /** How deep types may nest (List, Map, Optional, records): javac needs minutes, or overflows, far deeper. */
  static final int MAX_DEPTH = 32;

  /** The problem, without the field: a type nests too deep. */
  static String tooDeep() {
    return "nests more than " + MAX_DEPTH + " levels deep";
  }

  private final Elements elements;
  private final boolean finalRound;
  private final ShadowedNames shadowed;
  /** How many List, Map, Optional and record types enclose the type being resolved. */
  private int depth;
  /** Records being resolved, innermost last, to reject a record that contains itself. */
  private final Deque<String> recordStack = new ArrayDeque<>();

  /**
   * @param finalRound whether this is the last round, when a missing type is an error rather than a reason
   *     to wait
   * @param shadowed the compilation's cache of shadowed {@code java.lang} names
   */
  TypeResolver(Elements elements, boolean finalRound, ShadowedNames shadowed) {
    this.elements = elements;
    this.finalRound = finalRound;
    this.shadowed = shadowed;
  }

  // ---- the string form ----

  /** Resolves a type written in a signature string, in the scope of the annotated interface. */
  TypeModel fromExpr(TypeExpr expr, TypeElement scope) throws TypeProblem {
    enter();
    try {
      return fromExprAt(expr, scope);
    } finally {
      depth--;
    }
  }

  private void enter() throws TypeProblem {
    if (++depth > MAX_DEPTH + 1) {
      depth--;
      throw new TypeProblem("type " + tooDeep(), "use a record to group the inner levels");
    }
  }

  private TypeModel fromExprAt(TypeExpr expr, TypeElement scope) throws TypeProblem {
    if (expr.literals() != null) {
      return literal(expr.literals());
    }
    TypeModel scalar = SCALARS.get(expr.name());
    if (scalar != null) {
      expectArgs(expr, 0);
      return scalar;
    }
    if (MAPS.contains(expr.name())) {
      expectArgs(expr, 2);
      TypeModel key = fromExpr(expr.args().get(0), scope);
      if (!(key instanceof TypeModel.StringType)) {
        throw new TypeProblem(
            "unsupported type '" + expr.text() + "'", "Map keys must be String (JSON object keys are strings)");
      }
      return new TypeModel.MapType(fromExpr(expr.args().get(1), scope));
    }
    UnaryOperator<TypeModel> container = CONTAINERS.get(expr.name());
    if (container != null) {
      expectArgs(expr, 1);
      return container.apply(fromExpr(expr.args().get(0), scope));
    }
    TypeElement named = lookup(expr.name(), scope);
    if (named == null) {
      if (!finalRound) {
        throw new MissingTypeException(expr.name());
      }
      throw new TypeProblem(
          "unknown type '" + expr.name() + "'",
          "enums and records must be nested in the interface, in its package, or written with their qualified"
              + " name");
    }
    boolean enumOrRecord = named.getKind() == ElementKind.ENUM || named.getKind() == ElementKind.RECORD;
    if (enumOrRecord && !expr.args().isEmpty()) {
      throw new TypeProblem("unsupported type '" + expr.text() + "'", "only List, Map and Optional take type arguments");
    }
    return fromElement(named, expr.text(), scope);
  }

  private static void expectArgs(TypeExpr expr, int count) throws TypeProblem {
    if (expr.args().size() != count) {
      String shape =
          count == 0
              ? expr.name() + " takes no type arguments"
              : count == 1 ? "write " + expr.name() + "<T>" : "write " + expr.name() + "<String, T>";
      throw new TypeProblem("unsupported type '" + expr.text() + "'", shape);
    }
  }

  /**
   * Finds a type by the name written in the string: members of the interface and its enclosing types, then
   * the interface's package, then {@code java.lang} and {@code java.util} (only so an unsupported JDK type is
   * named as such), then as a qualified name. Imports are not consulted: the processing API cannot see them
   * in every compiler, and a signature must mean the same under javac and ECJ.
   */
  private TypeElement lookup(String name, TypeElement scope) {
    String[] parts = name.split("\\.");
    TypeElement type = lookupSimple(parts[0], scope);
    for (int i = 1; type != null && i < parts.length; i++) {
      type = memberType(type, parts[i]);
    }
    if (type == null && parts.length > 1) {
      type = elements.getTypeElement(name);
    }
    return type;
  }

  private TypeElement lookupSimple(String name, TypeElement scope) {
    for (Element e = scope; e instanceof TypeElement; e = e.getEnclosingElement()) {
      TypeElement t = (TypeElement) e;
      if (t.getSimpleName().contentEquals(name)) {
        return t;
      }
      TypeElement member = memberType(t, name);
      if (member != null) {
        return member;
      }
    }
    PackageElement pkg = elements.getPackageOf(scope);
    String prefix = pkg.isUnnamed() ? "" : pkg.getQualifiedName() + ".";
    for (String candidate : List.of(prefix + name, "java.lang." + name, "java.util." + name)) {
      TypeElement t = elements.getTypeElement(candidate);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static TypeElement memberType(TypeElement owner, String name) {
    for (TypeElement member : ElementFilter.typesIn(owner.getEnclosedElements())) {
      if (member.getSimpleName().contentEquals(name)) {
        return member;
      }
    }
    return null;
  }

  /** The simple names of {@code scope}'s package's types that shadow {@code java.lang} ones: {@link ShadowedNames}. */
  List<String> shadowedJavaLangNames(TypeElement scope) {
    return shadowed.of(scope);
  }

  // ---- the interface form, and record components ----

  /** Resolves a method's return type or a record component's type. */
  TypeModel fromMirror(TypeMirror type, TypeElement scope) throws TypeProblem {
    enter();
    try {
      return fromMirrorAt(type, scope);
    } finally {
      depth--;
    }
  }

  private TypeModel fromMirrorAt(TypeMirror type, TypeElement scope) throws TypeProblem {
    switch (type.getKind()) {
      case INT:
        return new TypeModel.IntType(true);
      case LONG:
        return new TypeModel.LongType(true);
      case DOUBLE:
        return new TypeModel.DoubleType(true);
      case FLOAT:
        return new TypeModel.FloatType(true);
      case BOOLEAN:
        return new TypeModel.BooleanType(true);
      case ERROR:
        return missing(type);
      case DECLARED:
        return fromDeclared((DeclaredType) type, scope);
      default:
        throw new TypeProblem("unsupported type '" + text(type) + "'", null);
    }
  }

  private TypeModel missing(TypeMirror type) throws TypeProblem {
    if (!finalRound) {
      throw new MissingTypeException(type.toString());
    }
    throw new TypeProblem("type '" + text(type) + "' cannot be found", "declare it or fix the import");
  }

  private TypeModel fromDeclared(DeclaredType type, TypeElement scope) throws TypeProblem {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    TypeModel scalar = name.startsWith("java.lang.") ? SCALARS.get(name) : null;
    if (scalar != null) {
      return scalar;
    }
    List<? extends TypeMirror> args = type.getTypeArguments();
    switch (name) {
      case "java.util.List":
        return new TypeModel.ListType(typeArgument(type, args, 0, 1, scope));
      case "java.util.Optional":
        return new TypeModel.OptionalType(typeArgument(type, args, 0, 1, scope));
      case "java.util.Map":
        TypeModel key = typeArgument(type, args, 0, 2, scope);
        if (!(key instanceof TypeModel.StringType)) {
          throw new TypeProblem(
              "unsupported type '" + text(type) + "'", "Map keys must be String (JSON object keys are strings)");
        }
        return new TypeModel.MapType(typeArgument(type, args, 1, 2, scope));
      default:
        return fromElement(element, text(type), scope);
    }
  }

  private TypeModel typeArgument(DeclaredType owner, List<? extends TypeMirror> args, int index, int count, TypeElement scope)
      throws TypeProblem {
    if (args.size() != count) {
      throw new TypeProblem("unsupported raw type '" + text(owner) + "'", "give its type arguments");
    }
    TypeMirror arg = args.get(index);
    if (arg.getKind() == TypeKind.ERROR) {
      return missing(arg);
    }
    if (arg.getKind() != TypeKind.DECLARED) {
      throw new TypeProblem(
          "unsupported type '" + text(owner) + "'", "type arguments must be plain types, not wildcards or type variables");
    }
    enter();
    try {
      return fromDeclared((DeclaredType) arg, scope);
    } finally {
      depth--;
    }
  }

  /** A literal type, checking its values: at least one, none twice. */
  static TypeModel literal(List<String> values) throws TypeProblem {
    if (values.isEmpty()) {
      throw new TypeProblem("a Literal with no values", "give at least one allowed value");
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.indexOf(values.get(i)) != i) {
        throw new TypeProblem(
            "value '" + values.get(i) + "' given twice in " + TypeModel.literalName(values), "give each value once");
      }
    }
    return new TypeModel.LiteralType(values);
  }

  /**
   * The values of an enum's constants from {@code @EnumValue}, or empty when every constant's value is its
   * name; two constants with one value are a problem.
   */
  private static List<String> enumValues(TypeElement element) throws TypeProblem {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Element e : element.getEnclosedElements()) {
      if (e.getKind() != ElementKind.ENUM_CONSTANT) {
        continue;
      }
      String name = e.getSimpleName().toString();
      String value = name;
      AnnotationMirror a = ElementReader.annotation(e, ENUM_VALUE);
      AnnotationValue v = ElementReader.explicitValue(a, "value");
      if (v != null && v.getValue() instanceof String) {
        value = (String) v.getValue();
      }
      int clash = values.indexOf(value);
      if (clash >= 0) {
        throw new TypeProblem(
            "enum " + element.getSimpleName() + " has two constants with the value '" + value + "' (" + names.get(clash)
                + " and " + name + ")",
            "give each constant its own @EnumValue");
      }
      names.add(name);
      values.add(value);
    }
    return values.equals(names) ? List.of() : values;
  }

  /** {@code @OneOf} on a method or record component, applied to its resolved type. */
  static TypeModel withOneOf(Element annotated, TypeModel type) throws TypeProblem {
    AnnotationMirror a = ElementReader.annotation(annotated, ONE_OF);
    if (a == null) {
      return type;
    }
    if (!(type instanceof TypeModel.StringType)) {
      throw new TypeProblem(
          "@OneOf on type '" + type.javaName() + "'", "@OneOf limits a String to fixed values; declare it String");
    }
    List<String> values = new ArrayList<>();
    AnnotationValue v = ElementReader.explicitValue(a, "value");
    if (v != null && v.getValue() instanceof List) {
      for (Object item : (List<?>) v.getValue()) {
        Object s = item instanceof AnnotationValue ? ((AnnotationValue) item).getValue() : item;
        if (s instanceof String) {
          values.add((String) s);
        }
      }
    } else if (v != null && v.getValue() instanceof String) {
      values.add((String) v.getValue());
    }
    return literal(values);
  }

  static final String DEFAULT = "dev.jspy.annotations.Default";

  /** A record component's {@code @Default} as a Java expression of its type, or {@code null} for none. */
  private static String defaultCode(RecordComponentElement c, TypeModel t) throws TypeProblem {
    AnnotationMirror a = ElementReader.annotation(c, DEFAULT);
    if (a == null) {
      return null;
    }
    String text = ElementReader.string(ElementReader.explicitValue(a, "value"));
    TypeModel target = t;
    javax.lang.model.type.TypeMirror mirror = c.asType();
    if (t instanceof TypeModel.OptionalType o) {
      if (text.isEmpty()) {
        return "java.util.Optional.empty()";
      }
      target = o.element();
      mirror = ((javax.lang.model.type.DeclaredType) mirror).getTypeArguments().get(0);
    } else if (text.isEmpty() && !ConstraintReader.isText(t)) {
      throw new TypeProblem(
          "@Default without a value on type '" + t.javaName() + "'",
          "write the default, as @Default(\"1\"); only an Optional (None) or a String (\"\") may leave it empty");
    }
    if (target instanceof TypeModel.LiteralType l && !l.values().contains(text)) {
      throw new TypeProblem(
          "@Default(\"" + text + "\") is not one of " + l.values(), "give one of the @OneOf values");
    }
    String code;
    try {
      code = ToolReader.defaultCode(text, target instanceof TypeModel.LiteralType ? TypeModel.STRING : target, mirror);
    } catch (IllegalArgumentException bad) {
      throw new TypeProblem("@Default(\"" + text + "\") " + bad.getMessage(), null);
    }
    return t instanceof TypeModel.OptionalType ? "java.util.Optional.of(" + code + ")" : code;
  }

  static final String ENUM_VALUE = "dev.jspy.annotations.EnumValue";
  static final String ONE_OF = "dev.jspy.annotations.OneOf";

  /** An enum or record, or else an unsupported type. */
  private TypeModel fromElement(TypeElement element, String written, TypeElement scope) throws TypeProblem {
    if (element.getKind() == ElementKind.ENUM) {
      checkAccessible(element, scope);
      return new TypeModel.EnumType(packageName(element), simpleNames(element), enumValues(element));
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (!element.getTypeParameters().isEmpty()) {
        throw new TypeProblem("unsupported generic record '" + written + "'", "use a record without type parameters");
      }
      checkAccessible(element, scope);
      String name = element.getQualifiedName().toString();
      if (recordStack.contains(name)) {
        throw new TypeProblem(
            "record '" + element.getSimpleName() + "' contains itself",
            "jspy needs a finite JSON schema, so a record cannot refer to itself, even through a List");
      }
      recordStack.addLast(name);
      try {
        List<TypeModel.Component> components = new ArrayList<>();
        String doc = elements.getDocComment(element);
        java.util.Map<String, String> paramDocs = DocComments.params(doc);
        for (RecordComponentElement c : element.getRecordComponents()) {
          try {
            String cname = c.getSimpleName().toString();
            TypeModel ct = withOneOf(c, fromMirror(c.asType(), scope));
            components.add(
                new TypeModel.Component(
                    cname,
                    ct,
                    paramDocs.getOrDefault(cname, ""),
                    ConstraintReader.read(c, ct),
                    defaultCode(c, ct)));
          } catch (TypeProblem p) {
            throw new TypeProblem(
                p.getMessage() + " of component '" + c.getSimpleName() + "' of record " + element.getSimpleName(),
                p.hint);
          }
        }
        return new TypeModel.RecordType(packageName(element), simpleNames(element), components, DocComments.clean(doc));
      } finally {
        recordStack.removeLast();
      }
    }
    throw new TypeProblem("unsupported type '" + written + "'", null);
  }

  /** Generated code lives in the interface's package, so it must be able to name the type from there. */
  private void checkAccessible(TypeElement element, TypeElement scope) throws TypeProblem {
    boolean samePackage = elements.getPackageOf(element).equals(elements.getPackageOf(scope));
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        throw new TypeProblem(
            "type '" + element.getSimpleName() + "' is private",
            "the generated code next to the signature must use it, so make " + e.getSimpleName() + " package-private or public");
      }
      if (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC)) {
        throw new TypeProblem(
            "type '" + element.getSimpleName() + "' is not public",
            "the generated code in another package must use it, so make " + e.getSimpleName() + " public");
      }
    }
  }

  private String packageName(TypeElement element) {
    PackageElement pkg = elements.getPackageOf(element);
    return pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
  }

  static List<String> simpleNames(TypeElement element) {
    List<String> names = new ArrayList<>();
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return names;
  }

  /** A type as the user would write it, {@code Set<String>}, the same under javac and ECJ. */
  static String text(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      DeclaredType d = (DeclaredType) type;
      StringBuilder sb = new StringBuilder(String.join(".", simpleNames((TypeElement) d.asElement())));
      if (!d.getTypeArguments().isEmpty()) {
        List<String> args = new ArrayList<>();
        for (TypeMirror a : d.getTypeArguments()) {
          args.add(text(a));
        }
        sb.append('<').append(String.join(", ", args)).append('>');
      }
      return sb.toString();
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return text(((ArrayType) type).getComponentType()) + "[]";
    }
    return type.toString();
  }
}
