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
      switch (type.kind()) {
        case RECORD:
        case ENUM:
          return false;
        case OPTIONAL:
          return this == STRUCTURED_OUTPUTS ? titled(type.element()) : !isDefinition(type.element());
        default:
          return true;
      }
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
    return s.withDefs(
        type.kind() == FieldType.Kind.RECORD
            ? s.model(type.pythonName(), type.description(), type.components())
            : s.node(type));
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
    switch (type.kind()) {
      case STRING:
        n.put("type", "string");
        break;
      case INT:
      case LONG:
        n.put("type", "integer");
        break;
      case FLOAT:
      case DOUBLE:
        n.put("type", "number");
        break;
      case BOOLEAN:
        n.put("type", "boolean");
        break;
      case LIST:
        n.put("items", node(type.element()));
        n.put("type", "array");
        break;
      case MAP:
        n.put("additionalProperties", type.element().kind() == FieldType.Kind.ANY ? Boolean.TRUE : node(type.element()));
        n.put("type", "object");
        break;
      case OPTIONAL: {
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("type", "null");
        n.put("anyOf", new ArrayList<Object>(List.of(node(type.element()), none)));
        break;
      }
      case LITERAL: {
        List<String> values = type.enumValues();
        if (values.size() == 1 && flavor.singleLiteralAsConst()) {
          n.put("const", values.get(0));
        } else {
          n.put("enum", new ArrayList<Object>(values));
        }
        n.put("type", "string");
        break;
      }
      case ANY:
        break;
      case ENUM:
      case RECORD:
        String name = type.pythonName();
        if (!defs.containsKey(name)) {
          defs.put(name, Map.of()); // reserve the slot before recursing: a record may refer to itself
          defs.put(
              name,
              type.kind() == FieldType.Kind.ENUM
                  ? enumSchema(type)
                  : model(name, type.description(), type.components()));
        }
        n.put("$ref", "#/$defs/" + name);
        break;
      default:
        throw new AssertionError(type.kind());
    }
    return n;
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
    if (type.kind() == FieldType.Kind.OPTIONAL) {
      type = type.element();
      target = (Map<String, Object>) ((List<Object>) schema.get("anyOf")).get(0);
    }
    for (Constraint k : c.constraints()) {
      target.put(k.keyword(type), k.value());
    }
  }

  private static Map<String, Object> enumSchema(FieldType<?> type) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("enum", new ArrayList<Object>(type.enumValues()));
    n.put("title", type.pythonName());
    n.put("type", "string");
    return n;
  }

  private static boolean isDefinition(FieldType<?> type) {
    return type.kind() == FieldType.Kind.RECORD || type.kind() == FieldType.Kind.ENUM;
  }
}
