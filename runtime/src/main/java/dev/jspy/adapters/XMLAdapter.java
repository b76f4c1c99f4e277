package dev.jspy.adapters;

import dev.jspy.internal.py.PyJson;
import dev.jspy.internal.py.PyStrings;
import dev.jspy.signature.PydanticSchema;
import dev.jspy.internal.py.PythonRepr;
import dev.jspy.lm.Message;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DSPy's {@code XMLAdapter}: every field in its own XML element, lists, maps and records as nested
 * elements. Prompts are built and replies parsed exactly as DSPy 3.3.1's {@code XMLAdapter} does:
 *
 * <pre>
 * system:    Your input fields are: ... Your output fields are: ...
 *            All interactions will be structured in the following way, ...
 *            &lt;question&gt;
 *            {question}
 *            &lt;/question&gt;
 *
 *            &lt;answers&gt;&lt;item&gt;...&lt;/item&gt;&lt;/answers&gt;
 *            In adhering to this structure, your objective is: ...
 * user:      &lt;question&gt;
 *            Name two primes.
 *            &lt;/question&gt;
 *
 *            Respond with the corresponding output fields wrapped in XML tags `&lt;answers&gt;`. Use this
 *            nested XML structure: &lt;answers&gt;&lt;item&gt;...&lt;/item&gt;&lt;/answers&gt;
 * assistant: &lt;answers&gt;&lt;item&gt;2&lt;/item&gt;&lt;item&gt;3&lt;/item&gt;&lt;/answers&gt;
 * </pre>
 *
 * <p>A {@code String} output's text is escaped ({@code &} and {@code <}) in demos; the reply must be
 * well-formed XML once wrapped in one root element, so an LM that writes a bare {@code &} or {@code <}
 * in a value fails to parse. Output fields may come in any order, text between them is ignored, and an
 * output element's value is read guided by the field's JSON schema: {@code <item>} children for lists,
 * one child per key for maps and records ({@code <entry key="...">} where a key is no XML name), the
 * element's inner XML for a {@code String} written with child elements.
 *
 * <p>XMLAdapter is a ChatAdapter in DSPy and inherits its {@code use_json_adapter_fallback=True}: a reply
 * it cannot parse is asked again once with the {@link JSONAdapter} (see {@link #fallback()});
 * {@link #withoutFallback()} is the adapter without that second try.
 *
 * <p>Use it with {@code Jspy.configure(s -> s.adapter(XMLAdapter.INSTANCE))}. Stateless and thread-safe;
 * the system message and the outputs' schemas are computed once per signature.
 */
public final class XMLAdapter implements Adapter {
  /** The shared instance, falling back to {@link JSONAdapter#INSTANCE}. */
  public static final XMLAdapter INSTANCE = new XMLAdapter();

  private static final XMLAdapter WITHOUT_FALLBACK = new XMLAdapter(false);

  /** The key of what every XMLAdapter derives from a signature: it does not depend on the fallback. */
  private static final Object MEMO_KEY = new Object();

  private static final Map<String, Object> NULL_SCHEMA = Map.of("type", "null");

  /**
   * What depends on the signature alone.
   *
   * @param outputSchemas each output field's pydantic JSON schema, in signature order (never modified)
   */
  private record Fixed(String systemMessage, String outputRequirements, List<Map<String, Object>> outputSchemas) {}

  private final boolean jsonFallback;

  /** Creates an adapter that falls back to the JSON adapter; {@link #INSTANCE} serves everyone equally well. */
  public XMLAdapter() {
    this(true);
  }

  /**
   * @param jsonFallback whether a reply that cannot be parsed is asked again with {@link JSONAdapter}
   *     (DSPy's {@code use_json_adapter_fallback}, {@code true} by default)
   */
  public XMLAdapter(boolean jsonFallback) {
    this.jsonFallback = jsonFallback;
  }

  /**
   * The adapter without the JSON fallback: a reply it cannot parse fails the call at once with an
   * {@link AdapterParseException}. Use it with {@code Jspy.configure(s -> s.adapter(XMLAdapter.withoutFallback()))}.
   *
   * @return the shared adapter whose {@link #fallback()} is {@code null}
   */
  public static XMLAdapter withoutFallback() {
    return WITHOUT_FALLBACK;
  }

  @Override
  public String name() {
    return "XMLAdapter";
  }

  /** @return {@link JSONAdapter#INSTANCE}, or {@code null} for {@link #withoutFallback()} */
  @Override
  public Adapter fallback() {
    return jsonFallback ? JSONAdapter.INSTANCE : null;
  }

  @Override
  public List<Message> format(
      SignatureSpec<?, ?> signature, List<Map<String, Object>> demos, Map<String, Object> inputs) {
    Fixed f = fixed(signature);
    return ChatAdapter.messages(
        signature, f.systemMessage(), demos, inputs, f.outputRequirements(), XMLAdapter::userMessage,
        XMLAdapter::assistantMessage);
  }

  /**
   * Reads the reply as DSPy's {@code XMLAdapter.parse}: the reply wrapped in one root element must be
   * well-formed XML; the root's children named after output fields (the first of each name, or all of
   * them for a list) are decoded guided by the field's JSON schema, then as DSPy's {@code parse_value};
   * other elements and text are ignored, and an absent {@code Optional} output is empty.
   *
   * @throws AdapterParseException if the reply is not well-formed XML, an output field is absent, or a
   *     value does not fit its field's type
   */
  @Override
  public Object[] parse(SignatureSpec<?, ?> signature, String completion) {
    String text = completion == null ? "" : completion;
    XmlElement root;
    try {
      root = XmlElement.parseUnder("dspy_root", text);
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      signature.outputs().forEach(f -> names.add(f.name()));
      throw new AdapterParseException(
          name(), signature.toString(), completion, names, "Failed to parse XML: " + e.getMessage());
    }
    Map<String, List<XmlElement>> elements = root.groupChildren();
    List<FieldSpec> outputs = signature.outputs();
    List<Map<String, Object>> schemas = fixed(signature).outputSchemas();
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      FieldSpec field = outputs.get(i);
      List<XmlElement> found = elements.get(field.name());
      if (found != null) {
        parsed.put(field.name(), parseField(signature, completion, field, found, schemas.get(i)));
      }
    }
    return ChatAdapter.withDefaults(name(), signature, completion, parsed);
  }

  /**
   * One output field: its elements read with the field's whole schema, then with each {@code anyOf}
   * choice in turn, until a value is read that {@code parse_value} (or, that failing, validation of the
   * value itself) accepts.
   */
  private Object parseField(
      SignatureSpec<?, ?> signature, String completion, FieldSpec field, List<XmlElement> found,
      Map<String, Object> schema) {
    Map<String, Object> defs = map(schema.get("$defs"));
    List<Object> candidates = new ArrayList<>();
    candidates.add(schema);
    candidates.addAll(list(schema.get("anyOf")));
    Object value = null;
    RuntimeException error = null;
    for (Object candidate : candidates) {
      try {
        value = elementsToValue(found, map(candidate), defs);
        try {
          return JSONAdapter.parseValue(field.type(), value);
        } catch (IllegalArgumentException notParsed) {
          return field.type().fromJson(value); // pydantic's validate_python of the value as read
        }
      } catch (RuntimeException e) {
        error = e;
      }
    }
    throw new AdapterParseException(
        name(),
        signature.toString(),
        completion,
        List.of(field.name()),
        "Failed to parse field " + field.name() + " with value "
            + (value instanceof String ? value : PythonRepr.repr(value)) + ": " + error.getMessage());
  }

  // ------------------------------------------------------------------ the system message

  private static Fixed fixed(SignatureSpec<?, ?> signature) {
    return signature.memo(MEMO_KEY, XMLAdapter::computeFixed);
  }

  private static Fixed computeFixed(SignatureSpec<?, ?> signature) {
    List<Map<String, Object>> schemas = new ArrayList<>();
    for (FieldSpec f : signature.outputs()) {
      schemas.add(PydanticSchema.of(f.type(), PydanticSchema.Flavor.FIELD_TYPE));
    }
    return new Fixed(
        ChatAdapter.fieldDescription(signature) + "\n" + fieldStructure(signature) + "\n"
            + ChatAdapter.taskDescription(signature),
        outputRequirements(signature),
        List.copyOf(schemas));
  }

  /** DSPy's {@code XMLAdapter.format_field_structure}; unlike ChatAdapter's, not stripped. */
  private static String fieldStructure(SignatureSpec<?, ?> signature) {
    List<String> inputs = new ArrayList<>();
    for (FieldSpec f : signature.inputs()) {
      inputs.add(PyStrings.strip(section(f, false, FieldDescriptions.placeholder(f, true))));
    }
    List<String> outputs = new ArrayList<>();
    for (FieldSpec f : signature.outputs()) {
      outputs.add(
          usesNestedXml(f.type())
              ? xmlSchema(f.name(), f.type())
              : PyStrings.strip(section(f, true, FieldDescriptions.placeholder(f, false))));
    }
    return String.join(
        "\n\n",
        "All interactions will be structured in the following way, with the appropriate values filled in.",
        String.join("\n\n", inputs),
        String.join("\n\n", outputs));
  }

  /** DSPy's {@code XMLAdapter.user_message_output_requirements}. */
  private static String outputRequirements(SignatureSpec<?, ?> signature) {
    List<String> tags = new ArrayList<>();
    List<String> schemas = new ArrayList<>();
    for (FieldSpec f : signature.outputs()) {
      tags.add("`<" + f.name() + ">`");
      if (usesNestedXml(f.type())) {
        schemas.add(xmlSchema(f.name(), f.type()));
      }
    }
    return "Respond with the corresponding output fields wrapped in XML tags " + String.join(", then ", tags) + "."
        + (schemas.isEmpty() ? "" : " Use this nested XML structure: " + String.join(" ", schemas));
  }

  // ------------------------------------------------------------------ demos and inputs

  /** DSPy's {@code XMLAdapter.format_user_message_content}. */
  private static String userMessage(
      SignatureSpec<?, ?> signature, Map<String, Object> values, String prefix, String requirements) {
    List<String> sections = new ArrayList<>();
    for (FieldSpec f : signature.inputs()) {
      if (values.containsKey(f.name())) {
        sections.add(section(f, false, values.get(f.name())));
      }
    }
    List<String> parts = new ArrayList<>();
    parts.add(prefix);
    parts.add(PyStrings.strip(String.join("\n\n", sections)));
    if (requirements != null) {
      parts.add(requirements);
    }
    parts.add("");
    return PyStrings.strip(String.join("\n\n", parts));
  }

  /** DSPy's {@code XMLAdapter.format_assistant_message_content}: no end marker, unlike ChatAdapter's. */
  private static String assistantMessage(SignatureSpec<?, ?> signature, Map<String, Object> values, String missing) {
    List<String> sections = new ArrayList<>();
    for (FieldSpec f : signature.outputs()) {
      sections.add(section(f, true, values.containsKey(f.name()) ? values.get(f.name()) : missing));
    }
    return PyStrings.strip(String.join("\n\n", sections));
  }

  /**
   * One field of DSPy's {@code XMLAdapter.format_field_with_value}: an output whose type nests (list, map,
   * record) and whose value is a container as nested elements; otherwise {@code <name>\nvalue\n</name>}
   * with the value formatted as ChatAdapter formats it, {@code &} and {@code <} escaped for a
   * {@code String} output.
   */
  private static String section(FieldSpec field, boolean output, Object value) {
    if (output && usesNestedXml(field.type())) {
      Object serialized = ValueFormatter.jsonable(field.type(), value);
      if (serialized instanceof Map || serialized instanceof List) {
        return valueToXml(serialized, field.name(), null);
      }
    }
    String formatted = ValueFormatter.format(field.type(), value);
    if (output && field.type().isString()) {
      formatted = escape(formatted);
    }
    return "<" + field.name() + ">\n" + formatted + "\n</" + field.name() + ">";
  }

  // ------------------------------------------------------------------ nested XML

  /** DSPy's {@code _uses_nested_xml}: lists, maps and records (inside any {@code Optional}). */
  static boolean usesNestedXml(FieldType<?> type) {
    FieldType<?> t = type;
    while (t instanceof FieldType.OptionalType<?> o) {
      t = o.value();
    }
    return t instanceof FieldType.ListType || t instanceof FieldType.MapType || t instanceof FieldType.RecordType;
  }

  /** DSPy's {@code _value_to_xml}: a JSON tree as nested elements, list items as {@code <item>}. */
  static String valueToXml(Object value, String tag, String key) {
    String attrs = key != null ? " key=" + quoteAttribute(key) : "";
    if (value instanceof List) {
      StringBuilder children = new StringBuilder();
      for (Object item : (List<?>) value) {
        children.append(valueToXml(item, "item", null));
      }
      return children.length() > 0 ? "<" + tag + attrs + ">" + children + "</" + tag + ">" : "<" + tag + attrs + " />";
    }
    if (value instanceof Map) {
      StringBuilder children = new StringBuilder();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        String name = String.valueOf(e.getKey());
        String probe = name.isEmpty() ? name : name.charAt(0) + name.substring(1).replace('-', '_').replace('.', '_');
        children.append(
            isIdentifier(probe) ? valueToXml(e.getValue(), name, null) : valueToXml(e.getValue(), "entry", name));
      }
      return "<" + tag + attrs + ">" + children + "</" + tag + ">";
    }
    return value != null
        ? "<" + tag + attrs + ">" + escape(PyJson.str(value)) + "</" + tag + ">"
        : "<" + tag + attrs + " />";
  }

  /** DSPy's {@code _xml_schema}: the nested elements an output's schema asks for, leaves as {@code ...}. */
  static String xmlSchema(String tag, FieldType<?> type) {
    Map<String, Object> schema = PydanticSchema.of(type, PydanticSchema.Flavor.FIELD_TYPE);
    return schemaToXml(tag, schema, map(schema.get("$defs")), Set.of());
  }

  private static String schemaToXml(String tag, Map<String, Object> schema, Map<String, Object> defs, Set<String> seen) {
    Object ref = schema.get("$ref");
    if (ref instanceof String && !((String) ref).isEmpty()) {
      String name = refName((String) ref);
      if (seen.contains(name)) {
        return "<" + tag + ">...</" + tag + ">"; // a record that contains itself
      }
      Set<String> deeper = new HashSet<>(seen);
      deeper.add(name);
      return schemaToXml(tag, map(defs.get(name)), defs, deeper);
    }
    List<Object> choices = list(schema.get("anyOf"));
    if (!choices.isEmpty()) {
      Object choice = choices.get(0);
      for (Object c : choices) {
        if (!"null".equals(map(c).get("type"))) {
          choice = c;
          break;
        }
      }
      return schemaToXml(tag, map(choice), defs, seen);
    }
    if ("array".equals(schema.get("type"))) {
      return "<" + tag + ">" + schemaToXml("item", map(schema.get("items")), defs, seen) + "</" + tag + ">";
    }
    StringBuilder children = new StringBuilder();
    for (Map.Entry<String, Object> p : map(schema.get("properties")).entrySet()) {
      children.append(schemaToXml(p.getKey(), map(p.getValue()), defs, seen));
    }
    return "<" + tag + ">" + (children.length() > 0 ? children : "...") + "</" + tag + ">";
  }

  /**
   * DSPy's {@code _elements_to_value}: the JSON tree that elements of one name hold, read as their schema
   * says: {@code null} for an empty element of an optional type, a list from {@code <item>}s (or from the
   * elements themselves, or the text when it looks like a JSON list), a map from the children, the inner
   * XML for a string with child elements, and the stripped text otherwise.
   */
  static Object elementsToValue(List<XmlElement> elements, Map<String, Object> schema, Map<String, Object> defs) {
    Object ref = schema.get("$ref");
    String refName = ref instanceof String ? refName((String) ref) : "";
    if (defs.containsKey(refName)) {
      schema = map(defs.get(refName));
    }
    XmlElement first = elements.get(0);
    List<Object> choices = list(schema.get("anyOf"));
    if (!choices.isEmpty()) {
      if (choices.contains(NULL_SCHEMA) && first.children().isEmpty() && PyStrings.strip(first.text()).isEmpty()) {
        return null;
      }
      List<Map<String, Object>> present = new ArrayList<>();
      for (Object c : choices) {
        if (!"null".equals(map(c).get("type"))) {
          present.add(map(c));
        }
      }
      schema = present.get(0); // no choice but null: an error, as DSPy's IndexError
      if (!first.children().isEmpty()) {
        for (Map<String, Object> c : present) {
          if (!"string".equals(c.get("type"))) {
            schema = c;
            break;
          }
        }
      }
    }
    if ("array".equals(schema.get("type"))) {
      if (elements.size() == 1 && first.children().isEmpty()) {
        String text = PyStrings.strip(first.text());
        if (text.isEmpty()) {
          return new ArrayList<>();
        }
        if (text.startsWith("[")) {
          return text;
        }
      }
      if (elements.size() == 1) {
        List<XmlElement> items = first.groupChildren().get("item");
        if (items != null) {
          elements = items;
        }
      }
      Map<String, Object> itemSchema = map(schema.get("items"));
      List<Object> out = new ArrayList<>();
      for (XmlElement e : elements) {
        out.add(elementsToValue(List.of(e), itemSchema, defs));
      }
      return out;
    }
    if ("string".equals(schema.get("type")) && !first.children().isEmpty()) {
      StringBuilder inner = new StringBuilder(first.text());
      for (XmlElement child : first.children()) {
        inner.append(child.toXml());
      }
      return inner.toString();
    }
    Map<String, List<XmlElement>> children = first.groupChildren();
    if (children.isEmpty()) {
      if ("object".equals(schema.get("type")) && PyStrings.strip(first.text()).isEmpty()) {
        return new LinkedHashMap<String, Object>();
      }
      List<Object> texts = new ArrayList<>();
      for (XmlElement e : elements) {
        texts.add(PyStrings.strip(e.text()));
      }
      return texts.size() == 1 ? texts.get(0) : texts;
    }
    Map<String, Object> properties = map(schema.get("properties"));
    Map<String, Object> childSchema = map(schema.get("additionalProperties"));
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<XmlElement>> c : children.entrySet()) {
      Object s = properties.containsKey(c.getKey()) ? properties.get(c.getKey()) : childSchema;
      out.put(c.getKey(), elementsToValue(c.getValue(), map(s), defs));
    }
    return out;
  }

  // ------------------------------------------------------------------ small helpers

  /** {@code &} and {@code <} as entities: what DSPy escapes in text it writes between tags. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;");
  }

  /** Python's {@code xml.sax.saxutils.quoteattr}. */
  private static String quoteAttribute(String value) {
    String v = value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
        .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    if (v.indexOf('"') < 0) {
      return "\"" + v + "\"";
    }
    return v.indexOf('\'') < 0 ? "'" + v + "'" : "\"" + v.replace("\"", "&quot;") + "\"";
  }

  /** Python's {@code str.isidentifier}. */
  private static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int first = s.codePointAt(0);
    if (first != '_' && !Character.isUnicodeIdentifierStart(first)) {
      return false;
    }
    for (int i = Character.charCount(first); i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!Character.isUnicodeIdentifierPart(cp) || Character.isIdentifierIgnorable(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  private static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** A schema node as a map; anything else (absent, {@code true}) as the empty schema. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    return node instanceof Map ? (Map<String, Object>) node : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object node) {
    return node instanceof List ? (List<Object>) node : List.of();
  }
}
