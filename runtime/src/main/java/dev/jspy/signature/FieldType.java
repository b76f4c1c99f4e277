package dev.jspy.signature;

import dev.jspy.internal.py.PyJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The type of a signature field: how the LM sees it (DSPy's Python name and JSON schema) and how values
 * cross between Java and JSON.
 *
 * <p>A sealed hierarchy with one record per shape: {@link StringType}, {@link IntType}, {@link LongType},
 * {@link FloatType}, {@link DoubleType}, {@link BooleanType}, {@link AnyType}, {@link EnumType},
 * {@link LiteralType}, {@link ListType}, {@link MapType}, {@link OptionalType} and {@link RecordType}; code
 * that looks inside a type matches on them ({@code type instanceof FieldType.OptionalType<?> o}).
 *
 * <p>Instances are immutable and built once, in static initialisers of generated code, from the factories
 * here: {@code FieldType.list(FieldType.STRING)}, {@code FieldType.enumOf("Label", Label.values())},
 * {@code FieldType.record("Address", components, v -> new Address(v.get(0)), a -> new Object[] {a.city()})}.
 * Nothing here uses reflection.
 *
 * @param <T> the Java type of the field's values (boxed for primitives)
 */
public sealed interface FieldType<T> {

  /** {@code String}. */
  StringType STRING = new StringType();
  /** {@code int} and {@code Integer}. */
  IntType INT = new IntType();
  /** {@code long} and {@code Long}. */
  LongType LONG = new LongType();
  /** {@code float} and {@code Float}. */
  FloatType FLOAT = new FloatType();
  /** {@code double} and {@code Double}. */
  DoubleType DOUBLE = new DoubleType();
  /** {@code boolean} and {@code Boolean}. */
  BooleanType BOOLEAN = new BooleanType();
  /** Any JSON value, passed through as parsed. */
  AnyType ANY = new AnyType();

  /**
   * The name DSPy gives the matching Python type: {@code str}, {@code int}, {@code float}, {@code bool},
   * {@code list[str]}, {@code dict[str, int]}, {@code Union[str, NoneType]}, or the enum's or record's
   * simple name.
   *
   * @return the Python type name
   */
  String pythonName();

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
  T fromJson(Object json);

  /**
   * Converts a Java value of this type to a JSON tree (String, Number, Boolean, List, Map with insertion
   * order, or {@code null}). Enums become their value, records a map of their components.
   *
   * @param value a value of this type, or {@code null}
   * @return the JSON tree
   */
  default Object toJson(Object value) {
    return value;
  }

  /** @return whether values are plain text ({@code str}), which DSPy never wraps in JSON */
  default boolean isString() {
    return this instanceof StringType;
  }

  /**
   * The JSON schema of this type as DSPy shows it to the LM: pydantic's schema with {@code "type"} moved
   * to the front of every object and the other keys sorted, nested records and enums under
   * {@code $defs}. Adapters compute it once per signature.
   *
   * @return the schema as an ordered, unmodifiable tree
   */
  default Map<String, Object> jsonSchema() {
    return SchemaOrder.moveTypeToFront(PydanticSchema.of(this, PydanticSchema.Flavor.FIELD_TYPE));
  }

  /**
   * The JSON schema DSPy gives a tool argument of this type: pydantic's schema with every {@code $ref}
   * expanded in place and pydantic's own key order (alphabetical). A fresh mutable tree each call, so a
   * caller can add {@code "description"}.
   *
   * @return the schema
   */
  default Map<String, Object> toolArgSchema() {
    return SchemaOrder.toolArg(PydanticSchema.of(this, PydanticSchema.Flavor.FIELD_TYPE));
  }

  // ------------------------------------------------------------------ factories (used by generated code)

  /**
   * @param element the type of the list's elements
   * @param <E> the element's Java type
   * @return {@code List<E>}
   */
  static <E> ListType<E> list(FieldType<E> element) {
    return new ListType<>(element);
  }

  /**
   * @param value the type of the map's values (keys are strings)
   * @param <V> the value's Java type
   * @return {@code Map<String, V>}
   */
  static <V> MapType<V> map(FieldType<V> value) {
    return new MapType<>(value);
  }

  /**
   * @param value the type of the present value
   * @param <V> the value's Java type
   * @return {@code Optional<V>}
   */
  static <V> OptionalType<V> optional(FieldType<V> value) {
    return new OptionalType<>(value);
  }

  /**
   * @param name the enum's simple name, as the LM sees it
   * @param constants the enum's constants, in declaration order ({@code Label.values()})
   * @param <E> the enum
   * @return the enum type
   */
  static <E extends Enum<E>> EnumType<E> enumOf(String name, E[] constants) {
    return enumOf(name, constants, List.of(constants).stream().map(Enum::name).toList());
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
  static <E extends Enum<E>> EnumType<E> enumOf(String name, E[] constants, List<String> values) {
    return new EnumType<>(name, List.of(constants), values);
  }

  /**
   * @param values the allowed strings, in order
   * @return {@code Literal['a', 'b']}
   */
  static LiteralType literal(List<String> values) {
    return new LiteralType(values, true);
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
  static LiteralType literal(List<String> values, boolean strict) {
    return new LiteralType(values, strict);
  }

  /**
   * @param name the record's simple name, as the LM sees it
   * @param components the record's components, in declaration order
   * @param factory builds a record from its decoded component values, in order
   * @param unpack the record's component values, in order
   * @param <R> the record
   * @return the record type
   */
  static <R extends Record> RecordType<R> record(
      String name, List<Component> components, Function<Values, R> factory, Function<R, Object[]> unpack) {
    return new RecordType<>(name, "", components, factory, unpack);
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
  static <R extends Record> RecordType<R> record(
      String name,
      String description,
      List<Component> components,
      Function<Values, R> factory,
      Function<R, Object[]> unpack) {
    return new RecordType<>(name, description, components, factory, unpack);
  }

  /**
   * @param name the component's name
   * @param type the component's type
   * @return a record component
   */
  static Component component(String name, FieldType<?> type) {
    return new Component(name, type);
  }

  /**
   * @param type a type
   * @return the type inside {@code Optional<T>}, or {@code type} itself when it is not an optional
   */
  static FieldType<?> unwrapOptional(FieldType<?> type) {
    return type instanceof OptionalType<?> o ? o.value() : type;
  }

  // ------------------------------------------------------------------ the shapes

  /** {@code String}, Python {@code str}. */
  record StringType() implements FieldType<String> {
    @Override
    public String pythonName() {
      return "str";
    }

    @Override
    public String fromJson(Object json) {
      if (json instanceof String || json instanceof Number || json instanceof Boolean) {
        return json.toString();
      }
      throw Lax.mismatch(this, json);
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /** {@code int}/{@code Integer}, Python {@code int}. */
  record IntType() implements FieldType<Integer> {
    @Override
    public String pythonName() {
      return "int";
    }

    @Override
    public Integer fromJson(Object json) {
      long v = Lax.integral(this, json);
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("expected int, got " + Lax.describe(json)
            + " (out of range for a Java int: " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")");
      }
      return (int) v;
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /** {@code long}/{@code Long}, Python {@code int}. */
  record LongType() implements FieldType<Long> {
    @Override
    public String pythonName() {
      return "int";
    }

    @Override
    public Long fromJson(Object json) {
      return Lax.integral(this, json);
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /** {@code float}/{@code Float}, Python {@code float}. */
  record FloatType() implements FieldType<Float> {
    @Override
    public String pythonName() {
      return "float";
    }

    @Override
    public Float fromJson(Object json) {
      double d = Lax.floating(this, json);
      float f = (float) d;
      if (Float.isInfinite(f) && !Double.isInfinite(d)) {
        throw new IllegalArgumentException("expected float, got " + Lax.describe(json)
            + " (out of range for a Java float: at most " + Float.MAX_VALUE + " in magnitude)");
      }
      return f;
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /** {@code double}/{@code Double}, Python {@code float}. */
  record DoubleType() implements FieldType<Double> {
    @Override
    public String pythonName() {
      return "float";
    }

    @Override
    public Double fromJson(Object json) {
      return Lax.floating(this, json);
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /** {@code boolean}/{@code Boolean}, Python {@code bool}. */
  record BooleanType() implements FieldType<Boolean> {
    @Override
    public String pythonName() {
      return "bool";
    }

    @Override
    public Boolean fromJson(Object json) {
      return Lax.bool(this, json);
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /** Any JSON value, Python {@code Any} (ReAct's tool arguments are {@code dict[str, Any]}). */
  record AnyType() implements FieldType<Object> {
    @Override
    public String pythonName() {
      return "Any";
    }

    @Override
    public Object fromJson(Object json) {
      return json;
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /**
   * A Java enum, rendered as a Python {@code Enum}: its values are the constant names, or the values given
   * with {@link #enumOf(String, Enum[], List)} (from {@code @EnumValue} on the constants).
   *
   * @param name the enum's simple name, as the LM sees it
   * @param constants the enum's constants, in declaration order
   * @param values each constant's Python value, in the same order
   * @param <E> the enum
   */
  record EnumType<E extends Enum<E>>(String name, List<E> constants, List<String> values)
      implements FieldType<E> {
    /** Checks that there is one distinct value per constant. */
    public EnumType {
      Objects.requireNonNull(name, "name");
      constants = List.copyOf(constants);
      values = List.copyOf(values);
      if (values.size() != constants.size()) {
        throw new IllegalArgumentException(
            "enum " + name + " has " + constants.size() + " constants but " + values.size() + " values");
      }
      if (new HashSet<>(values).size() != values.size()) {
        throw new IllegalArgumentException("enum " + name + " has two constants with the same value: " + values);
      }
    }

    @Override
    public String pythonName() {
      return name;
    }

    /** @return the constants' Java names, in order */
    public List<String> names() {
      return constants.stream().map(Enum::name).toList();
    }

    /** DSPy's {@code find_enum_member}: by value, then by name (case-sensitive); then the same unquoted. */
    @Override
    public E fromJson(Object json) {
      if (json == null) {
        throw Lax.mismatch(this, null);
      }
      if (json instanceof String s) {
        E c = member(s);
        if (c != null) {
          return c;
        }
        c = member(Lax.unquote(s.strip()));
        if (c != null) {
          return c;
        }
      }
      throw new IllegalArgumentException(Lax.describe(json) + " is not a valid name or value for the enum " + name
          + " (one of: " + String.join("; ", values) + ")");
    }

    private E member(String s) {
      int i = values.indexOf(s);
      if (i >= 0) {
        return constants.get(i);
      }
      return constants.stream().filter(c -> c.name().equals(s)).findFirst().orElse(null);
    }

    /** @return the constant's value, as DSPy writes an Enum member */
    @Override
    public Object toJson(Object value) {
      if (value == null) {
        return null;
      }
      int i = constants.indexOf(value);
      if (i < 0) {
        throw new IllegalArgumentException("expected a constant of " + name + ", got " + Lax.describe(value));
      }
      return values.get(i);
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /**
   * One of a fixed set of strings, Python {@code Literal['a', 'b']} (ReAct's tool names).
   *
   * @param values the allowed strings, in order
   * @param strict whether a value outside the set is a parse error
   */
  record LiteralType(List<String> values, boolean strict) implements FieldType<String> {
    /** Copies the values. */
    public LiteralType {
      values = List.copyOf(values);
    }

    /** @return {@code Literal['a', "it's"]}, each value quoted as DSPy quotes it */
    @Override
    public String pythonName() {
      return values.stream().map(LiteralType::quote).collect(java.util.stream.Collectors.joining(", ", "Literal[", "]"));
    }

    /** DSPy's {@code _quoted_string_for_literal_type_annotation}. */
    private static String quote(String s) {
      boolean single = s.indexOf('\'') >= 0;
      boolean dbl = s.indexOf('"') >= 0;
      if (single && !dbl) {
        return '"' + s + '"';
      }
      return single ? "'" + s.replace("'", "\\'") + "'" : "'" + s + "'";
    }

    /** DSPy's {@code parse_value} for {@code Literal}: exact, else stripped of {@code Literal[...]} and quotes. */
    @Override
    public String fromJson(Object json) {
      if (json == null) {
        throw Lax.mismatch(this, null);
      }
      if (json instanceof String s) {
        if (values.contains(s)) {
          return s;
        }
        String v = s.strip();
        if ((v.startsWith("Literal[") || v.startsWith("str[")) && v.endsWith("]")) {
          v = v.substring(v.indexOf('[') + 1, v.length() - 1);
        }
        v = Lax.unquote(v);
        if (values.contains(v) || !strict) {
          return v;
        }
      }
      throw new IllegalArgumentException(Lax.describe(json) + " is not one of " + values);
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /**
   * {@code List<E>}, Python {@code list[E]}.
   *
   * @param element the type of the list's elements
   * @param <E> the element's Java type
   */
  record ListType<E>(FieldType<E> element) implements FieldType<List<E>> {
    /** Checks the element type. */
    public ListType {
      Objects.requireNonNull(element, "element");
    }

    @Override
    public String pythonName() {
      return "list[" + element.pythonName() + "]";
    }

    @Override
    public List<E> fromJson(Object json) {
      if (!(json instanceof Collection<?> items)) {
        throw Lax.mismatch(this, json);
      }
      List<E> out = new ArrayList<>(items.size());
      int i = 0;
      for (Object e : items) {
        try {
          out.add(element.fromJson(e));
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException("item [" + i + "]: " + ex.getMessage(), ex);
        }
        i++;
      }
      return Collections.unmodifiableList(out);
    }

    @Override
    public Object toJson(Object value) {
      if (value == null) {
        return null;
      }
      List<Object> out = new ArrayList<>();
      for (Object e : (Collection<?>) value) {
        out.add(element.toJson(e));
      }
      return out;
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /**
   * {@code Map<String, V>}, Python {@code dict[str, V]}.
   *
   * @param value the type of the map's values (keys are strings)
   * @param <V> the value's Java type
   */
  record MapType<V>(FieldType<V> value) implements FieldType<Map<String, V>> {
    /** Checks the value type. */
    public MapType {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String pythonName() {
      return "dict[str, " + value.pythonName() + "]";
    }

    @Override
    public Map<String, V> fromJson(Object json) {
      if (!(json instanceof Map<?, ?> map)) {
        throw Lax.mismatch(this, json);
      }
      Map<String, V> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        try {
          out.put(key, value.fromJson(e.getValue()));
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException("key '" + key + "': " + ex.getMessage(), ex);
        }
      }
      return Collections.unmodifiableMap(out);
    }

    @Override
    public Object toJson(Object map) {
      if (map == null) {
        return null;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
        out.put(String.valueOf(e.getKey()), value.toJson(e.getValue()));
      }
      return out;
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /**
   * {@code Optional<V>}, Python {@code Optional[V]}: {@code None} reads as {@code Optional.empty()}.
   *
   * @param value the type of the present value
   * @param <V> the value's Java type
   */
  record OptionalType<V>(FieldType<V> value) implements FieldType<Optional<V>> {
    /** Checks the value type. */
    public OptionalType {
      Objects.requireNonNull(value, "value");
    }

    /** @return {@code Union[V, NoneType]}: {@code typing.Optional[X]} as DSPy's get_annotation_name renders it */
    @Override
    public String pythonName() {
      return "Union[" + value.pythonName() + ", NoneType]";
    }

    @Override
    public Optional<V> fromJson(Object json) {
      return json == null ? Optional.empty() : Optional.of(value.fromJson(json));
    }

    @Override
    public Object toJson(Object optional) {
      return optional == null ? null : ((Optional<?>) optional).map(value::toJson).orElse(null);
    }

    @Override
    public String toString() {
      return pythonName();
    }
  }

  /**
   * A Java record, rendered as a pydantic model.
   *
   * @param name the record's simple name, as the LM sees it
   * @param description the record's docstring (the model's schema {@code description}), {@code ""} for none
   * @param components the record's components, in declaration order
   * @param factory builds a record from its decoded component values, in order
   * @param unpack the record's component values, in order
   * @param <R> the record
   */
  record RecordType<R extends Record>(
      String name,
      String description,
      List<Component> components,
      Function<Values, R> factory,
      Function<R, Object[]> unpack)
      implements FieldType<R> {
    /** Checks the parts. */
    public RecordType {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      components = List.copyOf(components);
      Objects.requireNonNull(factory, "factory");
      Objects.requireNonNull(unpack, "unpack");
    }

    @Override
    public String pythonName() {
      return name;
    }

    @Override
    public R fromJson(Object json) {
      if (!(json instanceof Map<?, ?> map)) {
        throw Lax.mismatch(this, json);
      }
      Object[] parts = new Object[components.size()];
      for (int i = 0; i < parts.length; i++) {
        Component c = components.get(i);
        if (!map.containsKey(c.name()) && c.hasDefault()) {
          parts[i] = c.defaultValue();
          continue;
        }
        if (!map.containsKey(c.name()) && !(c.type() instanceof OptionalType)) {
          throw new IllegalArgumentException(
              "expected " + name + " with field '" + c.name() + "', but it is missing in " + Lax.describe(json));
        }
        try {
          parts[i] = c.type().fromJson(map.get(c.name()));
          for (Constraint k : c.constraints()) {
            k.check(parts[i]);
          }
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(name + "." + c.name() + ": " + ex.getMessage(), ex);
        }
      }
      return factory.apply(new Values(parts));
    }

    /** @return a map of the record's components, in order */
    @Override
    @SuppressWarnings("unchecked")
    public Object toJson(Object value) {
      if (value == null) {
        return null;
      }
      Object[] parts = unpack.apply((R) value);
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < components.size(); i++) {
        Component c = components.get(i);
        out.put(c.name(), c.type().toJson(parts[i]));
      }
      return out;
    }

    @Override
    public String toString() {
      return pythonName();
    }
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
  record Component(
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
}
