package dev.jspy.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Reads the constraint annotations ({@code @Ge}, {@code @Le}, {@code @Gt}, {@code @Lt},
 * {@code @MultipleOf}, {@code @MinLength}, {@code @MaxLength}, {@code @Pattern}) on a signature method or
 * record component, in the order written, and checks that the field's type can honour each.
 */
final class ConstraintReader {
  private ConstraintReader() {}

  /**
   * One constraint as the generator writes it.
   *
   * @param rule the runtime's {@code Constraint.Rule} constant, {@code GE}
   * @param valueCode the bound as a Java expression of the boxed type the runtime expects: {@code 0L},
   *     {@code 0.0d}, {@code 3}, a string literal
   */
  record Rule(String rule, String valueCode) {}

  private static final String PACKAGE = "dev.jspy.annotations.";

  /**
   * @param annotated the method or record component
   * @param type its resolved type
   * @return its constraints, in the order written
   * @throws TypeResolver.TypeProblem when a constraint does not fit the type or its bound is invalid
   */
  static List<Rule> read(Element annotated, TypeModel type) throws TypeResolver.TypeProblem {
    List<Rule> rules = new ArrayList<>();
    TypeModel t = type instanceof TypeModel.OptionalType o ? o.element() : type;
    for (AnnotationMirror a : annotated.getAnnotationMirrors()) {
      String name = ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
      if (!name.startsWith(PACKAGE)) {
        continue;
      }
      String simple = name.substring(PACKAGE.length());
      AnnotationValue v = ElementReader.explicitValue(a, "value");
      Object value = v == null ? null : v.getValue();
      switch (simple) {
        case "Ge":
        case "Gt":
        case "Le":
        case "Lt":
        case "MultipleOf":
          rules.add(numeric(simple, t, value));
          break;
        case "MinLength":
        case "MaxLength":
          rules.add(length(simple, t, value));
          break;
        case "Pattern":
          rules.add(pattern(t, value));
          break;
        default:
          break;
      }
    }
    return rules;
  }

  private static Rule numeric(String simple, TypeModel t, Object value) throws TypeResolver.TypeProblem {
    if (!(t instanceof TypeModel.Scalar) || t instanceof TypeModel.BooleanType) {
      throw new TypeResolver.TypeProblem(
          "@" + simple + " on type '" + t.javaName() + "'",
          "@" + simple + " bounds a number; use it on an int, long, float or double");
    }
    if (!(value instanceof Number)) {
      throw new TypeResolver.TypeProblem("@" + simple + " without a bound", "give the bound, as @" + simple + "(0)");
    }
    double d = ((Number) value).doubleValue();
    if (!Double.isFinite(d)) {
      throw new TypeResolver.TypeProblem("@" + simple + "(" + d + ") is not a finite bound", "give a finite number");
    }
    if (simple.equals("MultipleOf") && d <= 0) {
      throw new TypeResolver.TypeProblem(
          "@MultipleOf(" + d + ") is not greater than zero", "a value can only be a multiple of a positive number");
    }
    boolean integral = t instanceof TypeModel.IntType || t instanceof TypeModel.LongType;
    // pydantic prints the bound as given: 0 on an int field, 0.0 on a float field
    String code =
        integral && d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (long) d + "L" : Double.toString(d) + "d";
    return new Rule(upperSnake(simple), code);
  }

  private static Rule length(String simple, TypeModel t, Object value) throws TypeResolver.TypeProblem {
    if (!isText(t) && !(t instanceof TypeModel.ListType) && !(t instanceof TypeModel.MapType)) {
      throw new TypeResolver.TypeProblem(
          "@" + simple + " on type '" + t.javaName() + "'",
          "@" + simple + " bounds the length of a String, List or Map");
    }
    if (!(value instanceof Integer) || (Integer) value < 0) {
      throw new TypeResolver.TypeProblem(
          "@" + simple + "(" + value + ") is not a length", "give a length of zero or more");
    }
    return new Rule(upperSnake(simple), Integer.toString((Integer) value));
  }

  private static Rule pattern(TypeModel t, Object value) throws TypeResolver.TypeProblem {
    if (!isText(t)) {
      throw new TypeResolver.TypeProblem(
          "@Pattern on type '" + t.javaName() + "'", "@Pattern constrains text; use it on a String");
    }
    String regex = value instanceof String ? (String) value : "";
    try {
      java.util.regex.Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new TypeResolver.TypeProblem(
          "@Pattern(\"" + regex + "\") is not a regular expression: " + e.getDescription(),
          "fix the expression (java.util.regex syntax)");
    }
    return new Rule("PATTERN", com.palantir.javapoet.CodeBlock.of("$S", regex).toString());
  }

  /** A {@code String}, free or limited to fixed values. */
  static boolean isText(TypeModel t) {
    return t instanceof TypeModel.StringType || t instanceof TypeModel.LiteralType;
  }

  private static String upperSnake(String simple) {
    return simple.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }
}
