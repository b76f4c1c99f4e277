package dev.jspy.it;

import dev.jspy.signature.Constraint;
import dev.jspy.signature.FieldType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A golden case's types and values in jspy's terms: Python type names ({@code list[str]},
 * {@code Optional[int]}, {@code Literal['a', 'b']}, a pydantic model or an enum) become runtime
 * {@link FieldType}s, golden JSON values become the Java values a user would pass, and jspy's results
 * become plain trees compared as Python compares them. A field's {@code constraints} become
 * {@link Constraint}s in the order written.
 *
 * <p>Python's {@code int} is a {@code long} here (one case holds {@code 2**53+1}) and {@code float} a
 * {@code double}. A pydantic model becomes a runtime record type over {@link ModelValue}, built from the
 * case's model description: name, docstring, and fields with their descriptions, defaults and
 * constraints. An enum becomes one of {@link GoldenEnums}' Java enums, whose constants are the Python member
 * names and whose {@code @EnumValue}s are the members' values, as a user would port them.
 */
final class GoldenTypes {
  /** A pydantic model's value: the model's name and its field values in declaration order. */
  record ModelValue(String model, List<Object> values) {
    Object[] asArray() {
      return values.toArray();
    }
  }

  private final JsonNode models;
  private final JsonNode enums;
  private final Map<String, FieldType<?>> built = new HashMap<>();

  /** @param signature a case's {@code signature} (or architecture signature) object */
  GoldenTypes(JsonNode signature) {
    this.models = signature.path("models");
    this.enums = signature.path("enums");
  }

  /** The runtime type for a Python type name as the goldens spell it. */
  FieldType<?> type(String py) {
    String t = py.strip();
    if (t.equals("str")) {
      return FieldType.STRING;
    }
    if (t.equals("int")) {
      return FieldType.LONG;
    }
    if (t.equals("float")) {
      return FieldType.DOUBLE;
    }
    if (t.equals("bool")) {
      return FieldType.BOOLEAN;
    }
    if (t.equals("Any")) {
      return FieldType.ANY;
    }
    if (t.startsWith("list[") && t.endsWith("]")) {
      return FieldType.list(type(t.substring(5, t.length() - 1)));
    }
    if (t.startsWith("dict[str,") && t.endsWith("]")) {
      return FieldType.map(type(t.substring(9, t.length() - 1)));
    }
    if (t.startsWith("Optional[") && t.endsWith("]")) {
      return FieldType.optional(type(t.substring(9, t.length() - 1)));
    }
    if (t.startsWith("Literal[") && t.endsWith("]")) {
      return FieldType.literal(pythonStrings(t.substring(8, t.length() - 1)));
    }
    FieldType<?> known = built.get(t);
    if (known != null) {
      return known;
    }
    FieldType<?> made;
    if (enums.has(t)) {
      made = GoldenEnums.type(t);
    } else if (models.has(t)) {
      made = model(t);
    } else {
      throw new IllegalArgumentException("golden type not mapped to jspy: " + py);
    }
    built.put(t, made);
    return made;
  }

  private FieldType<ModelValue> model(String name) {
    List<FieldType.Component> components = new ArrayList<>();
    JsonNode model = models.path(name);
    for (JsonNode f : model.path("fields")) {
      FieldType<?> type = type(f.path("type").stringValue());
      FieldType.Component c =
          FieldType.component(f.path("name").stringValue(), type)
              .withDescription(f.path("description").isString() ? f.path("description").stringValue() : "")
              .withConstraints(constraints(f.path("constraints")));
      if (f.has("default")) {
        c = c.withDefault(toJava(type, plain(f.get("default"))));
      }
      components.add(c);
    }
    String doc = model.path("doc").isString() ? model.path("doc").stringValue() : "";
    return FieldType.record(
        name, doc, components, v -> new ModelValue(name, java.util.Arrays.asList(v.toArray())), ModelValue::asArray);
  }

  /** A field's {@code constraints} object ({@code {"ge": 0.0, "le": 1.0}}) as jspy constraints, in order. */
  static List<Constraint> constraints(JsonNode constraints) {
    List<Constraint> out = new ArrayList<>();
    if (constraints == null || !constraints.isObject()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : constraints.properties()) {
      Constraint.Rule rule = null;
      for (Constraint.Rule r : Constraint.Rule.values()) {
        if (r.pydanticName().equals(e.getKey())) {
          rule = r;
        }
      }
      if (rule == null) {
        throw new IllegalArgumentException("golden constraint not mapped to jspy: " + e.getKey());
      }
      Object value = plain(e.getValue());
      if (rule == Constraint.Rule.MIN_LENGTH || rule == Constraint.Rule.MAX_LENGTH) {
        value = ((Number) value).intValue();
      }
      out.add(Constraint.of(rule, value));
    }
    return out;
  }

  /** Python string literals separated by commas, as in {@code 'a', "it's"} (a Literal's values). */
  static List<String> pythonStrings(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == ',') {
        i++;
        continue;
      }
      if (c != '\'' && c != '"') {
        throw new IllegalArgumentException("not a Python string list: " + s);
      }
      StringBuilder v = new StringBuilder();
      i++;
      while (s.charAt(i) != c) {
        if (s.charAt(i) == '\\') {
          i++;
        }
        v.append(s.charAt(i++));
      }
      i++;
      out.add(v.toString());
    }
    return out;
  }

  // ------------------------------------------------------------------ golden JSON -> Java values

  /** A JSON tree as plain Java: Map (insertion order), List, String, Long/BigInteger, Double, Boolean, null. */
  static Object plain(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        m.put(e.getKey(), plain(e.getValue()));
      }
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      for (JsonNode e : n) {
        l.add(plain(e));
      }
      return l;
    }
    if (n.isIntegralNumber()) {
      BigInteger b = n.bigIntegerValue();
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    return n.stringValue();
  }

  /**
   * The Java value a user would hand jspy for a golden value of this type: an enum constant for an enum's
   * value, a {@link ModelValue} for a model's dict, {@code Optional} for an optional. A value that does
   * not fit the type (DSPy accepts a list for a {@code str} input) is passed on as the plain tree.
   */
  Object toJava(FieldType<?> type, Object plain) {
    if (type instanceof FieldType.OptionalType<?> o) {
      return plain == null ? Optional.empty() : Optional.of(toJava(o.value(), plain));
    }
    if (plain == null) {
      return null;
    }
    if (type instanceof FieldType.FloatType || type instanceof FieldType.DoubleType) {
      return plain instanceof Number ? ((Number) plain).doubleValue() : plain;
    }
    if (type instanceof FieldType.EnumType<?> e) {
      return GoldenEnums.byValue(e.name(), enums.path(e.name()), plain);
    }
    if (type instanceof FieldType.ListType<?> l) {
      if (!(plain instanceof List)) {
        return plain;
      }
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) plain) {
        out.add(toJava(l.element(), e));
      }
      return out;
    }
    if (type instanceof FieldType.MapType<?> m) {
      if (!(plain instanceof Map)) {
        return plain;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) plain).entrySet()) {
        out.put((String) e.getKey(), toJava(m.value(), e.getValue()));
      }
      return out;
    }
    if (type instanceof FieldType.RecordType<?> r) {
      if (!(plain instanceof Map)) {
        return plain;
      }
      List<Object> values = new ArrayList<>();
      for (FieldType.Component c : r.components()) {
        values.add(toJava(c.type(), ((Map<?, ?>) plain).get(c.name())));
      }
      return new ModelValue(r.name(), values);
    }
    return plain; // str, Literal, int, bool, Any
  }

  /** The type inside a list, map or optional; {@code null} for other types. */
  private static FieldType<?> inner(FieldType<?> type) {
    if (type instanceof FieldType.ListType<?> l) {
      return l.element();
    }
    if (type instanceof FieldType.MapType<?> m) {
      return m.value();
    }
    return type instanceof FieldType.OptionalType<?> o ? o.value() : null;
  }

  // ------------------------------------------------------------------ jspy's Java values -> plain trees

  /** A value jspy produced, as the plain tree DSPy's {@code model_dump(mode="json")} would give. */
  Object toPlain(FieldType<?> type, Object value) {
    if (value instanceof Optional) {
      return ((Optional<?>) value).map(v -> toPlain(inner(type), v)).orElse(null);
    }
    if (value == null) {
      return null;
    }
    if (value instanceof Enum) {
      return GoldenEnums.valueOf(enums.path(type.pythonName()), (Enum<?>) value);
    }
    if (value instanceof ModelValue) {
      ModelValue m = (ModelValue) value;
      Map<String, Object> out = new LinkedHashMap<>();
      List<FieldType.Component> components = ((FieldType.RecordType<?>) type).components();
      for (int i = 0; i < components.size(); i++) {
        FieldType.Component c = components.get(i);
        out.put(c.name(), toPlain(c.type(), m.values().get(i)));
      }
      return out;
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) value) {
        out.add(toPlain(inner(type) == null ? FieldType.ANY : inner(type), e));
      }
      return out;
    }
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        out.put(String.valueOf(e.getKey()), toPlain(inner(type) == null ? FieldType.ANY : inner(type), e.getValue()));
      }
      return out;
    }
    if (value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    return value;
  }

  /**
   * A plain tree as Python's {@code ==} sees it, one entry per line: dict keys sorted (dict equality ignores
   * order), ints apart from floats ({@code 1} is not {@code 1.0} for a port), strings quoted.
   */
  static String canonical(Object plain) {
    StringBuilder sb = new StringBuilder();
    canonical(plain, sb, "");
    return sb.toString();
  }

  private static void canonical(Object v, StringBuilder sb, String indent) {
    if (v == null) {
      sb.append("None");
    } else if (v instanceof Map) {
      Map<String, Object> sorted = new TreeMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> sorted.put(String.valueOf(k), x));
      if (sorted.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        sb.append(indent).append("  ").append(quote(e.getKey())).append(": ");
        canonical(e.getValue(), sb, indent + "  ");
        sb.append(",\n");
      }
      sb.append(indent).append('}');
    } else if (v instanceof List) {
      List<?> l = (List<?>) v;
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (Object e : l) {
        sb.append(indent).append("  ");
        canonical(e, sb, indent + "  ");
        sb.append(",\n");
      }
      sb.append(indent).append(']');
    } else if (v instanceof String) {
      sb.append(quote((String) v));
    } else if (v instanceof Boolean) {
      sb.append((Boolean) v ? "True" : "False");
    } else if (v instanceof Double || v instanceof Float) {
      sb.append("float(").append(((Number) v).doubleValue()).append(')');
    } else if (v instanceof Number) {
      sb.append("int(").append(new BigInteger(v.toString())).append(')');
    } else {
      sb.append(v.getClass().getSimpleName()).append('(').append(v).append(')');
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("'", "\\'") + "'";
  }
}
