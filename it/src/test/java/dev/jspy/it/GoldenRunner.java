package dev.jspy.it;

import dev.jspy.adapters.AdapterParseException;
import dev.jspy.ChainOfThought;
import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.ReAct;
import dev.jspy.Tool;
import dev.jspy.Trajectory;
import dev.jspy.adapters.Adapter;
import dev.jspy.adapters.ChatAdapter;
import dev.jspy.adapters.JSONAdapter;
import dev.jspy.adapters.XMLAdapter;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.signature.Values;
import dev.jspy.testing.OpenAiServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;

/**
 * Runs one DSPy golden case against jspy and throws {@link Mismatch} at the first difference, naming the
 * call, the message and the first differing line.
 *
 * <p>Format (chat, JSON and XML), ReAct and fallback cases run the real module ({@link Predict},
 * {@link ChainOfThought}, {@link ReAct}) against an OpenAI server on loopback and compare the request bodies
 * it received with what DSPy sent: every message, and for JSON the {@code response_format} on the wire.
 * Parse cases call the named adapter's {@code parse} and compare the values as Python compares them. Signatures are built at run
 * time as the annotation processor would build them: instructions are the class docstring cleaned as
 * {@code inspect.cleandoc} (the processor cleans Javadoc the same way), the explicit string as given, or
 * DSPy's default sentence.
 */
final class GoldenRunner {
  /** jspy differs from DSPy on this case. */
  static final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The harness cannot judge this case: a feature it checks for has appeared in jspy, so the harness must
   * now run the case for real. Never counted as a known gap's expected failure.
   */
  static final class HarnessIncomplete extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HarnessIncomplete(String message) {
      super(message);
    }
  }

  private GoldenRunner() {}

  static void run(JsonNode c) throws IOException {
    String kind = c.path("kind").stringValue();
    switch (kind) {
      case "chat":
      case "json":
      case "xml":
        if (c.path("module").stringValue().equals("ReAct")) {
          react(c);
        } else {
          format(c);
        }
        break;
      case "parse":
        parse(c);
        break;
      case "fallback":
        fallback(c);
        break;
      case "saved":
        saved(c);
        break;
      default:
        throw new IllegalArgumentException("unknown golden kind " + kind);
    }
  }

  // ------------------------------------------------------------------ kinds

  @SuppressWarnings("try") // the scope only has to be open
  private static void format(JsonNode c) throws IOException {
    JsonNode sig = c.path("signature");
    GoldenTypes types = new GoldenTypes(sig);
    SignatureSpec<Object[], Object[]> spec = signature(sig, types, instructions(c), sig.path("fields"));
    boolean cot = c.path("module").stringValue().equals("ChainOfThought");
    Adapter adapter = adapter(c);
    List<JsonNode> requests;
    try (OpenAiServer server = OpenAiServer.replying(body -> "")) {
      LM lm = Wire.lm(server);
      Predict<Object[], Object[]> predict;
      Module<Object[], Object[]> module;
      if (cot) {
        ChainOfThought<Object[], Object[]> m = new ChainOfThought<>(spec, Values::toArray, o -> o);
        predict = m.predict();
        module = m;
      } else {
        predict = new Predict<>(spec);
        module = predict;
      }
      addDemos(predict, types, c.path("demos"));
      Object[] inputs = inputs(spec, types, c.path("inputs"));
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).adapter(adapter))) {
        module.call(inputs);
      } catch (AdapterParseException expected) {
        // the server's empty reply: only the request matters here
      } catch (RuntimeException e) {
        throw new Mismatch("jspy failed before sending the request: " + e);
      }
      requests = new ArrayList<>(server.requests());
    }
    if (requests.isEmpty()) {
      throw new Mismatch("jspy sent no request");
    }
    compareMessages("call 1", c.path("messages"), requests.get(0));
    if (c.has("response_format")) {
      compareResponseFormat("call 1", c.path("response_format"), requests.get(0));
    }
  }

  @SuppressWarnings("try") // the scope only has to be open
  private static void react(JsonNode c) throws IOException {
    JsonNode sig = c.path("signature");
    GoldenTypes types = new GoldenTypes(sig);
    SignatureSpec<Object[], Object[]> spec = signature(sig, types, instructions(c), sig.path("fields"));
    JsonNode later = c.path("subsequent_calls");
    List<String> replies = new ArrayList<>();
    for (JsonNode s : later) {
      replies.add(s.path("previous_lm_reply").stringValue());
    }
    replies.add(c.path("final_lm_reply").stringValue());
    List<Tool> tools =
        List.of(
            Tool.of(
                "get_weather",
                "Get the weather forecast for a city.",
                List.of(Tool.arg("city", FieldType.STRING), Tool.arg("days", FieldType.LONG).withDefault(1L)),
                a -> "Sunny in " + a.get(0) + " for " + a.get(1) + " day(s)."),
            Tool.of(
                "add_numbers",
                "Add two integers and return the sum.",
                List.of(Tool.arg("a", FieldType.LONG), Tool.arg("b", FieldType.LONG)),
                a -> (Long) a.get(0) + (Long) a.get(1)));
    Object[] result = null;
    RuntimeException failure = null;
    List<JsonNode> requests;
    try (OpenAiServer server = scripted(replies)) {
      LM lm = Wire.lm(server);
      ReAct<Object[], Object[]> react = new ReAct<>(spec, tools, c.path("max_iters").asInt(), Values::toArray);
      // DSPy sets the case's demos on the step predictor, react.demos, as plain data.
      Predict<?, ?> step = react.namedPredictors().stream()
          .filter(e -> e.getKey().equals("react")).findFirst().orElseThrow().getValue();
      for (JsonNode d : c.path("demos")) {
        Map<String, Object> demo = new LinkedHashMap<>();
        for (FieldSpec f : step.signature().fields()) {
          if (d.has(f.name())) {
            demo.put(f.name(), types.toJava(f.type(), GoldenTypes.plain(d.get(f.name()))));
          }
        }
        step.addDemo(demo);
      }
      Adapter adapter = c.path("adapter").stringValue().equals("JSONAdapter") ? JSONAdapter.INSTANCE : ChatAdapter.INSTANCE;
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).adapter(adapter))) {
        result = react.call(inputs(spec, types, c.path("inputs")));
      } catch (RuntimeException e) {
        failure = e;
      }
      requests = new ArrayList<>(server.requests());
    }
    checkCalls(requests, c.path("messages"), c.path("response_format"), later);
    if (failure != null) {
      throw new Mismatch("ReAct failed: " + failure);
    }
    JsonNode expected = c.path("final_prediction");
    Map<String, Object> actual = new LinkedHashMap<>();
    actual.put("trajectory", result[0] instanceof Trajectory ? ((Trajectory) result[0]).toMap() : result[0]);
    actual.put("reasoning", result[1]);
    for (int i = 0; i < spec.outputs().size(); i++) {
      FieldSpec f = spec.outputs().get(i);
      actual.put(f.name(), types.toPlain(f.type(), result[i + 2]));
    }
    compareValues("final prediction", GoldenTypes.plain(expected), plainTree(actual));
  }

  @SuppressWarnings("try") // the scope only has to be open
  private static void fallback(JsonNode c) throws IOException {
    JsonNode sig = c.path("signature");
    GoldenTypes types = new GoldenTypes(sig);
    SignatureSpec<Object[], Object[]> spec = signature(sig, types, instructions(c), sig.path("fields"));
    JsonNode later = c.path("fallback_calls");
    List<String> replies = new ArrayList<>();
    replies.add(c.path("first_lm_reply").stringValue());
    for (JsonNode s : later) {
      replies.add(s.path("lm_reply").stringValue());
    }
    Object[] result = null;
    RuntimeException failure = null;
    List<JsonNode> requests;
    try (OpenAiServer server = scripted(replies)) {
      // DSPy's CaptureLM reports response_format and response schemas supported, or neither.
      LM lm =
          c.path("lm_supports_structured_outputs").asBoolean(true)
              ? Wire.lm(server)
              : Wire.builder(server).responseFormatSupport(LM.ResponseFormatSupport.NONE).build();
      Predict<Object[], Object[]> predict = new Predict<>(spec);
      addDemos(predict, types, c.path("demos"));
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).adapter(ChatAdapter.INSTANCE))) {
        result = predict.call(inputs(spec, types, c.path("inputs")));
      } catch (RuntimeException e) {
        failure = e;
      }
      requests = new ArrayList<>(server.requests());
    }
    checkCalls(requests, c.path("messages"), c.path("response_format"), later);
    if (failure != null) {
      throw new Mismatch("the call failed: " + failure);
    }
    compareValues("final prediction", GoldenTypes.plain(c.path("final_prediction")), outputs(spec, types, result));
  }

  private static void parse(JsonNode c) {
    JsonNode sig = c.path("signature");
    GoldenTypes types = new GoldenTypes(sig);
    SignatureSpec<Object[], Object[]> spec = signature(sig, types, null, c.path("effective_fields"));
    Adapter adapter = adapter(c.path("adapter").stringValue(), false);
    JsonNode expected = c.path("expected");
    String completion = c.path("completion").stringValue();
    Object[] values;
    try {
      values = adapter.parse(spec, completion);
    } catch (AdapterParseException e) {
      if (expected.path("error").asBoolean(false)) {
        return;
      }
      throw new Mismatch(
          "expected " + GoldenTypes.canonical(GoldenTypes.plain(expected)).replace('\n', ' ')
              + " but jspy raised AdapterParseException: " + firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      throw new Mismatch("jspy threw " + e.getClass().getSimpleName() + " (not an AdapterParseException): " + e.getMessage());
    }
    if (expected.path("error").asBoolean(false)) {
      throw new Mismatch(
          "DSPy raised " + expected.path("error_type").stringValue() + " (" + firstLine(expected.path("message").stringValue())
              + ") but jspy parsed " + GoldenTypes.canonical(outputs(spec, types, values)).replace('\n', ' '));
    }
    compareValues("parsed values", GoldenTypes.plain(expected), outputs(spec, types, values));
  }

  /** The two-step program of {@code saved-two-step}, as a user would write it. */
  static final class TwoStep extends Module<Object[], Object[]> {
    final Predict<Object[], Object[]> answer;
    final Predict<Object[], Object[]> simplify;

    TwoStep(SignatureSpec<Object[], Object[]> answer, SignatureSpec<Object[], Object[]> simplify) {
      this.answer = new Predict<>(answer);
      this.simplify = new Predict<>(simplify);
    }

    @Override
    public Object[] forward(Object[] question) {
      Object[] a = answer.call(question);
      return simplify.call(new Object[] {a[0]});
    }
  }

  /**
   * Builds the case's program fresh, loads DSPy's saved file into it, runs it against DSPy's scripted
   * replies and compares every LM call and the final prediction; then saves it again and compares the file
   * with DSPy's, byte for byte up to {@code metadata} (jspy writes only the {@code dspy} version there: it
   * has no Python or cloudpickle version to report).
   */
  /**
   * A saved case's program, built fresh as a user would write it (before any {@code load}).
   *
   * @param module the program
   * @param spec its signature (null for the two-step module)
   * @param types the case's model and enum types
   */
  record SavedProgram(Module<Object[], Object[]> module, SignatureSpec<Object[], Object[]> spec, GoldenTypes types) {
    /** The case's input, as the program takes it. */
    Object[] inputs(JsonNode c) {
      SignatureSpec<?, ?> inSpec = module instanceof TwoStep ? ((TwoStep) module).answer.signature() : spec;
      return GoldenRunner.inputs(inSpec, types, c.path("inputs"));
    }
  }

  /** Builds a saved case's program fresh, of the case's architecture. */
  static SavedProgram savedProgram(JsonNode c) {
    JsonNode arch = c.path("architecture");
    String cls = arch.path("class").stringValue();
    GoldenTypes types = new GoldenTypes(arch.has("signature_class") ? arch.path("signature_class") : arch);
    SignatureSpec<Object[], Object[]> spec;
    if (arch.has("signature_class")) {
      JsonNode sc = arch.path("signature_class");
      tools.jackson.databind.node.ObjectNode named =
          OpenAiServer.JSON.createObjectNode().put("form", "class").put("class_name", sc.path("name").stringValue());
      spec = signature(named, types, sc.path("doc").stringValue(), sc.path("fields"));
    } else if (arch.has("signature")) {
      spec = stringSignature(arch.path("signature").stringValue(), types);
    } else {
      spec = null;
    }
    Module<Object[], Object[]> module;
    switch (cls) {
      case "Predict":
        module = new Predict<>(spec);
        break;
      case "ChainOfThought":
        module = new ChainOfThought<>(spec, Values::toArray, o -> o);
        break;
      case "ReAct":
        module = new ReAct<>(spec, goldenTools(), arch.path("max_iters").asInt(), Values::toArray);
        break;
      case "custom Module":
        JsonNode named = arch.path("named_predictors");
        module = new TwoStep(
            stringSignature(predictSignature(named.path("answer").stringValue()), types),
            stringSignature(predictSignature(named.path("simplify").stringValue()), types));
        break;
      default:
        throw new IllegalArgumentException("unknown saved architecture " + cls);
    }
    return new SavedProgram(module, spec, types);
  }

  /** The adapter a case names, falling back as DSPy's does. */
  static Adapter runAdapter(JsonNode c) {
    return adapter(c.path("adapter").stringValue(), false);
  }

  /** A server that answers with these replies in turn. */
  static OpenAiServer scriptedServer(List<String> replies) throws IOException {
    return scripted(replies);
  }

  @SuppressWarnings("try") // the scope only has to be open
  private static void saved(JsonNode c) throws IOException {
    JsonNode arch = c.path("architecture");
    String cls = arch.path("class").stringValue();
    SavedProgram built = savedProgram(c);
    GoldenTypes types = built.types();
    SignatureSpec<Object[], Object[]> spec = built.spec();
    Module<Object[], Object[]> module = built.module();
    List<String> replies = new ArrayList<>();
    for (JsonNode call : c.path("calls")) {
      replies.add(call.path("lm_reply").stringValue());
    }
    java.nio.file.Path file;
    try {
      file = java.nio.file.Path.of(GoldenRunner.class.getResource("/dspyref/" + c.path("program_file").stringValue()).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    Object[] result = null;
    RuntimeException failure = null;
    List<JsonNode> requests;
    try (OpenAiServer server = scripted(replies)) {
      LM lm = Wire.lm(server);
      try {
        module.load(file);
      } catch (RuntimeException e) {
        throw new Mismatch("jspy cannot load " + file.getFileName() + ": " + e);
      }
      Adapter adapter = adapter(c.path("adapter").stringValue(), false);
      Module<Object[], Object[]> program = module;
      Object[] inputs = built.inputs(c);
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).adapter(adapter))) {
        result = program.call(inputs);
      } catch (RuntimeException e) {
        failure = e;
      }
      requests = new ArrayList<>(server.requests());
    }
    JsonNode calls = c.path("calls");
    for (int i = 0; i < calls.size(); i++) {
      if (requests.size() <= i) {
        throw new Mismatch("DSPy made " + calls.size() + " LM calls, jspy made " + requests.size());
      }
      String where = "call " + (i + 1) + " (" + calls.get(i).path("predictor").stringValue() + ")";
      compareMessages(where, calls.get(i).path("messages"), requests.get(i));
      if (calls.get(i).has("response_format")) {
        compareResponseFormat(where, calls.get(i).path("response_format"), requests.get(i));
      }
    }
    if (requests.size() != calls.size()) {
      throw new Mismatch("DSPy made " + calls.size() + " LM calls, jspy made " + requests.size());
    }
    if (failure != null) {
      throw new Mismatch("the loaded program failed: " + failure);
    }
    JsonNode expected = c.path("final_prediction");
    List<String> names = new ArrayList<>();
    List<FieldType<?>> fieldTypes = new ArrayList<>();
    if (cls.equals("ReAct")) {
      names.add("trajectory");
      fieldTypes.add(FieldType.ANY);
    }
    if (cls.equals("ChainOfThought") || cls.equals("ReAct")) {
      names.add("reasoning");
      fieldTypes.add(FieldType.STRING);
    }
    SignatureSpec<?, ?> outSpec = cls.equals("custom Module") ? ((TwoStep) module).simplify.signature() : spec;
    for (FieldSpec f : outSpec.outputs()) {
      names.add(f.name());
      fieldTypes.add(f.type());
    }
    Map<String, Object> actual = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      if (expected.has(names.get(i))) {
        actual.put(names.get(i), types.toPlain(fieldTypes.get(i), result[i]));
      }
    }
    compareValues("final prediction", GoldenTypes.plain(expected), actual);

    java.nio.file.Path again = java.nio.file.Files.createTempFile("jspy-saved", ".json");
    try {
      module.save(again);
      String dspy = java.nio.file.Files.readString(file);
      String jspy = java.nio.file.Files.readString(again);
      String marker = "\n  \"metadata\": {";
      int d = dspy.indexOf(marker);
      int j = jspy.indexOf(marker);
      if (d < 0 || j < 0) {
        throw new Mismatch("saved file has no metadata (DSPy at " + d + ", jspy at " + j + ")");
      }
      firstDifference("jspy's saved file", dspy.substring(0, d), jspy.substring(0, j));
      firstDifference(
          "jspy's saved metadata",
          "\n  \"metadata\": {\n    \"dependency_versions\": {\n      \"dspy\": \"3.3.1\"\n    }\n  }\n}\n",
          jspy.substring(j));
    } finally {
      java.nio.file.Files.deleteIfExists(again);
    }
  }

  /** {@code Predict('question -> answer')} to {@code question -> answer}. */
  private static String predictSignature(String text) {
    return text.substring(text.indexOf('\'') + 1, text.lastIndexOf('\''));
  }

  /** A DSPy string signature of untyped ({@code str}) fields with DSPy's default instructions. */
  private static SignatureSpec<Object[], Object[]> stringSignature(String text, GoldenTypes types) {
    String[] sides = text.split("->");
    tools.jackson.databind.node.ArrayNode fields = OpenAiServer.JSON.createArrayNode();
    for (int side = 0; side < 2; side++) {
      for (String name : sides[side].split(",")) {
        fields.addObject()
            .put("name", name.strip())
            .put("side", side == 0 ? "input" : "output")
            .put("type", "str")
            .putNull("desc");
      }
    }
    return signature(OpenAiServer.JSON.createObjectNode().put("form", "string"), types, null, fields);
  }

  private static List<Tool> goldenTools() {
    return List.of(
        Tool.of(
            "get_weather",
            "Get the weather forecast for a city.",
            List.of(Tool.arg("city", FieldType.STRING), Tool.arg("days", FieldType.LONG)),
            a -> "Sunny in " + a.get(0) + " for " + a.get(1) + " day(s)."),
        Tool.of(
            "add_numbers",
            "Add two integers and return the sum.",
            List.of(Tool.arg("a", FieldType.LONG), Tool.arg("b", FieldType.LONG)),
            a -> (Long) a.get(0) + (Long) a.get(1)));
  }

  // ------------------------------------------------------------------ building the case

  /** DSPy's default instructions, or the custom ones as a jspy signature would carry them. */
  private static String instructions(JsonNode c) {
    if (c.path("instructions_kind").stringValue().equals("default")) {
      return null;
    }
    JsonNode sig = c.path("signature");
    if (sig.path("form").stringValue().equals("class")) {
      // Javadoc -> DocComments.clean, which is inspect.cleandoc: what DSPy's Signature.instructions holds.
      return c.path("effective_instructions").stringValue();
    }
    return c.path("instructions").stringValue(); // @Signature(instructions = "...") is taken verbatim
  }

  private static SignatureSpec<Object[], Object[]> signature(
      JsonNode sig, GoldenTypes types, String instructions, JsonNode fields) {
    String name = sig.path("form").stringValue().equals("class") ? sig.path("class_name").stringValue() : "StringSignature";
    SignatureSpec.Builder<Object[], Object[]> b = SignatureSpec.builder(name);
    List<String> ins = new ArrayList<>();
    List<String> outs = new ArrayList<>();
    for (JsonNode f : fields) {
      String fname = f.path("name").stringValue();
      String desc = f.path("desc").isNull() ? "" : f.path("desc").stringValue();
      FieldSpec field =
          new FieldSpec(fname, desc, types.type(f.path("type").stringValue()), GoldenTypes.constraints(f.path("constraints")));
      if (f.path("side").stringValue().equals("input")) {
        b.input(field);
        ins.add("`" + fname + "`");
      } else {
        b.output(field);
        outs.add("`" + fname + "`");
      }
    }
    String text =
        instructions != null
            ? instructions
            : "Given the fields " + String.join(", ", ins) + ", produce the fields " + String.join(", ", outs) + ".";
    return b.instructions(text).inputValues(in -> in).outputs(Values::toArray).outputValues(out -> out).build();
  }

  /** The adapter a format case names, without a fallback: only the first request is compared. */
  private static Adapter adapter(JsonNode c) {
    return adapter(c.path("adapter").stringValue(), true);
  }

  /**
   * @param name {@code ChatAdapter}, {@code JSONAdapter} or {@code XMLAdapter}
   * @param withoutFallback whether the adapter should not fall back (JSONAdapter never does)
   */
  private static Adapter adapter(String name, boolean withoutFallback) {
    switch (name) {
      case "JSONAdapter":
        return JSONAdapter.INSTANCE;
      case "XMLAdapter":
        return withoutFallback ? XMLAdapter.withoutFallback() : XMLAdapter.INSTANCE;
      case "ChatAdapter":
        return withoutFallback ? ChatAdapter.withoutFallback() : ChatAdapter.INSTANCE;
      default:
        throw new IllegalArgumentException("unknown adapter in golden case: " + name);
    }
  }

  private static Object[] inputs(SignatureSpec<?, ?> spec, GoldenTypes types, JsonNode values) {
    Object[] in = new Object[spec.inputs().size()];
    for (int i = 0; i < in.length; i++) {
      FieldSpec f = spec.inputs().get(i);
      in[i] = values.has(f.name()) ? types.toJava(f.type(), GoldenTypes.plain(values.get(f.name()))) : null;
    }
    return in;
  }

  /** Each demo's fields in signature order; a missing field is {@code null}, as a record cannot omit one. */
  private static void addDemos(Predict<Object[], Object[]> predict, GoldenTypes types, JsonNode demos) {
    SignatureSpec<Object[], Object[]> spec = predict.signature();
    for (JsonNode d : demos) {
      predict.addDemo(demoValues(spec.inputs(), types, d), demoValues(spec.outputs(), types, d));
    }
  }

  private static Object[] demoValues(List<FieldSpec> fields, GoldenTypes types, JsonNode demo) {
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      FieldSpec f = fields.get(i);
      values[i] = demo.has(f.name()) ? types.toJava(f.type(), GoldenTypes.plain(demo.get(f.name()))) : null;
    }
    return values;
  }

  private static Map<String, Object> outputs(SignatureSpec<?, ?> spec, GoldenTypes types, Object[] values) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < spec.outputs().size(); i++) {
      FieldSpec f = spec.outputs().get(i);
      out.put(f.name(), types.toPlain(f.type(), values[i]));
    }
    return out;
  }

  /** A server answering with {@code replies} in order, then with an empty reply. */
  private static OpenAiServer scripted(List<String> replies) throws IOException {
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(replies);
    return OpenAiServer.replying(body -> {
      String next = queue.poll();
      return next == null ? "" : next;
    });
  }

  // ------------------------------------------------------------------ comparing

  private static void checkCalls(List<JsonNode> requests, JsonNode firstMessages, JsonNode firstFormat, JsonNode later) {
    if (requests.isEmpty()) {
      throw new Mismatch("jspy sent no request");
    }
    compareMessages("call 1", firstMessages, requests.get(0));
    if (!firstFormat.isMissingNode()) {
      compareResponseFormat("call 1", firstFormat, requests.get(0));
    }
    int n = 1;
    for (JsonNode call : later) {
      n++;
      if (requests.size() < n) {
        throw new Mismatch("DSPy made " + (later.size() + 1) + " LM calls, jspy made " + requests.size());
      }
      compareMessages("call " + n, call.path("messages"), requests.get(n - 1));
      if (call.has("response_format")) {
        compareResponseFormat("call " + n, call.path("response_format"), requests.get(n - 1));
      }
    }
    if (requests.size() > n) {
      throw new Mismatch("DSPy made " + n + " LM calls, jspy made " + requests.size());
    }
  }

  static void compareMessages(String where, JsonNode expected, JsonNode body) {
    JsonNode actual = body.path("messages");
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      JsonNode e = expected.get(i);
      JsonNode a = actual.get(i);
      String at = where + " message " + (i + 1) + " (" + e.path("role").stringValue() + ")";
      if (!e.path("role").stringValue().equals(a.path("role").stringValue())) {
        throw new Mismatch(at + ": role " + a.path("role").stringValue() + " in jspy");
      }
      firstDifference(at, e.path("content").stringValue(), a.path("content").asString(""));
    }
    if (expected.size() != actual.size()) {
      throw new Mismatch(where + ": DSPy sent " + expected.size() + " messages, jspy " + actual.size());
    }
  }

  private static void compareResponseFormat(String where, JsonNode golden, JsonNode body) {
    JsonNode actual = body.path("response_format");
    if (golden.path("dspy_sends").isNull()) {
      if (!actual.isMissingNode() && !actual.isNull()) {
        throw new Mismatch(where + ": DSPy sends no response_format (LM without it), jspy sends " + actual);
      }
      return;
    }
    if (actual.isMissingNode() || actual.isNull()) {
      throw new Mismatch(where + ": jspy sends no response_format, DSPy sends " + golden.path("wire_chat_completions"));
    }
    firstDifference(
        where + " response_format",
        GoldenTypes.canonical(GoldenTypes.plain(golden.path("wire_chat_completions"))),
        GoldenTypes.canonical(GoldenTypes.plain(actual)));
  }

  private static void compareValues(String where, Object expected, Object actual) {
    firstDifference(where, GoldenTypes.canonical(expected), GoldenTypes.canonical(actual));
  }

  private static Object plainTree(Object v) {
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put(String.valueOf(k), plainTree(x)));
      return out;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) v).forEach(x -> out.add(plainTree(x)));
      return out;
    }
    if (v instanceof Integer) {
      return ((Integer) v).longValue();
    }
    return v;
  }

  /** Throws at the first line where the texts differ, quoting both lines. */
  static void firstDifference(String where, String expected, String actual) {
    if (expected.equals(actual)) {
      return;
    }
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : null;
      String al = i < a.length ? a[i] : null;
      if (el == null || !el.equals(al)) {
        int col = 0;
        while (el != null && al != null && col < el.length() && col < al.length() && el.charAt(col) == al.charAt(col)) {
          col++;
        }
        throw new Mismatch(
            where + ", line " + (i + 1) + ", column " + (col + 1) + ": DSPy " + show(el, col) + " | jspy " + show(al, col));
      }
    }
    throw new AssertionError("unreachable");
  }

  /** The line around column {@code col}: up to 50 characters before it and 70 after. */
  private static String show(String line, int col) {
    if (line == null) {
      return "<no line>";
    }
    int from = Math.max(0, col - 50);
    int to = Math.min(line.length(), col + 70);
    return "«" + (from > 0 ? "…" : "") + line.substring(from, to) + (to < line.length() ? "…" : "") + "»";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 160 ? line.substring(0, 160) + "…" : line;
  }
}
