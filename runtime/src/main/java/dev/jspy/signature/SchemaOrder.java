package dev.jspy.signature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two post-passes that turn {@link dev.jspy.signature.PydanticSchema}'s tree into what
 * {@link FieldType#jsonSchema()} and {@link FieldType#toolArgSchema()} return.
 */
final class SchemaOrder {
  private SchemaOrder() {}

  /**
   * DSPy's {@code move_type_to_front}: every object's keys sorted, with {@code "type"} first,
   * recursively (property names and {@code $defs} included).
   *
   * @return the tree reordered, its objects unmodifiable
   */
  static Map<String, Object> moveTypeToFront(Map<String, Object> schema) {
    return deepUnmodifiable(sorted(schema));
  }

  /**
   * DSPy's {@code _resolve_json_schema_reference} over pydantic's schema: every {@code $ref} expanded in
   * place, {@code $defs} dropped; keywords alphabetical, property names in declaration order.
   *
   * @param schema a tree with its definitions under {@code "$defs"}, which this removes
   * @return a fresh mutable tree
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> toolArg(Map<String, Object> schema) {
    Object defs = schema.remove("$defs");
    return alphabetical(resolveRefs(schema, defs == null ? Map.of() : (Map<String, Object>) defs));
  }

  private static Map<String, Object> sorted(Map<String, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (map.containsKey("type")) {
      out.put("type", sortValue(map.get("type")));
    }
    for (Map.Entry<String, ?> e : new TreeMap<>(map).entrySet()) {
      if (!e.getKey().equals("type")) {
        out.put(e.getKey(), sortValue(e.getValue()));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object sortValue(Object v) {
    if (v instanceof Map) {
      return sorted((Map<String, ?>) v);
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(sortValue(e));
      }
      return List.copyOf(out);
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepUnmodifiable(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map ? deepUnmodifiable((Map<String, Object>) v) : v));
    return Collections.unmodifiableMap(out);
  }

  @SuppressWarnings("unchecked")
  private static Object resolveRefs(Object node, Map<String, Object> defs) {
    if (node instanceof Map) {
      Map<String, Object> m = (Map<String, Object>) node;
      Object ref = m.get("$ref");
      if (ref instanceof String) {
        String name = ((String) ref).substring(((String) ref).lastIndexOf('/') + 1);
        return resolveRefs(defs.get(name), defs);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, resolveRefs(v, defs)));
      return out;
    }
    if (node instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) node) {
        out.add(resolveRefs(e, defs));
      }
      return out;
    }
    return node;
  }

  /**
   * Pydantic's key order: keywords alphabetical, property names in declaration order. Unlike pydantic's
   * {@code sort} (which {@code StructuredOutputs} follows), the schema of a property named
   * {@code properties} or {@code default} is sorted too.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> alphabetical(Object node) {
    Map<String, Object> out = new LinkedHashMap<>();
    new TreeMap<>((Map<String, Object>) node)
        .forEach(
            (k, v) -> {
              if (k.equals("properties") && v instanceof Map) {
                Map<String, Object> props = new LinkedHashMap<>();
                ((Map<String, Object>) v).forEach((name, schema) -> props.put(name, alphabetical(schema)));
                out.put(k, props);
              } else {
                out.put(k, v instanceof Map ? alphabetical(v) : alphabeticalList(v));
              }
            });
    return out;
  }

  private static Object alphabeticalList(Object v) {
    if (!(v instanceof List)) {
      return v;
    }
    List<Object> out = new ArrayList<>();
    for (Object e : (List<?>) v) {
      out.add(e instanceof Map ? alphabetical(e) : alphabeticalList(e));
    }
    return out;
  }
}
