package dev.jspy.processor;

import java.util.List;
import java.util.Objects;

/**
 * A field's type as the generator needs it: plain values, no {@code Element}s or {@code TypeMirror}s. One
 * record per kind; code that depends on the kind matches with {@code instanceof} patterns.
 *
 * <p>Numbers and booleans ({@link Scalar}) keep whether they were declared primitive ({@code int}) or boxed
 * ({@code Integer}), because the generated records must use what the user wrote. Enums and records
 * ({@link Named}) are named by package and simple names (outermost first), so nested types such as
 * {@code Sentiment.Label} stay nested.
 */
sealed interface TypeModel {
  TypeModel STRING = new StringType();

  /**
   * The name DSPy gives the matching Python type, exactly as the runtime's {@code FieldType.pythonName()}
   * computes it: {@code str}, {@code int}, {@code float}, {@code bool}, {@code list[str]},
   * {@code dict[str, int]}, {@code Union[str, NoneType]}, or the enum's or record's simple name.
   */
  String pythonName();

  /** The Java spelling, {@code List<String>}, {@code int}, {@code Sentiment.Label}, for docs and messages. */
  String javaName();

  /** Whether this is a number or boolean declared as a primitive. */
  default boolean primitive() {
    return false;
  }

  /** This type with primitives boxed, as a type argument needs it. */
  default TypeModel boxed() {
    return this;
  }

  /** {@code String}. */
  record StringType() implements TypeModel {
    @Override
    public String pythonName() {
      return "str";
    }

    @Override
    public String javaName() {
      return "String";
    }
  }

  /**
   * A {@code String} limited to fixed values: {@code Literal['a', 'b']} or {@code @OneOf}.
   *
   * @param values the allowed strings, in order
   */
  record LiteralType(List<String> values) implements TypeModel {
    public LiteralType {
      values = List.copyOf(values);
    }

    @Override
    public String pythonName() {
      return literalName(values);
    }

    @Override
    public String javaName() {
      return "String";
    }
  }

  /** A number or boolean, primitive or boxed as declared. */
  sealed interface Scalar extends TypeModel permits IntType, LongType, FloatType, DoubleType, BooleanType {
    /** The runtime's {@code FieldType} constant for this kind: {@code INT}, {@code LONG}, ... */
    String constant();

    /** The primitive's name, {@code int}; the box is {@link #box()}. */
    String primitiveName();

    /** The box's simple name, {@code Integer}. */
    String box();

    @Override
    default String javaName() {
      return primitive() ? primitiveName() : box();
    }
  }

  /** @param primitive declared {@code int} rather than {@code Integer} */
  record IntType(boolean primitive) implements Scalar {
    @Override
    public IntType boxed() {
      return new IntType(false);
    }

    @Override
    public String constant() {
      return "INT";
    }

    @Override
    public String primitiveName() {
      return "int";
    }

    @Override
    public String box() {
      return "Integer";
    }

    @Override
    public String pythonName() {
      return "int";
    }
  }

  /** @param primitive declared {@code long} rather than {@code Long} */
  record LongType(boolean primitive) implements Scalar {
    @Override
    public LongType boxed() {
      return new LongType(false);
    }

    @Override
    public String constant() {
      return "LONG";
    }

    @Override
    public String primitiveName() {
      return "long";
    }

    @Override
    public String box() {
      return "Long";
    }

    @Override
    public String pythonName() {
      return "int";
    }
  }

  /** @param primitive declared {@code float} rather than {@code Float} (interface form only) */
  record FloatType(boolean primitive) implements Scalar {
    @Override
    public FloatType boxed() {
      return new FloatType(false);
    }

    @Override
    public String constant() {
      return "FLOAT";
    }

    @Override
    public String primitiveName() {
      return "float";
    }

    @Override
    public String box() {
      return "Float";
    }

    @Override
    public String pythonName() {
      return "float";
    }
  }

  /** @param primitive declared {@code double} rather than {@code Double} */
  record DoubleType(boolean primitive) implements Scalar {
    @Override
    public DoubleType boxed() {
      return new DoubleType(false);
    }

    @Override
    public String constant() {
      return "DOUBLE";
    }

    @Override
    public String primitiveName() {
      return "double";
    }

    @Override
    public String box() {
      return "Double";
    }

    @Override
    public String pythonName() {
      return "float";
    }
  }

  /** @param primitive declared {@code boolean} rather than {@code Boolean} */
  record BooleanType(boolean primitive) implements Scalar {
    @Override
    public BooleanType boxed() {
      return new BooleanType(false);
    }

    @Override
    public String constant() {
      return "BOOLEAN";
    }

    @Override
    public String primitiveName() {
      return "boolean";
    }

    @Override
    public String box() {
      return "Boolean";
    }

    @Override
    public String pythonName() {
      return "bool";
    }
  }

  /** {@code List<T>}, {@code Map<String, T>} or {@code Optional<T>}: a type around one other. */
  sealed interface Container extends TypeModel permits ListType, MapType, OptionalType {
    /** The element type, for a map the value type; always boxed. */
    TypeModel element();
  }

  /** @param element the element type, boxed */
  record ListType(TypeModel element) implements Container {
    public ListType {
      element = element.boxed();
    }

    @Override
    public String pythonName() {
      return "list[" + element.pythonName() + "]";
    }

    @Override
    public String javaName() {
      return "List<" + element.javaName() + ">";
    }
  }

  /** @param element the value type, boxed; keys are strings */
  record MapType(TypeModel element) implements Container {
    public MapType {
      element = element.boxed();
    }

    @Override
    public String pythonName() {
      return "dict[str, " + element.pythonName() + "]";
    }

    @Override
    public String javaName() {
      return "Map<String, " + element.javaName() + ">";
    }
  }

  /** @param element the present value's type, boxed */
  record OptionalType(TypeModel element) implements Container {
    public OptionalType {
      element = element.boxed();
    }

    @Override
    public String pythonName() {
      return "Union[" + element.pythonName() + ", NoneType]";
    }

    @Override
    public String javaName() {
      return "Optional<" + element.javaName() + ">";
    }
  }

  /** An enum or record of the user's, named by package and simple names. */
  sealed interface Named extends TypeModel permits EnumType, RecordType {
    /** The package, {@code ""} for the unnamed package. */
    String packageName();

    /** The simple names, outermost first. */
    List<String> simpleNames();

    /** The canonical name, {@code p.Sentiment.Label}. */
    default String qualifiedName() {
      String simple = String.join(".", simpleNames());
      return packageName().isEmpty() ? simple : packageName() + "." + simple;
    }

    /** The innermost simple name, which is also the name the LM sees. */
    default String simpleName() {
      return simpleNames().get(simpleNames().size() - 1);
    }

    @Override
    default String pythonName() {
      return simpleName();
    }

    @Override
    default String javaName() {
      return String.join(".", simpleNames());
    }
  }

  /**
   * An enum.
   *
   * @param packageName the package, {@code ""} for the unnamed package
   * @param simpleNames the simple names, outermost first
   * @param values the constants' values ({@code @EnumValue}) in declaration order, or empty when every value
   *     is the constant's name
   */
  record EnumType(String packageName, List<String> simpleNames, List<String> values) implements Named {
    public EnumType {
      simpleNames = List.copyOf(simpleNames);
      values = List.copyOf(values);
    }
  }

  /**
   * A record, which the LM sees as a pydantic model.
   *
   * @param packageName the package, {@code ""} for the unnamed package
   * @param simpleNames the simple names, outermost first
   * @param components the components, in declaration order
   * @param description the docstring (the record's Javadoc without block tags), else {@code ""}
   */
  record RecordType(String packageName, List<String> simpleNames, List<Component> components, String description)
      implements Named {
    public RecordType {
      simpleNames = List.copyOf(simpleNames);
      components = List.copyOf(components);
      Objects.requireNonNull(description, "description");
    }
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
    public Component {
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
}
