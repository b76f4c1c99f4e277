package dev.jspy.adapters;

import dev.jspy.lm.LM;
import dev.jspy.internal.py.JsonRepair;
import dev.jspy.internal.py.PyJson;
import dev.jspy.internal.py.PyStrings;
import dev.jspy.internal.py.PythonRepr;
import dev.jspy.internal.py.ValueLimitException;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.Message;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DSPy's {@code JSONAdapter}: inputs in {@code [[ ## name ## ]]} sections as with {@link ChatAdapter}, the
 * reply one JSON object with a key per output field, constrained by OpenAI structured outputs. Prompts,
 * {@code response_format} and parsing follow DSPy 3.3.1 exactly:
 *
 * <pre>
 * system:    Your input fields are: ... Your output fields are: ...
 *            All interactions will be structured in the following way, ...
 *            Inputs will have the following structure: [[ ## question ## ]] {question}
 *            Outputs will be a JSON object with the following fields. { "answer": "{answer}" }
 *            In adhering to this structure, your objective is: ...
 * user:      [[ ## question ## ]]
 *            What is 2+2?
 *
 *            Respond with a JSON object in the following order of fields: `answer`.
 * assistant: {
 *              "answer": "4"
 *            }
 * </pre>
 *
 * <p>Each request carries {@code response_format}: by default the strict JSON schema of the outputs
 * ({@code {"type": "json_schema", "json_schema": {"schema": ..., "name": "DSPyProgramOutputs", "strict": true}}},
 * as DSPy sends it to an LM that supports response schemas), or {@code {"type": "json_object"}} when an
 * output is a {@code Map}, which a strict schema cannot describe. For servers without structured outputs,
 * build the adapter with {@link Mode#JSON_OBJECT} or {@link Mode#NONE}, as DSPy picks for such LMs.
 *
 * <p>This is the adapter {@link ChatAdapter} falls back to. Stateless and thread-safe; the system message
 * and the response format are computed once per signature.
 */
public final class JSONAdapter implements Adapter {

  /** Which {@code response_format} requests carry, as DSPy chooses by what the LM supports. */
  public enum Mode {
    /** The strict JSON schema of the outputs ({@code json_object} when an output is a map): the default. */
    JSON_SCHEMA,
    /** Always {@code {"type": "json_object"}}, as DSPy for an LM without response schemas. */
    JSON_OBJECT,
    /** No {@code response_format}, as DSPy for an LM that does not take the parameter. */
    NONE
  }

  /** The shared instance, sending the structured-outputs schema. */
  public static final JSONAdapter INSTANCE = new JSONAdapter();

  /** Where a structured-outputs request that failed is retried, as DSPy retries in JSON mode. */
  private static final JSONAdapter JSON_OBJECT_RETRY = new JSONAdapter(Mode.JSON_OBJECT);

  private final Mode mode;

  /** What depends on the signature alone, keyed by identity; signatures are long-lived constants. */

  private record Fixed(String systemMessage, String outputRequirements, Map<String, Object> responseFormat) {}

  /** Creates an adapter sending the structured-outputs schema; {@link #INSTANCE} serves everyone equally well. */
  public JSONAdapter() {
    this(Mode.JSON_SCHEMA);
  }

  /**
   * @param mode which {@code response_format} requests carry
   */
  public JSONAdapter(Mode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  @Override
  public String name() {
    return "JSONAdapter";
  }

  /** @return which {@code response_format} requests carry */
  public Mode mode() {
    return mode;
  }

  @Override
  public List<Message> format(
      SignatureSpec<?, ?> signature, List<Map<String, Object>> demos, Map<String, Object> inputs) {
    Fixed f = fixed(signature);
    return ChatAdapter.messages(
        signature, f.systemMessage(), demos, inputs, f.outputRequirements(), ChatAdapter::userMessage,
        JSONAdapter::assistantMessage);
  }

  /**
   * Sets {@code response_format} (replacing any the caller set, as DSPy does) to no more than the LM takes
   * ({@link LM#responseFormatSupport()}): nothing for an LM without the parameter or in {@link Mode#NONE},
   * {@code json_object} for an LM without structured outputs, else this adapter's format.
   */
  @Override
  public LMRequest prepare(SignatureSpec<?, ?> signature, LM lm, LMRequest request) {
    Map<String, Object> format = responseFormat(signature, lm);
    return format == null ? request : request.withParam("response_format", format);
  }

  private Map<String, Object> responseFormat(SignatureSpec<?, ?> signature, LM lm) {
    LM.ResponseFormatSupport support = lm == null ? LM.ResponseFormatSupport.JSON_SCHEMA : lm.responseFormatSupport();
    if (support == LM.ResponseFormatSupport.NONE || mode == Mode.NONE) {
      return null;
    }
    if (support == LM.ResponseFormatSupport.JSON_OBJECT) {
      return StructuredOutputs.jsonObject();
    }
    return fixed(signature).responseFormat();
  }

  /**
   * As DSPy's {@code JSONAdapter.__call__}: after a structured-outputs request (a strict JSON schema) whose
   * reply fails, the same request again in {@code json_object} mode; after any other, nothing.
   */
  @Override
  public Adapter fallback(SignatureSpec<?, ?> signature, LM lm) {
    Map<String, Object> sent = responseFormat(signature, lm);
    return sent != null && "json_schema".equals(sent.get("type")) ? JSON_OBJECT_RETRY : null;
  }

  /**
   * The response format this adapter sends for a signature.
   *
   * @param signature a signature
   * @return the {@code response_format} JSON tree (unmodifiable), or {@code null} in {@link Mode#NONE}
   */
  public Map<String, Object> responseFormat(SignatureSpec<?, ?> signature) {
    return fixed(signature).responseFormat();
  }

  /**
   * Reads the reply as DSPy's {@code JSONAdapter.parse}: the reply as (lenient) JSON, or else the first
   * balanced {@code {...}} in it; keys that are not output fields are dropped, each output field's value
   * decoded as DSPy's {@code parse_value} (a {@code str} field takes any value as Python's {@code str()}
   * writes it), and an absent {@code Optional} output is empty.
   *
   * @throws AdapterParseException if the reply holds no JSON object, an output field is absent, a
   *     value does not fit its field's type, or the reply breaks a limit Python has too (an integer of
   *     more than 4300 digits, nesting deeper than 512 levels)
   */
  @Override
  public Object[] parse(SignatureSpec<?, ?> signature, String completion) {
    String text = completion == null ? "" : completion;
    List<String> names = new ArrayList<>();
    signature.outputs().forEach(f -> names.add(f.name()));
    Object fields;
    try {
      fields = lenientJson(text);
      if (!(fields instanceof Map)) {
        String object = firstBalancedObject(text);
        if (object != null) {
          fields = lenientJson(object);
        }
      }
    } catch (ValueLimitException e) {
      throw new AdapterParseException(
          name(),
          signature.toString(),
          completion,
          names,
          "LM response cannot be read as JSON: " + e.getMessage() + "\n\n"
              + "Expected to find output fields in the LM response: [" + String.join(", ", names) + "] ");
    }
    if (!(fields instanceof Map)) {
      throw new AdapterParseException(
          name(),
          signature.toString(),
          completion,
          names,
          "LM response cannot be serialized to a JSON object.\n\n"
              + "Expected to find output fields in the LM response: [" + String.join(", ", names) + "] ");
    }

    List<FieldSpec> outputs = signature.outputs();
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) fields).entrySet()) {
      String name = String.valueOf(e.getKey());
      FieldSpec field = ChatAdapter.find(outputs, name);
      if (field == null) {
        continue;
      }
      try {
        parsed.put(name, parseValue(field.type(), e.getValue()));
      } catch (RuntimeException ex) {
        Object v = e.getValue();
        throw new AdapterParseException(
            name(),
            signature.toString(),
            completion,
            List.of(name),
            "Failed to parse field " + name + " with value "
                + PyStrings.excerpt(v instanceof String ? (String) v : PyJson.dumps(v), ValueParser.MAX_QUOTED)
                + " from the LM response. Error message: " + ex.getMessage());
      }
    }
    return ChatAdapter.withDefaults(name(), signature, completion, parsed);
  }

  /**
   * @return in {@link Mode#JSON_SCHEMA}, this adapter in {@link Mode#JSON_OBJECT}, for a structured-outputs
   *     reply that fails (see {@link #fallback(SignatureSpec, LM)}, which also knows what was sent);
   *     otherwise {@code null}
   */
  @Override
  public Adapter fallback() {
    return mode == Mode.JSON_SCHEMA ? JSON_OBJECT_RETRY : null;
  }

  // ------------------------------------------------------------------ parsing

  /**
   * {@code json_repair.loads} at the top level: strict JSON; else each object or array in the text
   * (prose between them skipped), read leniently, where an object followed by one of the same shape (same
   * keys, same value types) is replaced by it, as json_repair treats a repeated object as an update. One
   * value left is the result; several make a list; none, {@code null}.
   *
   * @throws ValueLimitException if the text holds a too-long integer or nests too deep
   */
  static Object lenientJson(String text) {
    try {
      return PyJson.loads(text);
    } catch (ValueLimitException limit) {
      throw limit; // Python's ValueError/RecursionError escapes json_repair too
    } catch (IllegalArgumentException notJson) {
      // go on leniently
    }
    List<Object> values = new ArrayList<>();
    int pos = 0;
    int previousEnd = -1;
    while (true) {
      int start = nextOpening(text, pos);
      if (start < 0) {
        break;
      }
      int end = closingEnd(text, start);
      Object v = JsonRepair.firstValue(text.substring(start, end));
      if (v != null && truthy(v)) {
        boolean commaSeparated = previousEnd >= 0 && startsOrEndsWithComma(text.substring(previousEnd, start));
        if (!values.isEmpty()) {
          Object last = values.get(values.size() - 1);
          if ((!commaSeparated && sameShape(last, v)) || !truthy(last)) {
            values.remove(values.size() - 1);
          }
        }
        values.add(v);
      } else if (values.isEmpty() && v != null) {
        values.add(v); // an empty first value is kept until something replaces it
      }
      previousEnd = end;
      pos = end;
    }
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : values;
  }

  private static int nextOpening(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || c == '[') {
        return i;
      }
    }
    return -1;
  }

  /** Just past the bracket that closes the one at {@code start} (quoted text skipped), or the text's end. */
  private static int closingEnd(String text, int start) {
    int depth = 0;
    char quote = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return text.length();
  }

  private static boolean startsOrEndsWithComma(String gap) {
    String g = gap.strip();
    return g.startsWith(",") || g.endsWith(",");
  }

  /** Python truthiness of a JSON value. */
  private static boolean truthy(Object v) {
    if (v instanceof Map) {
      return !((Map<?, ?>) v).isEmpty();
    }
    if (v instanceof List) {
      return !((List<?>) v).isEmpty();
    }
    return v != null;
  }

  /** json_repair's {@code ObjectComparer.is_same_object}: same Python types, same keys, same lengths. */
  private static boolean sameShape(Object a, Object b) {
    if (!pythonType(a).equals(pythonType(b))) {
      return false;
    }
    if (a instanceof Map) {
      Map<?, ?> x = (Map<?, ?>) a;
      Map<?, ?> y = (Map<?, ?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !sameShape(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameShape(x.get(i), y.get(i))) {
          return false;
        }
      }
    }
    return true;
  }

  private static String pythonType(Object v) {
    if (v == null) {
      return "NoneType";
    }
    if (v instanceof Map) {
      return "dict";
    }
    if (v instanceof List) {
      return "list";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
      return "float";
    }
    if (v instanceof Number) {
      return "int";
    }
    return "str";
  }

  /**
   * The first match of DSPy's recursive pattern {@code \{(?:[^{}]|(?R))*\}}: from the leftmost
   * {@code {} whose braces balance, up to the brace that closes it (quotes are not special).
   */
  static String firstBalancedObject(String text) {
    // One pass pairing braces with a stack (a '}' with nothing open is skipped, as the regex never sees
    // it); the leftmost '{' that gets paired starts the match.
    int[] open = new int[16];
    int depth = 0;
    int bestStart = -1;
    int bestEnd = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        if (depth == open.length) {
          open = java.util.Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = i;
      } else if (c == '}' && depth > 0) {
        int start = open[--depth];
        if (bestStart < 0 || start < bestStart) {
          bestStart = start;
          bestEnd = i;
        }
      }
    }
    return bestStart < 0 ? null : text.substring(bestStart, bestEnd + 1);
  }

  /** DSPy's {@code parse_value} for a value already read from JSON. */
  static Object parseValue(FieldType<?> type, Object value) {
    if (type.isString()) {
      return value instanceof String ? value : PythonRepr.repr(value); // str(value)
    }
    if (value instanceof String) {
      return ValueParser.parse(type, (String) value);
    }
    return type.fromJson(value);
  }

  // ------------------------------------------------------------------ formatting

  private Fixed fixed(SignatureSpec<?, ?> signature) {
    return signature.memo(this, this::computeFixed);
  }

  private Fixed computeFixed(SignatureSpec<?, ?> signature) {
    Map<String, Object> format;
    switch (mode) {
      case JSON_SCHEMA:
        try {
          format = StructuredOutputs.responseFormat(signature);
        } catch (RuntimeException e) {
          // DSPy: "Failed to use structured output format, falling back to JSON mode."
          format = StructuredOutputs.jsonObject();
        }
        break;
      case JSON_OBJECT:
        format = StructuredOutputs.jsonObject();
        break;
      default:
        format = null;
    }
    return new Fixed(
        ChatAdapter.fieldDescription(signature) + "\n" + fieldStructure(signature) + "\n"
            + ChatAdapter.taskDescription(signature),
        outputRequirements(signature),
        format);
  }

  /** DSPy's {@code JSONAdapter.format_field_structure}. */
  private static String fieldStructure(SignatureSpec<?, ?> signature) {
    Map<String, Object> outputs = new LinkedHashMap<>();
    for (FieldSpec f : signature.outputs()) {
      outputs.put(f.name(), FieldDescriptions.placeholder(f, false));
    }
    List<String> parts = new ArrayList<>();
    parts.add("All interactions will be structured in the following way, with the appropriate values filled in.");
    parts.add("Inputs will have the following structure:");
    parts.add(ChatAdapter.placeholders(signature.inputs(), true));
    parts.add("Outputs will be a JSON object with the following fields.");
    parts.add(PyJson.dumps(outputs, 2));
    return PyStrings.strip(String.join("\n\n", parts));
  }

  /** DSPy's {@code JSONAdapter.user_message_output_requirements}. */
  private static String outputRequirements(SignatureSpec<?, ?> signature) {
    StringBuilder sb = new StringBuilder("Respond with a JSON object in the following order of fields: ");
    List<FieldSpec> outputs = signature.outputs();
    for (int i = 0; i < outputs.size(); i++) {
      FieldSpec f = outputs.get(i);
      if (i > 0) {
        sb.append(", then ");
      }
      sb.append('`').append(f.name()).append('`');
      if (!f.type().isString()) {
        sb.append(" (must be formatted as a valid Python ").append(f.type().pythonName()).append(')');
      }
    }
    return sb.append('.').toString();
  }

  /** DSPy's {@code JSONAdapter.format_assistant_message_content}: the outputs as indented JSON. */
  private static String assistantMessage(SignatureSpec<?, ?> signature, Map<String, Object> values, String missing) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (FieldSpec f : signature.outputs()) {
      Object v = values.containsKey(f.name()) ? values.get(f.name()) : missing;
      out.put(f.name(), ValueFormatter.jsonableInDict(f.type(), v));
    }
    return PyJson.dumps(out, 2);
  }

  @Override
  public String toString() {
    return mode == Mode.JSON_SCHEMA ? "JSONAdapter" : "JSONAdapter(" + mode + ")";
  }
}
