package dev.jspy.signature;

import dev.jspy.internal.py.PyStrings;
import dev.jspy.signature.FieldType.Component;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pydantic's {@code model_json_schema()} of jspy's field types, before any ordering: the one builder of
 * the schema trees that jspy shows an LM. Records and enums go under {@code $defs} and are referred to
 * with {@code $ref}; a record's fields are all required and titled as pydantic titles them. Key order
 * within a node is not pydantic's; each use sorts the tree its own way afterwards:
 *
 * <ul>
 *   <li>{@code FieldType.jsonSchema()}: DSPy's {@code move_type_to_front} ({@code SchemaOrder});
 *   <li>{@code FieldType.toolArgSchema()}: references expanded, keywords alphabetical;
 *   <li>{@code StructuredOutputs}: pydantic's {@code sort}, DSPy's {@code enforce_required} and the
 *       OpenAI SDK's {@code to_strict_json_schema}. Pydantic's sort leaves the schema of a property named
 *       {@code properties} or {@code default} as built, so only this use sees the order of insertion
 *       here (items or additionalProperties, then type, then title).
 * </ul>
 *
 * <p>The two {@link Flavor}s are the only places where the uses get different trees. Internal.
 */
public final class PydanticSchema {

  /** Where {@code FieldType}'s schemas and the structured-outputs schema differ, and only there. */
  public enum Flavor {
    /**
     * {@code FieldType.jsonSchema()} and {@code toolArgSchema()}: a one-value {@code Literal} is
     * {@code {"enum": [v]}}; a field gets no title when its schema is a {@code $ref}, or an {@code anyOf}
     * directly holding one ({@code Optional} of a record or enum, not {@code Optional[Optional[...]]}).
     */
    FIELD_TYPE,
    /**
     * {@code StructuredOutputs}: a one-value {@code Literal} is {@code {"const": v}} as in pydantic 2; a
     * field gets no title when it is a record or enum inside any number of {@code Optional}s (pydantic's
     * {@code field_title_should_be_set}).
     */
    STRUCTURED_OUTPUTS;

    boolean singleLiteralAsConst() {
      return this == STRUCTURED_OUTPUTS;
    }

    boolean titled(FieldType<?> type) {
      if (type instanceof FieldType.OptionalType<?> o) {
        return this == STRUCTURED_OUTPUTS ? titled(o.value()) : !isDefinition(o.value());
      }
      return !isDefinition(type);
    }
  }

  private final Flavor flavor;
  private final Map<String, Object> defs = new LinkedHashMap<>();

  private PydanticSchema(Flavor flavor) {
    this.flavor = flavor;
  }

  /**
   * @param type a type
   * @param flavor which use the schema is for
   * @return a fresh mutable tree: a record's model schema or another type's schema, with {@code "$defs"}
   *     last when it refers to any record or enum
   */
  public static Map<String, Object> of(FieldType<?> type, Flavor flavor) {
    PydanticSchema s = new PydanticSchema(flavor);
    return s.withDefs(type instanceof FieldType.RecordType<?> r ? s.model(r.name(), r.description(), r.components()) : s.node(type));
  }

  /**
   * @param title the model's name
   * @param fields the model's fields, in order
   * @param flavor which use the schema is for
   * @return a fresh mutable tree: the model's schema, with {@code "$defs"} last when it refers to any
   *     record or enum
   */
  public static Map<String, Object> model(String title, List<Component> fields, Flavor flavor) {
    PydanticSchema s = new PydanticSchema(flavor);
    return s.withDefs(s.model(title, "", fields));
  }

  private Map<String, Object> withDefs(Map<String, Object> root) {
    if (!defs.isEmpty()) {
      root.put("$defs", defs);
    }
    return root;
  }

  private Map<String, Object> model(String title, String description, List<Component> fields) {
    Map<String, Object> props = new LinkedHashMap<>();
    List<Object> required = new ArrayList<>();
    for (Component c : fields) {
      Map<String, Object> p = node(c.type());
      constrain(p, c);
      if (!c.description().isEmpty()) {
        p.put("description", c.description());
      }
      if (c.hasDefault()) {
        p.put("default", c.type().toJson(c.defaultValue()));
      }
      if (flavor.titled(c.type())) {
        p.put("title", PyStrings.title(c.name()));
      }
      props.put(c.name(), p);
      if (!c.hasDefault()) {
        required.add(c.name());
      }
    }
    Map<String, Object> n = new LinkedHashMap<>();
    if (!description.isEmpty()) {
      n.put("description", description);
    }
    n.put("properties", props);
    n.put("required", required);
    n.put("title", title);
    n.put("type", "object");
    return n;
  }

  /** The schema that stands for {@code type} inside another. */
  private Map<String, Object> node(FieldType<?> type) {
    Map<String, Object> n = new LinkedHashMap<>();
    if (type instanceof FieldType.StringType) {
      n.put("type", "string");
    } else if (type instanceof FieldType.IntType || type instanceof FieldType.LongType) {
      n.put("type", "integer");
    } else if (type instanceof FieldType.FloatType || type instanceof FieldType.DoubleType) {
      n.put("type", "number");
    } else if (type instanceof FieldType.BooleanType) {
      n.put("type", "boolean");
    } else if (type instanceof FieldType.ListType<?> l) {
      n.put("items", node(l.element()));
      n.put("type", "array");
    } else if (type instanceof FieldType.MapType<?> m) {
      n.put("additionalProperties", m.value() instanceof FieldType.AnyType ? Boolean.TRUE : node(m.value()));
      n.put("type", "object");
    } else if (type instanceof FieldType.OptionalType<?> o) {
      Map<String, Object> none = new LinkedHashMap<>();
      none.put("type", "null");
      n.put("anyOf", new ArrayList<Object>(List.of(node(o.value()), none)));
    } else if (type instanceof FieldType.LiteralType l) {
      if (l.values().size() == 1 && flavor.singleLiteralAsConst()) {
        n.put("const", l.values().get(0));
      } else {
        n.put("enum", new ArrayList<Object>(l.values()));
      }
      n.put("type", "string");
    } else if (type instanceof FieldType.EnumType<?> e) {
      n.put("$ref", "#/$defs/" + define(e.name(), () -> enumSchema(e)));
    } else if (type instanceof FieldType.RecordType<?> r) {
      n.put("$ref", "#/$defs/" + define(r.name(), () -> model(r.name(), r.description(), r.components())));
    }
    // FieldType.AnyType: {}
    return n;
  }

  /** Puts a definition under {@code $defs} once; the slot is reserved first, as a record may refer to itself. */
  private String define(String name, java.util.function.Supplier<Map<String, Object>> schema) {
    if (!defs.containsKey(name)) {
      defs.put(name, Map.of());
      defs.put(name, schema.get());
    }
    return name;
  }

  /**
   * A component's constraints as pydantic writes them: on the value's own schema, or on the first branch
   * of an {@code Optional}'s {@code anyOf} (a record or enum branch is a bare {@code $ref}, which pydantic
   * leaves alone: jspy's processor allows no constraint there).
   */
  @SuppressWarnings("unchecked")
  private static void constrain(Map<String, Object> schema, Component c) {
    if (c.constraints().isEmpty()) {
      return;
    }
    FieldType<?> type = c.type();
    Map<String, Object> target = schema;
    if (type instanceof FieldType.OptionalType<?> o) {
      type = o.value();
      target = (Map<String, Object>) ((List<Object>) schema.get("anyOf")).get(0);
    }
    for (Constraint k : c.constraints()) {
      target.put(k.keyword(type), k.value());
    }
  }

  private static Map<String, Object> enumSchema(FieldType.EnumType<?> type) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("enum", new ArrayList<Object>(type.values()));
    n.put("title", type.name());
    n.put("type", "string");
    return n;
  }

  private static boolean isDefinition(FieldType<?> type) {
    return type instanceof FieldType.RecordType || type instanceof FieldType.EnumType;
  }
}
