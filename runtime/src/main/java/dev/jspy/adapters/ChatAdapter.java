package dev.jspy.adapters;

import dev.jspy.internal.py.PyStrings;
import dev.jspy.internal.py.PythonRepr;
import dev.jspy.lm.Message;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DSPy's default adapter: fields in {@code [[ ## name ## ]]} sections, replies ending with
 * {@code [[ ## completed ## ]]}. Prompts are built and replies parsed exactly as DSPy 3.3.1's
 * {@code ChatAdapter} does, so a program optimized with DSPy behaves the same here:
 *
 * <pre>
 * system:    Your input fields are: ... Your output fields are: ...
 *            All interactions will be structured in the following way, ...
 *            In adhering to this structure, your objective is: ...
 * user:      [[ ## question ## ]]
 *            What is 2+2?
 *
 *            Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, ...
 * assistant: [[ ## answer ## ]]
 *            4
 *
 *            [[ ## completed ## ]]
 * </pre>
 *
 * <p>As in DSPy ({@code use_json_adapter_fallback=True}), a reply this adapter cannot parse is asked
 * again once with the {@link JSONAdapter} (see {@link #fallback()}); {@link #withoutFallback()} is the
 * adapter without that second try, as DSPy's {@code ChatAdapter(use_json_adapter_fallback=False)}.
 *
 * <p>Stateless and thread-safe; the system message is computed once per signature.
 */
public final class ChatAdapter implements Adapter {
  /** The shared instance, falling back to {@link JSONAdapter#INSTANCE}. */
  public static final ChatAdapter INSTANCE = new ChatAdapter();

  private static final ChatAdapter WITHOUT_FALLBACK = new ChatAdapter(false);

  /**
   * DSPy's {@code \[\[ ## (\w+) ## \]\]} with Python's {@code \w} (see {@link PyStrings#isWordChar}):
   * Java's Unicode {@code \w} would also take combining marks and U+200C/U+200D and miss {@code ²}.
   */
  private static final Pattern FIELD_HEADER = Pattern.compile("\\[\\[ ## ([\\p{L}\\p{N}_]+) ## \\]\\]");
  private static final String INCOMPLETE_DEMO_PREFIX =
      "This is an example of the task, though some input or output fields are not supplied.";
  private static final String NOT_SUPPLIED_IN_EXAMPLE = "Not supplied for this particular example. ";
  private static final String NOT_SUPPLIED_IN_HISTORY = "Not supplied for this conversation history message. ";

  /** What depends on the signature alone, keyed by identity; signatures are long-lived constants. */

  private record Fixed(String systemMessage, String outputRequirements) {}

  private final boolean jsonFallback;

  /** Creates an adapter that falls back to the JSON adapter; {@link #INSTANCE} serves everyone equally well. */
  public ChatAdapter() {
    this(true);
  }

  /**
   * @param jsonFallback whether a reply that cannot be parsed is asked again with {@link JSONAdapter}
   *     (DSPy's {@code use_json_adapter_fallback}, {@code true} by default)
   */
  public ChatAdapter(boolean jsonFallback) {
    this.jsonFallback = jsonFallback;
  }

  /**
   * The adapter without the JSON fallback: a reply it cannot parse fails the call at once with an
   * {@link AdapterParseException}. Use it with {@code Jspy.configure(s -> s.adapter(ChatAdapter.withoutFallback()))}.
   *
   * @return the shared adapter whose {@link #fallback()} is {@code null}
   */
  public static ChatAdapter withoutFallback() {
    return WITHOUT_FALLBACK;
  }

  @Override
  public String name() {
    return "ChatAdapter";
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
    return messages(
        signature, f.systemMessage(), demos, inputs, f.outputRequirements(), ChatAdapter::userMessage,
        ChatAdapter::assistantMessage);
  }

  /**
   * Reads the reply's {@code [[ ## name ## ]]} sections (the first of each name wins; unknown names and
   * text before the first header are ignored) and decodes each output field's section.
   */
  @Override
  public Object[] parse(SignatureSpec<?, ?> signature, String completion) {
    String text = completion == null ? "" : completion;
    List<String> names = new ArrayList<>();
    List<List<String>> bodies = new ArrayList<>();
    names.add(null);
    bodies.add(new ArrayList<>());
    for (String line : PyStrings.splitLines(text)) {
      Matcher m = FIELD_HEADER.matcher(PyStrings.strip(line));
      if (m.lookingAt()) {
        // DSPy cuts the header's length off the unstripped line; kept so indented headers read the same.
        String rest = m.end() < line.length() ? PyStrings.strip(line.substring(m.end())) : "";
        names.add(m.group(1));
        List<String> body = new ArrayList<>();
        if (!rest.isEmpty()) {
          body.add(rest);
        }
        bodies.add(body);
      } else {
        bodies.get(bodies.size() - 1).add(line);
      }
    }

    List<FieldSpec> outputs = signature.outputs();
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null || parsed.containsKey(name)) {
        continue;
      }
      FieldSpec field = find(outputs, name);
      if (field == null) {
        continue;
      }
      String value = PyStrings.strip(String.join("\n", bodies.get(i)));
      try {
        parsed.put(name, ValueParser.parse(field.type(), value));
      } catch (RuntimeException e) {
        throw new AdapterParseException(
            name(),
            signature.toString(),
            completion,
            List.of(name),
            "Failed to parse field " + name + " with value " + PyStrings.excerpt(value, ValueParser.MAX_QUOTED)
                + " from the LM response. Error message: " + e.getMessage());
      }
    }

    return withDefaults(name(), signature, completion, parsed);
  }

  /**
   * DSPy's {@code apply_output_field_defaults} and the check after it: the parsed values in signature
   * order, an absent {@code Optional} output as empty, any other absent output an error naming what was
   * expected and what was found.
   */
  static Object[] withDefaults(
      String adapter, SignatureSpec<?, ?> signature, String completion, Map<String, Object> parsed) {
    List<FieldSpec> outputs = signature.outputs();
    Object[] values = new Object[outputs.size()];
    List<String> missing = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      FieldSpec f = outputs.get(i);
      if (parsed.containsKey(f.name())) {
        values[i] = parsed.get(f.name());
        present.add(f.name());
      } else if (f.type() instanceof FieldType.OptionalType) {
        values[i] = Optional.empty(); // DSPy's apply_output_field_defaults: None for an Optional field
        present.add(f.name());
      } else {
        missing.add(f.name());
      }
    }
    if (!missing.isEmpty()) {
      List<String> expected = new ArrayList<>();
      outputs.forEach(f -> expected.add(f.name()));
      throw new AdapterParseException(
          adapter,
          signature.toString(),
          completion,
          missing,
          "Expected to find output fields in the LM response: [" + String.join(", ", expected) + "] \n\n"
              + "Actual output fields parsed from the LM response: [" + String.join(", ", present) + "]");
    }
    return values;
  }

  static FieldSpec find(List<FieldSpec> fields, String name) {
    for (FieldSpec f : fields) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  /**
   * A ReAct trajectory as DSPy's {@code ReAct._format_trajectory} writes it with this adapter: one
   * {@code [[ ## key ## ]]} section per entry, each value formatted as for a {@code str} field.
   *
   * @param trajectory {@code thought_0}, {@code tool_name_0}, {@code tool_args_0}, {@code observation_0}, ...
   * @return the sections, or {@code ""} for an empty trajectory
   */
  public static String formatTrajectory(Map<String, Object> trajectory) {
    List<String> parts = new ArrayList<>();
    parts.add("");
    for (Map.Entry<String, Object> e : trajectory.entrySet()) {
      parts.add("[[ ## " + e.getKey() + " ## ]]\n" + ValueFormatter.format(FieldType.STRING, e.getValue()));
    }
    parts.add("");
    return PyStrings.strip(String.join("\n\n", parts));
  }

  // ------------------------------------------------------------------ the system message

  private Fixed fixed(SignatureSpec<?, ?> signature) {
    return signature.memo(
        this,
        s -> new Fixed(fieldDescription(s) + "\n" + fieldStructure(s) + "\n" + taskDescription(s), outputRequirements(s)));
  }

  static String fieldDescription(SignatureSpec<?, ?> signature) {
    return "Your input fields are:\n" + FieldDescriptions.describe(signature.inputs()) + "\n"
        + "Your output fields are:\n" + FieldDescriptions.describe(signature.outputs());
  }

  private static String fieldStructure(SignatureSpec<?, ?> signature) {
    List<String> parts = new ArrayList<>();
    parts.add("All interactions will be structured in the following way, with the appropriate values filled in.");
    parts.add(placeholders(signature.inputs(), true));
    parts.add(placeholders(signature.outputs(), false));
    parts.add("[[ ## completed ## ]]\n");
    return PyStrings.strip(String.join("\n\n", parts));
  }

  static String placeholders(List<FieldSpec> fields, boolean input) {
    List<String> out = new ArrayList<>();
    for (FieldSpec f : fields) {
      out.add("[[ ## " + f.name() + " ## ]]\n" + FieldDescriptions.placeholder(f, input));
    }
    return PyStrings.strip(String.join("\n\n", out));
  }

  static String taskDescription(SignatureSpec<?, ?> signature) {
    StringBuilder objective = new StringBuilder();
    for (String line : PyStrings.splitLines(PyStrings.dedent(signature.instructions()))) {
      objective.append("\n        ").append(line);
    }
    return "In adhering to this structure, your objective is: " + objective;
  }

  private static String outputRequirements(SignatureSpec<?, ?> signature) {
    StringBuilder sb = new StringBuilder("Respond with the corresponding output fields, starting with the field ");
    List<FieldSpec> outputs = signature.outputs();
    for (int i = 0; i < outputs.size(); i++) {
      FieldSpec f = outputs.get(i);
      if (i > 0) {
        sb.append(", then ");
      }
      sb.append("`[[ ## ").append(f.name()).append(" ## ]]`");
      if (!f.type().isString()) {
        sb.append(" (must be formatted as a valid Python ").append(f.type().pythonName()).append(')');
      }
    }
    return sb.append(", and then ending with the marker for `[[ ## completed ## ]]`.").toString();
  }

  // ------------------------------------------------------------------ demos and inputs

  /** How an adapter writes a demo's outputs as the assistant's reply. */
  @FunctionalInterface
  interface AssistantFormat {
    /**
     * @param signature the signature
     * @param values the demo's values by field name
     * @param missing the text for an output the demo lacks
     * @return the assistant message's content
     */
    String format(SignatureSpec<?, ?> signature, Map<String, Object> values, String missing);
  }

  /** How an adapter writes a user message: DSPy's {@code format_user_message_content}. */
  @FunctionalInterface
  interface UserFormat {
    /**
     * @param signature the signature
     * @param values the input values by field name (a field absent from the map is left out)
     * @param prefix text before the inputs ({@code ""} for none)
     * @param requirements the output requirements, only for the main request ({@code null} otherwise)
     * @return the user message's content
     */
    String format(SignatureSpec<?, ?> signature, Map<String, Object> values, String prefix, String requirements);
  }

  /**
   * DSPy's {@code Adapter.format} for the adapters built on ChatAdapter: the system message, the demos as
   * user/assistant pairs, then the main request (left out when it would be empty).
   */
  static List<Message> messages(
      SignatureSpec<?, ?> signature, String system, List<Map<String, Object>> demos, Map<String, Object> inputs,
      String requirements, UserFormat user, AssistantFormat assistant) {
    List<Message> messages = new ArrayList<>();
    messages.add(Message.system(system));
    messages.addAll(formatDemos(signature, demos, user, assistant));
    String content = user.format(signature, inputs, "", requirements);
    if (!content.isEmpty()) {
      messages.add(Message.user(content));
    }
    return messages;
  }

  /** DSPy's {@code format_demos}: incomplete demos first (each with a prefix), then complete ones. */
  static List<Message> formatDemos(
      SignatureSpec<?, ?> signature, List<Map<String, Object>> demos, UserFormat user, AssistantFormat assistant) {
    List<Map<String, Object>> complete = new ArrayList<>();
    List<Map<String, Object>> incomplete = new ArrayList<>();
    for (Map<String, Object> demo : demos) {
      boolean isComplete = true;
      for (FieldSpec f : signature.fields()) {
        Object v = demo.get(f.name());
        if (v == null || (v instanceof Optional && ((Optional<?>) v).isEmpty())) {
          isComplete = false;
          break;
        }
      }
      if (isComplete) {
        complete.add(demo);
      } else if (hasAny(demo, signature.inputs()) && hasAny(demo, signature.outputs())) {
        incomplete.add(demo); // demos without any input or any output are dropped, as in DSPy
      }
    }
    List<Message> messages = new ArrayList<>();
    for (Map<String, Object> demo : incomplete) {
      messages.add(Message.user(user.format(signature, demo, INCOMPLETE_DEMO_PREFIX, null)));
      messages.add(Message.assistant(assistant.format(signature, demo, NOT_SUPPLIED_IN_EXAMPLE)));
    }
    for (Map<String, Object> demo : complete) {
      messages.add(Message.user(user.format(signature, demo, "", null)));
      messages.add(Message.assistant(assistant.format(signature, demo, NOT_SUPPLIED_IN_HISTORY)));
    }
    return messages;
  }

  private static boolean hasAny(Map<String, Object> demo, List<FieldSpec> fields) {
    for (FieldSpec f : fields) {
      if (demo.containsKey(f.name())) {
        return true;
      }
    }
    return false;
  }

  /** DSPy's {@code format_user_message_content}; {@code requirements} only for the main request. */
  static String userMessage(
      SignatureSpec<?, ?> signature, Map<String, Object> values, String prefix, String requirements) {
    List<String> parts = new ArrayList<>();
    parts.add(prefix);
    for (FieldSpec f : signature.inputs()) {
      if (values.containsKey(f.name())) {
        parts.add("[[ ## " + f.name() + " ## ]]\n" + ValueFormatter.format(f.type(), values.get(f.name())));
      }
    }
    if (requirements != null) {
      parts.add(requirements);
    }
    parts.add("");
    return PyStrings.strip(String.join("\n\n", parts));
  }

  /** DSPy's {@code format_assistant_message_content}. */
  private static String assistantMessage(SignatureSpec<?, ?> signature, Map<String, Object> values, String missing) {
    List<String> parts = new ArrayList<>();
    for (FieldSpec f : signature.outputs()) {
      Object v = values.containsKey(f.name()) ? values.get(f.name()) : missing;
      parts.add("[[ ## " + f.name() + " ## ]]\n" + ValueFormatter.format(f.type(), v));
    }
    return PyStrings.strip(String.join("\n\n", parts)) + "\n\n[[ ## completed ## ]]\n";
  }
}
