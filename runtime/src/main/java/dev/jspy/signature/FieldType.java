package dev.jspy.signature;

import dev.jspy.internal.py.PyJson;
import dev.jspy.internal.py.PyStrings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The type of a signature field: how the LM sees it (DSPy's Python name and JSON schema) and how values
 * cross between Java and JSON.
 *
 * <p>Instances are immutable and built once, in static initialisers of generated code, from the factories
 * here: {@code FieldType.list(FieldType.STRING)}, {@code FieldType.enumOf("Label", Label.values())},
 * {@code FieldType.record("Address", components, v -> new Address(v.get(0)), a -> new Object[] {a.city()})}.
 * Nothing here uses reflection.
 *
 * @param <T> the Java type of the field's values (boxed for primitives)
 */
public final class FieldType<T> {

  /** The shape of a type. */
  public enum Kind {
    /** {@code String}, Python {@code str}. */
    STRING,
    /** {@code int}/{@code Integer}, Python {@code int}. */
    INT,
    /** {@code long}/{@code Long}, Python {@code int}. */
    LONG,
    /** {@code float}/{@code Float}, Python {@code float}. */
    FLOAT,
    /** {@code double}/{@code Double}, Python {@code float}. */
    DOUBLE,
    /** {@code boolean}/{@code Boolean}, Python {@code bool}. */
    BOOLEAN,
    /**
     * A Java enum, rendered as a Python {@code Enum}: its values are the constant names, or the values
     * given with {@link #enumOf(String, Enum[], List)} (from {@code @EnumValue} on the constants).
     */
    ENUM,
    /** {@code List<T>}, Python {@code list[T]}. */
    LIST,
    /** {@code Map<String, T>}, Python {@code dict[str, T]}. */
    MAP,
    /** {@code Optional<T>}, Python {@code Optional[T]}. */
    OPTIONAL,
    /** A Java record, rendered as a pydantic model. */
    RECORD,
    /** One of a fixed set of strings, Python {@code Literal['a', 'b']} (ReAct's tool names). */
    LITERAL,
    /** Any JSON value, Python {@code Any} (ReAct's tool arguments are {@code dict[str, Any]}). */
    ANY
  }

  /**
   * A component of a record type: a field of the pydantic model the LM sees.
   *
   * @param name the component's name
   * @param type the component's type
   * @param description the field's {@code description} in the model's JSON schema (from the record's
   *     {@code @param} tag); {@code ""} for none
   * @param constraints pydantic constraints in the order written: JSON schema keywords, checked on parse
   * @param hasDefault whether the field has a default, so a reply may leave it out (and pydantic's
   *     schema does not list it as required)
   * @param defaultValue the default as a Java value of {@code type} ({@code Optional.empty()} for
   *     Python's {@code None}); {@code null} when there is none
   */
  public record Component(
      String name,
      FieldType<?> type,
      String description,
      List<Constraint> constraints,
      boolean hasDefault,
      Object defaultValue) {
    /** Checks the components. */
    public Component {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(description, "description");
      constraints = List.copyOf(constraints);
      if (!hasDefault && defaultValue != null) {
        throw new IllegalArgumentException("component " + name + " has a default value but hasDefault is false");
      }
    }

    /**
     * A required component without description or constraints.
     *
     * @param name the component's name
     * @param type the component's type
     */
    public Component(String name, FieldType<?> type) {
      this(name, type, "", List.of(), false, null);
    }

    /**
     * @param description the field's description, {@code ""} for none
     * @return this component with that description
     */
    public Component withDescription(String description) {
      return new Component(name, type, description, constraints, hasDefault, defaultValue);
    }

    /**
     * @param constraints the field's constraints, in the order written
     * @return this component with those constraints
     */
    public Component withConstraints(List<Constraint> constraints) {
      return new Component(name, type, description, constraints, hasDefault, defaultValue);
    }

    /**
     * @param value the default, a Java value of the component's type ({@code Optional.empty()} for None)
     * @return this component with that default
     */
    public Component withDefault(Object value) {
      return new Component(name, type, description, constraints, true, value);
    }
  }

  /** {@code String}. */
  public static final FieldType<String> STRING = new FieldType<>(Kind.STRING, "str", null, List.of(), List.of(), null, null);
  /** {@code int} and {@code Integer}. */
  public static final FieldType<Integer> INT = new FieldType<>(Kind.INT, "int", null, List.of(), List.of(), null, null);
  /** {@code long} and {@code Long}. */
  public static final FieldType<Long> LONG = new FieldType<>(Kind.LONG, "int", null, List.of(), List.of(), null, null);
  /** {@code float} and {@code Float}. */
  public static final FieldType<Float> FLOAT = new FieldType<>(Kind.FLOAT, "float", null, List.of(), List.of(), null, null);
  /** {@code double} and {@code Double}. */
  public static final FieldType<Double> DOUBLE = new FieldType<>(Kind.DOUBLE, "float", null, List.of(), List.of(), null, null);
  /** {@code boolean} and {@code Boolean}. */
  public static final FieldType<Boolean> BOOLEAN = new FieldType<>(Kind.BOOLEAN, "bool", null, List.of(), List.of(), null, null);

  /** Any JSON value, passed through as parsed. */
  public static final FieldType<Object> ANY = new FieldType<>(Kind.ANY, "Any", null, List.of(), List.of(), null, null);

  private final Kind kind;
  private final String pythonName;
  private final FieldType<?> element;
  private final List<Object> constants;
  /** An enum's values (its Python {@code Enum} values) or a literal's values, in order. */
  private final List<String> values;
  private final List<Component> components;
  private final Function<Values, T> factory;
  private final Function<T, Object[]> unpack;
  private volatile Map<String, Object> schema;
  private final boolean lenient;
  /** A record's docstring (its Javadoc), {@code ""} for none and for other kinds. */
  private final String description;

  private FieldType(
      Kind kind,
      String pythonName,
      FieldType<?> element,
      List<Object> constants,
      List<Component> components,
      Function<Values, T> factory,
      Function<T, Object[]> unpack) {
    this.kind = kind;
    this.pythonName = pythonName;
    this.element = element;
    this.constants = constants;
    this.values = List.of();
    this.components = components;
    this.factory = factory;
    this.unpack = unpack;
    this.lenient = false;
    this.description = "";
  }

  private FieldType(
      String recordName,
      String description,
      List<Component> components,
      Function<Values, T> factory,
      Function<T, Object[]> unpack) {
    this.kind = Kind.RECORD;
    this.pythonName = recordName;
    this.element = null;
    this.constants = List.of();
    this.values = List.of();
    this.components = components;
    this.factory = factory;
    this.unpack = unpack;
    this.lenient = false;
    this.description = Objects.requireNonNull(description, "description");
  }

  private FieldType(String literalName, List<Object> values, boolean lenient) {
    this.kind = Kind.LITERAL;
    this.pythonName = literalName;
    this.element = null;
    this.constants = values;
    List<String> strings = new ArrayList<>(values.size());
    for (Object v : values) {
      strings.add((String) v);
    }
    this.values = List.copyOf(strings);
    this.components = List.of();
    this.factory = null;
    this.unpack = null;
    this.lenient = lenient;
    this.description = "";
  }

  private FieldType(String enumName, List<Object> constants, List<String> values) {
    this.kind = Kind.ENUM;
    this.pythonName = enumName;
    this.element = null;
    this.constants = constants;
    this.values = values;
    this.components = List.of();
    this.factory = null;
    this.unpack = null;
    this.lenient = false;
    this.description = "";
  }

  /**
   * @param element the type of the list's elements
   * @param <E> the element's Java type
   * @return {@code List<E>}
   */
  public static <E> FieldType<List<E>> list(FieldType<E> element) {
    return new FieldType<>(Kind.LIST, "list[" + element.pythonName + "]", element, List.of(), List.of(), null, null);
  }

  /**
   * @param value the type of the map's values (keys are strings)
   * @param <V> the value's Java type
   * @return {@code Map<String, V>}
   */
  public static <V> FieldType<Map<String, V>> map(FieldType<V> value) {
    return new FieldType<>(Kind.MAP, "dict[str, " + value.pythonName + "]", value, List.of(), List.of(), null, null);
  }

  /**
   * @param value the type of the present value
   * @param <V> the value's Java type
   * @return {@code Optional<V>}
   */
  public static <V> FieldType<Optional<V>> optional(FieldType<V> value) {
    // typing.Optional[X] is Union[X, None]; DSPy's get_annotation_name renders it so.
    return new FieldType<>(
        Kind.OPTIONAL, "Union[" + value.pythonName + ", NoneType]", value, List.of(), List.of(), null, null);
  }

  /**
   * @param name the enum's simple name, as the LM sees it
   * @param constants the enum's constants, in declaration order ({@code Label.values()})
   * @param <E> the enum
   * @return the enum type
   */
  public static <E extends Enum<E>> FieldType<E> enumOf(String name, E[] constants) {
    List<String> names = new ArrayList<>(constants.length);
    for (E c : constants) {
      names.add(c.name());
    }
    return enumOf(name, constants, names);
  }

  /**
   * An enum whose Python values differ from its constant names, as {@code class Color(Enum): RED = "red"}.
   * The LM sees the values ({@code must be one of: red; green; blue}, {@code "enum": ["red", ...]}), a
   * value is written as its value, and a reply is read as DSPy reads it: by value first, then by
   * constant name, both case-sensitive.
   *
   * @param name the enum's simple name, as the LM sees it
   * @param constants the enum's constants, in declaration order ({@code Color.values()})
   * @param values each constant's value, in the same order
   * @param <E> the enum
   * @return the enum type
   * @throws IllegalArgumentException if the counts differ or two constants share a value
   */
  public static <E extends Enum<E>> FieldType<E> enumOf(String name, E[] constants, List<String> values) {
    if (values.size() != constants.length) {
      throw new IllegalArgumentException(
          "enum " + name + " has " + constants.length + " constants but " + values.size() + " values");
    }
    if (new java.util.HashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException("enum " + name + " has two constants with the same value: " + values);
    }
    return new FieldType<>(name, List.of((Object[]) constants), List.copyOf(values));
  }

  /**
   * @param values the allowed strings, in order
   * @return {@code Literal['a', 'b']}
   */
  public static FieldType<String> literal(List<String> values) {
    return literal(values, true);
  }

  /**
   * A literal that the LM sees as {@code Literal['a', 'b']}; when not {@code strict}, a reply outside the
   * set is kept (normalised as DSPy normalises literals) rather than rejected, so the caller can answer it,
   * as ReAct answers an unknown tool name with an observation.
   *
   * @param values the allowed strings, in order
   * @param strict whether a value outside the set is a parse error
   * @return the literal type
   */
  public static FieldType<String> literal(List<String> values, boolean strict) {
    StringBuilder name = new StringBuilder("Literal[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        name.append(", ");
      }
      name.append(quoteForLiteral(values.get(i)));
    }
    name.append(']');
    return new FieldType<>(name.toString(), List.copyOf(values), !strict);
  }

  /** DSPy's {@code _quoted_string_for_literal_type_annotation}. */
  private static String quoteForLiteral(String s) {
    boolean single = s.indexOf('\'') >= 0;
    boolean dbl = s.indexOf('"') >= 0;
    if (single && !dbl) {
      return '"' + s + '"';
    }
    if (single) {
      return "'" + s.replace("'", "\\'") + "'";
    }
    return "'" + s + "'";
  }

  /**
   * @param name the record's simple name, as the LM sees it
   * @param components the record's components, in declaration order
   * @param factory builds a record from its decoded component values, in order
   * @param unpack the record's component values, in order
   * @param <R> the record
   * @return the record type
   */
  public static <R extends Record> FieldType<R> record(
      String name, List<Component> components, Function<Values, R> factory, Function<R, Object[]> unpack) {
    return new FieldType<>(Kind.RECORD, name, null, List.of(), List.copyOf(components), factory, unpack);
  }

  /**
   * A record documented as a pydantic model: {@code description} is the model's docstring, which pydantic
   * puts as the {@code description} of the model's JSON schema.
   *
   * @param name the record's simple name, as the LM sees it
   * @param description the record's docstring (its Javadoc without block tags), {@code ""} for none
   * @param components the record's components, in declaration order
   * @param factory builds a record from its decoded component values, in order
   * @param unpack the record's component values, in order
   * @param <R> the record
   * @return the record type
   */
  public static <R extends Record> FieldType<R> record(
      String name,
      String description,
      List<Component> components,
      Function<Values, R> factory,
      Function<R, Object[]> unpack) {
    return new FieldType<>(name, description, List.copyOf(components), factory, unpack);
  }

  /**
   * @param name the component's name
   * @param type the component's type
   * @return a record component
   */
  public static Component component(String name, FieldType<?> type) {
    return new Component(name, type);
  }

  /** @return the shape of this type */
  public Kind kind() {
    return kind;
  }

  /**
   * The name DSPy gives the matching Python type: {@code str}, {@code int}, {@code float}, {@code bool},
   * {@code list[str]}, {@code dict[str, int]}, {@code Union[str, NoneType]}, or the enum's or record's
   * simple name.
   *
   * @return the Python type name
   */
  public String pythonName() {
    return pythonName;
  }

  /** @return the element type of a list, the value type of a map or optional; otherwise {@code null} */
  public FieldType<?> element() {
    return element;
  }

  /** @return the names of an enum's constants or a literal's values, in order; empty for other kinds */
  public List<String> enumNames() {
    List<String> names = new ArrayList<>(constants.size());
    for (Object c : constants) {
      names.add(c instanceof Enum ? ((Enum<?>) c).name() : (String) c);
    }
    return names;
  }

  /**
   * @return the values the LM sees: an enum's values (its constant names unless given otherwise) or a
   *     literal's values, in order; empty for other kinds
   */
  public List<String> enumValues() {
    return values;
  }

  /** @return a record's docstring (the model's schema {@code description}); {@code ""} for none and other kinds */
  public String description() {
    return description;
  }

  /** @return a record's components, in order; empty for other kinds */
  public List<Component> components() {
    return components;
  }

  /** @return whether values are plain text ({@code str}), which DSPy never wraps in JSON */
  public boolean isString() {
    return kind == Kind.STRING;
  }

  /**
   * Converts a Java value of this type to a JSON tree (String, Number, Boolean, List, Map with insertion
   * order, or {@code null}). Enums become their constant name, records a map of their components.
   *
   * @param value a value of this type, or {@code null}
   * @return the JSON tree
   */
  @SuppressWarnings("unchecked")
  public Object toJson(Object value) {
    if (value == null) {
      return null;
    }
    switch (kind) {
      case ENUM: {
        int i = constants.indexOf(value);
        if (i < 0) {
          throw new IllegalArgumentException("expected a constant of " + pythonName + ", got " + describe(value));
        }
        return values.get(i);
      }
      case LIST: {
        List<Object> out = new ArrayList<>();
        for (Object e : (Collection<?>) value) {
          out.add(element.toJson(e));
        }
        return out;
      }
      case MAP: {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          out.put(String.valueOf(e.getKey()), element.toJson(e.getValue()));
        }
        return out;
      }
      case OPTIONAL:
        return ((Optional<?>) value).map(element::toJson).orElse(null);
      case RECORD: {
        Object[] parts = unpack.apply((T) value);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < components.size(); i++) {
          Component c = components.get(i);
          out.put(c.name(), c.type().toJson(parts[i]));
        }
        return out;
      }
      default:
        return value;
    }
  }

  /**
   * Converts a JSON tree to a value of this type, coercing as pydantic's lax mode does: numbers from
   * numeric strings, booleans from {@code "true"}/{@code "yes"}/{@code 1}, integers from integral
   * floats, enums by value and then by constant name.
   *
   * <p>Numbers are never changed silently. An integral float becomes the integer the double holds
   * exactly, as DSPy reads {@code -1841524052865102689.0} as a Python float and pydantic then gives
   * {@code int(f) = -1841524052865102592}; a float with a fractional part is refused. A value outside the
   * Java type's range (an {@code int} or {@code long} overflow, a finite number too large for a
   * {@code float} or {@code double}) is an error, not a wrapped or infinite value; a numeric string
   * longer than {@value PyJson#MAX_INT_DIGITS} characters is refused for an integer as pydantic does.
   *
   * @param json a JSON tree as produced by a JSON or Python-literal parser
   * @return the Java value
   * @throws IllegalArgumentException if the tree does not fit, saying what was expected and what arrived
   */
  @SuppressWarnings("unchecked")
  public T fromJson(Object json) {
    return (T) decode(json);
  }

  private Object decode(Object json) {
    if (kind == Kind.OPTIONAL) {
      return json == null ? Optional.empty() : Optional.of(element.decode(json));
    }
    if (kind == Kind.ANY) {
      return json;
    }
    if (json == null) {
      throw mismatch(null);
    }
    switch (kind) {
      case LITERAL:
        return literalValue(json);
      case STRING:
        if (json instanceof String || json instanceof Number || json instanceof Boolean) {
          return json.toString();
        }
        throw mismatch(json);
      case INT: {
        long v = integral(json);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(
              "expected int, got " + describe(json) + " (out of range for a Java int: " + Integer.MIN_VALUE + " to "
                  + Integer.MAX_VALUE + ")");
        }
        return (int) v;
      }
      case LONG:
        return integral(json);
      case FLOAT: {
        double d = floating(json);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
          throw new IllegalArgumentException(
              "expected float, got " + describe(json) + " (out of range for a Java float: at most " + Float.MAX_VALUE
                  + " in magnitude)");
        }
        return f;
      }
      case DOUBLE:
        return floating(json);
      case BOOLEAN:
        return bool(json);
      case ENUM:
        return enumConstant(json);
      case LIST: {
        if (!(json instanceof Collection)) {
          throw mismatch(json);
        }
        List<Object> out = new ArrayList<>();
        int i = 0;
        for (Object e : (Collection<?>) json) {
          try {
            out.add(element.decode(e));
          } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("item [" + i + "]: " + ex.getMessage(), ex);
          }
          i++;
        }
        return Collections.unmodifiableList(out);
      }
      case MAP: {
        if (!(json instanceof Map)) {
          throw mismatch(json);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
          String key = String.valueOf(e.getKey());
          try {
            out.put(key, element.decode(e.getValue()));
          } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("key '" + key + "': " + ex.getMessage(), ex);
          }
        }
        return Collections.unmodifiableMap(out);
      }
      case RECORD: {
        if (!(json instanceof Map)) {
          throw mismatch(json);
        }
        Map<?, ?> map = (Map<?, ?>) json;
        Object[] parts = new Object[components.size()];
        for (int i = 0; i < parts.length; i++) {
          Component c = components.get(i);
          if (!map.containsKey(c.name()) && c.hasDefault()) {
            parts[i] = c.defaultValue();
            continue;
          }
          if (!map.containsKey(c.name()) && c.type().kind != Kind.OPTIONAL) {
            throw new IllegalArgumentException(
                "expected " + pythonName + " with field '" + c.name() + "', but it is missing in " + describe(json));
          }
          try {
            parts[i] = c.type().decode(map.get(c.name()));
            for (Constraint k : c.constraints()) {
              k.check(parts[i]);
            }
          } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(pythonName + "." + c.name() + ": " + ex.getMessage(), ex);
          }
        }
        return factory.apply(new Values(parts));
      }
      default:
        throw new AssertionError(kind);
    }
  }

  private long integral(Object json) {
    if (json instanceof Integer || json instanceof Long || json instanceof Short || json instanceof Byte) {
      return ((Number) json).longValue();
    }
    if (json instanceof BigInteger) {
      BigInteger b = (BigInteger) json;
      if (b.bitLength() < 64) {
        return b.longValue();
      }
      throw longOutOfRange(json);
    }
    if (json instanceof Double || json instanceof Float) {
      // pydantic lax mode: int(f) for a float without a fractional part, i.e. exactly the double's value
      double v = ((Number) json).doubleValue();
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("expected int, got " + describe(json) + " (not a finite number)");
      }
      if (v != Math.rint(v)) {
        throw new IllegalArgumentException("expected int, got " + describe(json) + " (a number with a fractional part)");
      }
      if (v < -0x1p63 || v >= 0x1p63) {
        throw longOutOfRange(json);
      }
      return (long) v;
    }
    BigDecimal d = null;
    if (json instanceof BigDecimal) {
      d = (BigDecimal) json;
    } else if (json instanceof String) {
      String text = ((String) json).strip().replace("_", "");
      if (text.length() > PyJson.MAX_INT_DIGITS) {
        // pydantic's int_parsing_size; reading it would cost time growing with the square of its length
        throw new IllegalArgumentException("expected int, got " + describe(json)
            + " (unable to parse input string as an integer, exceeded maximum size of " + PyJson.MAX_INT_DIGITS
            + " characters)");
      }
      try {
        d = new BigDecimal(text);
      } catch (NumberFormatException e) {
        d = null;
      }
    }
    if (d == null) {
      throw mismatch(json);
    }
    // decided from the digit count before any rescaling, which would take long for 1e999999999 or 1e-999999999
    if (d.signum() != 0 && d.precision() - d.scale() > 19) {
      throw longOutOfRange(json);
    }
    if (d.signum() != 0 && d.precision() - d.scale() <= 0) {
      throw new IllegalArgumentException("expected int, got " + describe(json) + " (a number with a fractional part)");
    }
    try {
      return d.setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("expected int, got " + describe(json) + " (not a whole number in range)");
    }
  }

  private static IllegalArgumentException longOutOfRange(Object json) {
    return new IllegalArgumentException(
        "expected int, got " + describe(json) + " (out of range for a Java long: " + Long.MIN_VALUE + " to "
            + Long.MAX_VALUE + ")");
  }

  /** A Python float (a double); a finite number that overflows it is an error, an explicit infinity is not. */
  private double floating(Object json) {
    if (json instanceof Number) {
      double d = ((Number) json).doubleValue();
      if (Double.isInfinite(d) && !(json instanceof Double || json instanceof Float)) {
        throw doubleOutOfRange(json);
      }
      return d;
    }
    if (json instanceof String) {
      String s = ((String) json).strip().toLowerCase(Locale.ROOT);
      switch (s) {
        case "inf":
        case "infinity":
        case "+inf":
          return Double.POSITIVE_INFINITY;
        case "-inf":
        case "-infinity":
          return Double.NEGATIVE_INFINITY;
        case "nan":
          return Double.NaN;
        default:
          double d;
          try {
            d = Double.parseDouble(s.replace("_", ""));
          } catch (NumberFormatException e) {
            break;
          }
          if (Double.isInfinite(d)) {
            throw doubleOutOfRange(json);
          }
          return d;
      }
    }
    throw mismatch(json);
  }

  private static IllegalArgumentException doubleOutOfRange(Object json) {
    return new IllegalArgumentException(
        "expected float, got " + describe(json) + " (out of range for a float: at most " + Double.MAX_VALUE
            + " in magnitude)");
  }

  private boolean bool(Object json) {
    if (json instanceof Boolean) {
      return (Boolean) json;
    }
    if (json instanceof Number) {
      double v = ((Number) json).doubleValue();
      if (v == 0) {
        return false;
      }
      if (v == 1) {
        return true;
      }
    }
    if (json instanceof String) {
      switch (((String) json).strip().toLowerCase(Locale.ROOT)) {
        case "true":
        case "t":
        case "yes":
        case "y":
        case "on":
        case "1":
          return true;
        case "false":
        case "f":
        case "no":
        case "n":
        case "off":
        case "0":
          return false;
        default:
          break;
      }
    }
    throw mismatch(json);
  }

  /** DSPy's {@code find_enum_member}: by value, then by name (case-sensitive); then the same unquoted. */
  private Object enumConstant(Object json) {
    if (json instanceof String) {
      String s = (String) json;
      Object c = enumMember(s);
      if (c != null) {
        return c;
      }
      String t = s.strip();
      if (t.length() > 1 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
        t = t.substring(1, t.length() - 1);
      }
      c = enumMember(t);
      if (c != null) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        describe(json) + " is not a valid name or value for the enum " + pythonName + " (one of: " + String.join(
            "; ", values) + ")");
  }

  private Object enumMember(String s) {
    int i = values.indexOf(s);
    if (i >= 0) {
      return constants.get(i);
    }
    for (Object c : constants) {
      if (((Enum<?>) c).name().equals(s)) {
        return c;
      }
    }
    return null;
  }

  /** DSPy's {@code parse_value} for {@code Literal}: exact, else stripped of {@code Literal[...]} and quotes. */
  private Object literalValue(Object json) {
    if (json instanceof String) {
      String v = (String) json;
      if (constants.contains(v)) {
        return v;
      }
      v = v.strip();
      if ((v.startsWith("Literal[") || v.startsWith("str[")) && v.endsWith("]")) {
        v = v.substring(v.indexOf('[') + 1, v.length() - 1);
      }
      if (v.length() > 1 && v.charAt(0) == v.charAt(v.length() - 1) && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
        v = v.substring(1, v.length() - 1);
      }
      if (constants.contains(v) || lenient) {
        return v;
      }
    }
    throw new IllegalArgumentException(describe(json) + " is not one of " + enumNames());
  }

  private IllegalArgumentException mismatch(Object json) {
    return new IllegalArgumentException("expected " + pythonName + ", got " + describe(json));
  }

  private static String describe(Object json) {
    if (json == null) {
      return "None";
    }
    if (json instanceof String) {
      return "'" + PyStrings.excerpt((String) json, 200) + "'";
    }
    return PyStrings.excerpt(String.valueOf(json), 200);
  }

  /**
   * The JSON schema of this type as DSPy shows it to the LM: pydantic's schema with {@code "type"} moved
   * to the front of every object and the other keys sorted, nested records and enums under
   * {@code $defs}. Computed once per type and cached.
   *
   * @return the schema as an ordered, unmodifiable tree
   */
  public Map<String, Object> jsonSchema() {
    Map<String, Object> s = schema;
    if (s == null) {
      s = SchemaOrder.moveTypeToFront(PydanticSchema.of(this, PydanticSchema.Flavor.FIELD_TYPE));
      schema = s;
    }
    return s;
  }

  /**
   * The JSON schema DSPy gives a tool argument of this type: pydantic's schema with every {@code $ref}
   * expanded in place and pydantic's own key order (alphabetical). A fresh mutable tree each call, so a
   * caller can add {@code "description"}.
   *
   * @return the schema
   */
  public Map<String, Object> toolArgSchema() {
    return SchemaOrder.toolArg(PydanticSchema.of(this, PydanticSchema.Flavor.FIELD_TYPE));
  }

  @Override
  public String toString() {
    return pythonName;
  }
}
