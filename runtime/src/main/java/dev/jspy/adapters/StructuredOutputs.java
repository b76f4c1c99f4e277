package dev.jspy.adapters;

import dev.jspy.signature.PydanticSchema;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code response_format} DSPy's JSONAdapter sends, built as DSPy 3.3.1 builds it and as litellm and
 * the OpenAI SDK then turn it into request JSON:
 *
 * <ol>
 *   <li>{@code _get_structured_outputs_response_format}: a pydantic model {@code DSPyProgramOutputs} of
 *       the output fields with {@code extra="forbid"}, its {@code model_json_schema()} (pydantic's key
 *       order: keywords alphabetical, properties in declaration order, records and enums under
 *       {@code $defs}), then {@code enforce_required} (every object lists all its properties as required
 *       and gets {@code "additionalProperties": false}; an object without properties, such as a map
 *       inside a record, becomes an empty closed object);
 *   <li>litellm's {@code type_to_response_format_param}, which runs the OpenAI SDK's
 *       {@code to_strict_json_schema} over that schema and wraps it as
 *       {@code {"type": "json_schema", "json_schema": {"schema": ..., "name": "DSPyProgramOutputs", "strict": true}}}.
 * </ol>
 *
 * <p>An output that is itself a map ({@code dict[str, T]}) cannot be described with closed objects, so
 * DSPy asks for JSON mode instead: {@code {"type": "json_object"}}.
 */
final class StructuredOutputs {
  static final String MODEL_NAME = "DSPyProgramOutputs";

  private StructuredOutputs() {}

  /** @return {@code {"type": "json_object"}} */
  static Map<String, Object> jsonObject() {
    return Map.of("type", "json_object");
  }

  /**
   * @param signature a signature
   * @return its response format, as an unmodifiable JSON tree in the order DSPy sends it
   */
  static Map<String, Object> responseFormat(SignatureSpec<?, ?> signature) {
    for (FieldSpec f : signature.outputs()) {
      if (f.type() instanceof FieldType.MapType) {
        return jsonObject(); // DSPy's _has_open_ended_mapping
      }
    }
    Map<String, Object> schema = schema(signature);
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("schema", schema);
    inner.put("name", MODEL_NAME);
    inner.put("strict", Boolean.TRUE);
    Map<String, Object> format = new LinkedHashMap<>();
    format.put("type", "json_schema");
    format.put("json_schema", inner);
    return frozen(format);
  }

  /** The strict schema of the output fields (mutable, for the caller to wrap). */
  static Map<String, Object> schema(SignatureSpec<?, ?> signature) {
    List<FieldType.Component> fields = new ArrayList<>();
    for (FieldSpec f : signature.outputs()) {
      fields.add(FieldType.component(f.name(), f.type()));
    }
    Map<String, Object> root = PydanticSchema.model(MODEL_NAME, fields, PydanticSchema.Flavor.STRUCTURED_OUTPUTS);
    root.put("additionalProperties", Boolean.FALSE); // extra="forbid"
    Map<String, Object> schema = asMap(pydanticSort(root, null));
    enforceRequired(schema);
    return ensureStrict(schema, schema);
  }

  // ------------------------------------------------------------------ pydantic's key order (the tree: PydanticSchema)

  /** Pydantic's {@code GenerateJsonSchema.sort}: keys sorted, except directly under properties/default. */
  private static Object pydanticSort(Object value, String parentKey) {
    if (value instanceof Map) {
      Map<String, Object> in = asMap(value);
      Map<String, Object> keys = "properties".equals(parentKey) || "default".equals(parentKey) ? in : new TreeMap<>(in);
      Map<String, Object> out = new LinkedHashMap<>();
      keys.forEach((k, v) -> out.put(k, pydanticSort(v, k)));
      return out;
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object item : (List<?>) value) {
        out.add(pydanticSort(item, parentKey));
      }
      return out;
    }
    return value;
  }

  // ------------------------------------------------------------------ DSPy's enforce_required

  private static void enforceRequired(Map<String, Object> part) {
    if ("object".equals(part.get("type"))) {
      Object props = part.get("properties");
      if (props != null) {
        part.put("required", new ArrayList<Object>(asMap(props).keySet()));
        part.put("additionalProperties", Boolean.FALSE);
        for (Object sub : asMap(props).values()) {
          if (sub instanceof Map) {
            enforceRequired(asMap(sub));
          }
        }
      } else {
        part.put("properties", new LinkedHashMap<String, Object>());
        part.put("required", new ArrayList<>());
        part.put("additionalProperties", Boolean.FALSE);
      }
    }
    if ("array".equals(part.get("type")) && part.get("items") instanceof Map) {
      enforceRequired(asMap(part.get("items")));
    }
    for (String key : List.of("$defs", "definitions")) {
      if (part.containsKey(key)) {
        for (Object def : asMap(part.get(key)).values()) {
          enforceRequired(asMap(def));
        }
      }
    }
  }

  // ------------------------------------------------------------------ OpenAI SDK's _ensure_strict_json_schema

  private static Map<String, Object> ensureStrict(Map<String, Object> schema, Map<String, Object> root) {
    for (String key : List.of("$defs", "definitions")) {
      if (schema.get(key) instanceof Map) {
        for (Object def : asMap(schema.get(key)).values()) {
          ensureStrict(asMap(def), root);
        }
      }
    }
    if ("object".equals(schema.get("type")) && !schema.containsKey("additionalProperties")) {
      schema.put("additionalProperties", Boolean.FALSE);
    }
    if (schema.get("properties") instanceof Map) {
      Map<String, Object> props = asMap(schema.get("properties"));
      schema.put("required", new ArrayList<Object>(props.keySet()));
      Map<String, Object> strict = new LinkedHashMap<>();
      props.forEach((k, v) -> strict.put(k, ensureStrict(asMap(v), root)));
      schema.put("properties", strict);
    }
    if (schema.get("items") instanceof Map) {
      schema.put("items", ensureStrict(asMap(schema.get("items")), root));
    }
    for (String key : List.of("prefixItems", "anyOf")) {
      if (schema.get(key) instanceof List) {
        List<Object> out = new ArrayList<>();
        for (Object v : (List<?>) schema.get(key)) {
          out.add(ensureStrict(asMap(v), root));
        }
        schema.put(key, out);
      }
    }
    if (schema.get("allOf") instanceof List) {
      List<?> allOf = (List<?>) schema.get("allOf");
      if (allOf.size() == 1) {
        schema.putAll(ensureStrict(asMap(allOf.get(0)), root));
        schema.remove("allOf");
      } else {
        List<Object> out = new ArrayList<>();
        for (Object v : allOf) {
          out.add(ensureStrict(asMap(v), root));
        }
        schema.put("allOf", out);
      }
    }
    if (schema.containsKey("default") && schema.get("default") == null) {
      schema.remove("default");
    }
    Object ref = schema.get("$ref");
    if (ref instanceof String && !((String) ref).isEmpty() && schema.size() > 1) {
      // A $ref with siblings is inlined: the referenced schema's keys, then this one's taking priority.
      Map<String, Object> resolved = resolve(root, (String) ref);
      Map<String, Object> merged = new LinkedHashMap<>(resolved);
      merged.putAll(schema);
      schema.putAll(merged);
      schema.remove("$ref");
      return ensureStrict(schema, root);
    }
    return schema;
  }

  private static Map<String, Object> resolve(Map<String, Object> root, String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalArgumentException("Unexpected $ref format " + ref + "; Does not start with #/");
    }
    Map<String, Object> node = root;
    for (String key : ref.substring(2).split("/", -1)) {
      node = asMap(node.get(key));
    }
    return node;
  }

  // ------------------------------------------------------------------ trees

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    if (!(o instanceof Map)) {
      throw new IllegalStateException("expected a JSON object in the schema, got " + o);
    }
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static <T> T frozen(T tree) {
    if (tree instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) tree).forEach((k, v) -> out.put(k, frozen(v)));
      return (T) Collections.unmodifiableMap(out);
    }
    if (tree instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object v : (List<?>) tree) {
        out.add(frozen(v));
      }
      return (T) Collections.unmodifiableList(out);
    }
    return tree;
  }
}
