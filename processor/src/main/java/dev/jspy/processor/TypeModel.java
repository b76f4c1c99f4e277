package dev.jspy.processor;

import java.util.List;
import java.util.Objects;

/**
 * A field's type as the generator needs it: plain values, no {@code Element}s or {@code TypeMirror}s.
 *
 * <p>Scalars keep whether they were declared primitive ({@code int}) or boxed ({@code Integer}), because the
 * generated records must use what the user wrote. Enums and records are named by package and simple names
 * (outermost first), so nested types such as {@code Sentiment.Label} stay nested.
 *
 * @param kind the shape
 * @param primitive for scalars other than {@code String}: declared as a primitive
 * @param packageName for enums and records: the package, {@code ""} for the unnamed package
 * @param simpleNames for enums and records: the simple names, outermost first
 * @param element for lists, maps and optionals: the element (map value) type
 * @param components for records: the components, in declaration order
 * @param values for literals: the allowed strings; for enums: the constants' values ({@code @EnumValue})
 *     in declaration order, or empty when every value is the constant's name
 * @param description for records: the docstring (the record's Javadoc without block tags), else {@code ""}
 */
record TypeModel(
    TypeModel.Kind kind,
    boolean primitive,
    String packageName,
    List<String> simpleNames,
    TypeModel element,
    List<Component> components,
    List<String> values,
    String description) {

  /** Mirrors the runtime's {@code FieldType.Kind}. */
  enum Kind {
    STRING,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    BOOLEAN,
    ENUM,
    LIST,
    MAP,
    OPTIONAL,
    RECORD,
    /** A {@code String} limited to fixed values: {@code Literal['a', 'b']} or {@code @OneOf}. */
    LITERAL
  }

  /**
   * A record component.
   *
   * @param name the component's name
   * @param type its type
   * @param description its {@code @param} text in the record's Javadoc, {@code ""} for none
   * @param constraints its constraint annotations, in the order written
   * @param defaultValue its {@code @Default} as a Java expression of the type, {@code null} for none
   */
  record Component(
      String name, TypeModel type, String description, List<ConstraintReader.Rule> constraints, String defaultValue) {
    Component {
      constraints = List.copyOf(constraints);
    }

    Component(String name, TypeModel type) {
      this(name, type, "", List.of(), null);
    }

    /** Whether the generated code needs the long form of {@code FieldType.component}. */
    boolean documented() {
      return !description.isEmpty() || !constraints.isEmpty() || defaultValue != null;
    }
  }

  TypeModel {
    Objects.requireNonNull(kind, "kind");
    simpleNames = List.copyOf(simpleNames);
    components = List.copyOf(components);
    values = List.copyOf(values);
    Objects.requireNonNull(description, "description");
  }

  static final TypeModel STRING = scalar(Kind.STRING, false);

  /** A scalar ({@code STRING} through {@code BOOLEAN}). */
  static TypeModel scalar(Kind kind, boolean primitive) {
    return new TypeModel(kind, primitive, "", List.of(), null, List.of(), List.of(), "");
  }

  /** @param values the constants' values when any differs from its name, else empty */
  static TypeModel enumType(String packageName, List<String> simpleNames, List<String> values) {
    return new TypeModel(Kind.ENUM, false, packageName, simpleNames, null, List.of(), values, "");
  }

  static TypeModel recordType(
      String packageName, List<String> simpleNames, List<Component> components, String description) {
    return new TypeModel(Kind.RECORD, false, packageName, simpleNames, null, components, List.of(), description);
  }

  /** A {@code String} that must be one of {@code values}. */
  static TypeModel literal(List<String> values) {
    return new TypeModel(Kind.LITERAL, false, "", List.of(), null, List.of(), values, "");
  }

  static TypeModel list(TypeModel element) {
    return new TypeModel(Kind.LIST, false, "", List.of(), element.boxed(), List.of(), List.of(), "");
  }

  static TypeModel map(TypeModel value) {
    return new TypeModel(Kind.MAP, false, "", List.of(), value.boxed(), List.of(), List.of(), "");
  }

  static TypeModel optional(TypeModel value) {
    return new TypeModel(Kind.OPTIONAL, false, "", List.of(), value.boxed(), List.of(), List.of(), "");
  }

  /** This type with primitives boxed, as a type argument needs it. */
  TypeModel boxed() {
    return primitive ? scalar(kind, false) : this;
  }

  /** For enums and records: the canonical name, {@code p.Sentiment.Label}. */
  String qualifiedName() {
    String simple = String.join(".", simpleNames);
    return packageName.isEmpty() ? simple : packageName + "." + simple;
  }

  /** For enums and records: the innermost simple name, which is also the name the LM sees. */
  String simpleName() {
    return simpleNames.get(simpleNames.size() - 1);
  }

  /**
   * The name DSPy gives the matching Python type, exactly as the runtime's {@code FieldType.pythonName()}
   * computes it: {@code str}, {@code int}, {@code float}, {@code bool}, {@code list[str]},
   * {@code dict[str, int]}, {@code Union[str, NoneType]}, or the enum's or record's simple name.
   */
  String pythonName() {
    switch (kind) {
      case STRING:
        return "str";
      case INT:
      case LONG:
        return "int";
      case FLOAT:
      case DOUBLE:
        return "float";
      case BOOLEAN:
        return "bool";
      case LIST:
        return "list[" + element.pythonName() + "]";
      case MAP:
        return "dict[str, " + element.pythonName() + "]";
      case OPTIONAL:
        return "Union[" + element.pythonName() + ", NoneType]";
      case ENUM:
      case RECORD:
        return simpleName();
      case LITERAL:
        return literalName(values);
    }
    throw new AssertionError(kind);
  }

  /** {@code Literal['a', "it's"]}, quoted as the runtime's {@code FieldType.literal} and DSPy quote. */
  static String literalName(List<String> values) {
    StringBuilder name = new StringBuilder("Literal[");
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (i > 0) {
        name.append(", ");
      }
      boolean single = v.indexOf('\'') >= 0;
      boolean dbl = v.indexOf('"') >= 0;
      if (single && !dbl) {
        name.append('"').append(v).append('"');
      } else if (single) {
        name.append('\'').append(v.replace("'", "\\'")).append('\'');
      } else {
        name.append('\'').append(v).append('\'');
      }
    }
    return name.append(']').toString();
  }

  /** The Java spelling, {@code List<String>}, {@code int}, {@code Sentiment.Label}, for docs and messages. */
  String javaName() {
    switch (kind) {
      case STRING:
      case LITERAL:
        return "String";
      case INT:
        return primitive ? "int" : "Integer";
      case LONG:
        return primitive ? "long" : "Long";
      case FLOAT:
        return primitive ? "float" : "Float";
      case DOUBLE:
        return primitive ? "double" : "Double";
      case BOOLEAN:
        return primitive ? "boolean" : "Boolean";
      case LIST:
        return "List<" + element.javaName() + ">";
      case MAP:
        return "Map<String, " + element.javaName() + ">";
      case OPTIONAL:
        return "Optional<" + element.javaName() + ">";
      case ENUM:
      case RECORD:
        return String.join(".", simpleNames);
    }
    throw new AssertionError(kind);
  }
}
