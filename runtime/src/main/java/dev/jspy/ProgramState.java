package dev.jspy;

import dev.jspy.lm.LM;
import dev.jspy.internal.py.PyJson;
import dev.jspy.internal.py.PyStrings;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DSPy 3.3.1's JSON program state ({@code module.save("x.json")} / {@code module.load(...)}): one entry per
 * named predictor ({@code traces}, {@code train}, {@code demos}, {@code signature}, {@code lm}), a bare
 * predictor saved flat, and {@code metadata.dependency_versions}.
 */
final class ProgramState {
  private static final Logger log = LoggerFactory.getLogger(ProgramState.class);

  /** The DSPy version whose format this is. */
  static final String DSPY_VERSION = "3.3.1";

  /** LM state keys DSPy never trusts from a file unless told to ({@code UNSAFE_LM_STATE_KEYS}). */
  private static final Set<String> UNSAFE_LM_KEYS = Set.of("api_base", "base_url", "model_list");

  /** DSPy's LM constructor arguments that are not request parameters. */
  private static final Set<String> LM_SETTINGS =
      Set.of(
          "model_type", "cache", "num_retries", "finetuning_model", "launch_kwargs", "train_kwargs",
          "use_developer_role", "callbacks", "provider", "rollout_id");

  private static final Pattern CAMEL = Pattern.compile("(.)([A-Z][a-z]+)");
  private static final Pattern LOWER_UPPER = Pattern.compile("([a-z0-9])([A-Z])");
  private static final Pattern LETTER_DIGIT = Pattern.compile("([a-zA-Z])(\\d)");
  private static final Pattern DIGIT_LETTER = Pattern.compile("(\\d)([a-zA-Z])");

  private ProgramState() {}

  // ------------------------------------------------------------------ prefixes

  /** DSPy's default prefixes: {@code infer_prefix(name) + ":"} per field. */
  static List<String> defaultPrefixes(SignatureSpec<?, ?> signature) {
    List<String> out = new ArrayList<>();
    for (FieldSpec f : signature.fields()) {
      out.add(inferPrefix(f.name()) + ":");
    }
    return List.copyOf(out);
  }

  /** DSPy's {@code infer_prefix}: {@code simplified_answer} is {@code Simplified Answer}. */
  static String inferPrefix(String name) {
    String s = CAMEL.matcher(name).replaceAll("$1_$2");
    s = LOWER_UPPER.matcher(s).replaceAll("$1_$2");
    s = LETTER_DIGIT.matcher(s).replaceAll("$1_$2");
    s = DIGIT_LETTER.matcher(s).replaceAll("$1_$2");
    List<String> words = new ArrayList<>();
    for (String w : s.split("_", -1)) {
      words.add(isUpper(w) ? w : capitalize(w));
    }
    return String.join(" ", words);
  }

  private static boolean isUpper(String w) {
    boolean cased = false;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      cased |= Character.isUpperCase(c);
    }
    return cased;
  }

  private static String capitalize(String w) {
    return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + w.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  // ------------------------------------------------------------------ dumping

  static Map<String, Object> dump(Module<?, ?> module) {
    if (module instanceof Predict) {
      return dumpPredictor((Predict<?, ?>) module);
    }
    Map<String, Object> state = new LinkedHashMap<>();
    for (Map.Entry<String, Predict<?, ?>> e : module.namedPredictors()) {
      state.put(e.getKey(), dumpPredictor(e.getValue()));
    }
    return state;
  }

  static void save(Module<?, ?> module, Path path) throws IOException {
    Map<String, Object> state = dump(module);
    state.put("metadata", metadata());
    Files.writeString(path, toJson(state), StandardCharsets.UTF_8);
  }

  /** As DSPy's {@code orjson.dumps(state, option=OPT_INDENT_2 | OPT_APPEND_NEWLINE)}. */
  static String toJson(Map<String, Object> state) {
    return PyJson.dumps(state, 2) + "\n";
  }

  /**
   * Only the key of {@code get_dependency_versions()} that jspy can truthfully fill: DSPy's {@code load}
   * looks up every saved key, so no other key may appear; {@code python} and {@code cloudpickle} are left
   * out because jspy has neither.
   */
  static Map<String, Object> metadata() {
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("dspy", DSPY_VERSION);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("dependency_versions", versions);
    return metadata;
  }

  private static Map<String, Object> dumpPredictor(Predict<?, ?> p) {
    SignatureSpec<?, ?> sig = p.signature();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("traces", List.of());
    state.put("train", List.of());
    List<Object> demos = new ArrayList<>();
    for (Map<String, Object> demo : p.demos()) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : demo.entrySet()) {
        FieldSpec f = find(sig.fields(), e.getKey());
        out.put(e.getKey(), plain(f == null ? null : f.type(), e.getValue()));
      }
      demos.add(out);
    }
    state.put("demos", demos);
    Map<String, Object> signature = new LinkedHashMap<>();
    signature.put("instructions", sig.instructions());
    List<Object> fields = new ArrayList<>();
    List<FieldSpec> all = sig.fields();
    List<String> prefixes = p.prefixes();
    for (int i = 0; i < all.size(); i++) {
      FieldSpec f = all.get(i);
      Map<String, Object> field = new LinkedHashMap<>();
      field.put("prefix", prefixes.get(i));
      field.put("description", f.description().isEmpty() ? "${" + f.name() + "}" : f.description());
      fields.add(field);
    }
    signature.put("fields", fields);
    state.put("signature", signature);
    LM lm = p.lm();
    if (lm == null) {
      state.put("lm", null);
    } else {
      Map<String, Object> lmState = new LinkedHashMap<>();
      lmState.put("model", lm.model());
      lm.defaults().forEach((k, v) -> lmState.put(k, plain(null, v)));
      state.put("lm", lmState);
    }
    return state;
  }

  /** DSPy's {@code serialize_object}: a demo value as JSON (records as their model dump). */
  @SuppressWarnings("unchecked")
  private static Object plain(FieldType<?> type, Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
      return v;
    }
    if (type != null) {
      try {
        return ((FieldType<Object>) type).toJson(v);
      } catch (RuntimeException notOfThatType) {
        // plain data (a loaded demo) or a value of another type: written as it is
      }
    }
    if (v instanceof Optional) {
      return plain(null, ((Optional<?>) v).orElse(null));
    }
    if (v instanceof Enum) {
      return ((Enum<?>) v).name();
    }
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put(String.valueOf(k), plain(null, x)));
      return out;
    }
    if (v instanceof Collection) {
      List<Object> out = new ArrayList<>();
      ((Collection<?>) v).forEach(x -> out.add(plain(null, x)));
      return out;
    }
    return v.toString();
  }

  // ------------------------------------------------------------------ loading

  /** One predictor's state, read and checked, not yet applied. */
  private record Parsed(
      Predict<?, ?> predictor, String instructions, List<String> descriptions, List<String> prefixes,
      List<Map<String, Object>> demos, boolean keepLm, LM lm) {}

  static void load(Module<?, ?> module, Path path, boolean allowUnsafeLmState) throws IOException {
    String text = Files.readString(path, StandardCharsets.UTF_8);
    Object tree;
    try {
      tree = PyJson.loads(text);
    } catch (RuntimeException e) {
      throw new StateException("saved program " + path + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(tree instanceof Map)) {
      throw new StateException(
          "saved program " + path + " must be a JSON object, got " + PyStrings.excerpt(PyJson.dumps(tree), 200));
    }
    load(module, asStringMap((Map<?, ?>) tree), allowUnsafeLmState);
  }

  static void load(Module<?, ?> module, Map<String, ?> state, boolean allowUnsafeLmState) {
    checkMetadata(state.get("metadata"));
    List<Parsed> parsed = new ArrayList<>();
    try {
      if (module instanceof Predict) {
        parsed.add(parse("the predictor", (Predict<?, ?>) module, state, allowUnsafeLmState));
      } else {
        List<Map.Entry<String, Predict<?, ?>>> named = module.namedPredictors();
        Set<String> names = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, Predict<?, ?>> e : named) {
          names.add(e.getKey());
        }
        for (String key : state.keySet()) {
          if (!key.equals("metadata") && !names.contains(key)) {
            throw new StateException(
                "the state has a predictor '" + key + "' that " + module.getClass().getSimpleName()
                    + " does not have; its predictors are " + names);
          }
        }
        for (Map.Entry<String, Predict<?, ?>> e : named) {
          Object s = state.get(e.getKey());
          if (s == null) {
            throw new StateException(
                "the state has no entry for predictor '" + e.getKey() + "' of " + module.getClass().getSimpleName()
                    + "; it has " + keysWithout(state, "metadata"));
          }
          if (!(s instanceof Map)) {
            throw new StateException(
                "predictor '" + e.getKey() + "': expected a JSON object, got " + describe(s));
          }
          parsed.add(parse("predictor '" + e.getKey() + "'", e.getValue(), asStringMap((Map<?, ?>) s), allowUnsafeLmState));
        }
      }
    } catch (RuntimeException e) {
      closeAll(parsed);
      throw e;
    }
    for (Parsed p : parsed) {
      p.predictor().applyState(
          p.instructions(), p.descriptions(), p.prefixes(), p.demos(), p.keepLm() ? p.predictor().lm() : p.lm());
    }
  }

  private static void closeAll(List<Parsed> parsed) {
    for (Parsed p : parsed) {
      if (p.lm() != null) {
        p.lm().close();
      }
    }
  }

  private static void checkMetadata(Object metadata) {
    if (!(metadata instanceof Map)) {
      return; // load_state without a file has none
    }
    Object versions = ((Map<?, ?>) metadata).get("dependency_versions");
    if (!(versions instanceof Map)) {
      return;
    }
    Object dspy = ((Map<?, ?>) versions).get("dspy");
    if (!(dspy instanceof String)) {
      return;
    }
    String v = (String) dspy;
    int major = leadingInt(v);
    if (major > 3) {
      throw new StateException(
          "the state was saved by DSPy " + v + ", a newer format than jspy reads (DSPy " + DSPY_VERSION + "'s)");
    }
    if (!v.equals(DSPY_VERSION)) {
      log.warn("The state was saved by DSPy {}; jspy reads DSPy {}'s format.", v, DSPY_VERSION);
    }
  }

  private static int leadingInt(String v) {
    int i = 0;
    while (i < v.length() && Character.isDigit(v.charAt(i))) {
      i++;
    }
    try {
      return i == 0 ? -1 : Integer.parseInt(v.substring(0, i));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static Parsed parse(String who, Predict<?, ?> p, Map<String, ?> state, boolean allowUnsafeLmState) {
    SignatureSpec<?, ?> sig = p.signature();
    for (String key : List.of("demos", "signature")) {
      if (!state.containsKey(key)) {
        throw new StateException(who + ": the state has no '" + key + "'; it has " + state.keySet());
      }
    }
    if (state.containsKey("extended_signature")) {
      throw new StateException(who + ": 'extended_signature' is DSPy 2.5's format, which DSPy 2.6+ no longer loads");
    }
    for (String key : List.of("traces", "train")) {
      Object v = state.get(key);
      if (v != null && !(v instanceof List)) {
        throw new StateException(who + ": '" + key + "' must be a list, got " + describe(v));
      }
    }
    Object demosValue = state.get("demos");
    if (!(demosValue instanceof List)) {
      throw new StateException(who + ": 'demos' must be a list, got " + describe(demosValue));
    }
    List<Map<String, Object>> demos = new ArrayList<>();
    int i = 0;
    for (Object d : (List<?>) demosValue) {
      if (!(d instanceof Map)) {
        throw new StateException(who + ": demo " + i + " must be a JSON object, got " + describe(d));
      }
      demos.add(asStringMap((Map<?, ?>) d));
      i++;
    }
    Object sigValue = state.get("signature");
    if (!(sigValue instanceof Map)) {
      throw new StateException(who + ": 'signature' must be a JSON object, got " + describe(sigValue));
    }
    Map<?, ?> sigState = (Map<?, ?>) sigValue;
    Object instructions = sigState.get("instructions");
    if (!(instructions instanceof String)) {
      throw new StateException(who + ": 'signature.instructions' must be a string, got " + describe(instructions));
    }
    Object fieldsValue = sigState.get("fields");
    if (!(fieldsValue instanceof List)) {
      throw new StateException(who + ": 'signature.fields' must be a list, got " + describe(fieldsValue));
    }
    List<?> fields = (List<?>) fieldsValue;
    List<FieldSpec> all = sig.fields();
    if (fields.size() != all.size()) {
      List<String> names = new ArrayList<>();
      all.forEach(f -> names.add(f.name()));
      throw new StateException(
          who + ": the state has " + fields.size() + " signature fields, " + sig + " has " + all.size() + " "
              + names + " (DSPy applies them by position)");
    }
    List<String> descriptions = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (int k = 0; k < fields.size(); k++) {
      String field = "field " + k + " ('" + all.get(k).name() + "')";
      Object f = fields.get(k);
      if (!(f instanceof Map)) {
        throw new StateException(who + ": " + field + " must be a JSON object, got " + describe(f));
      }
      Object prefix = ((Map<?, ?>) f).get("prefix");
      Object desc = ((Map<?, ?>) f).get("description");
      if (!(prefix instanceof String)) {
        throw new StateException(who + ": " + field + " 'prefix' must be a string, got " + describe(prefix));
      }
      if (!(desc instanceof String)) {
        throw new StateException(who + ": " + field + " 'description' must be a string, got " + describe(desc));
      }
      prefixes.add((String) prefix);
      // DSPy stores "${name}" for a field without a description
      descriptions.add(desc.equals("${" + all.get(k).name() + "}") ? "" : (String) desc);
    }
    boolean keepLm = !state.containsKey("lm"); // DSPy requires the key; a state without it keeps the LM
    LM lm = keepLm ? null : lm(who, state.get("lm"), allowUnsafeLmState);
    return new Parsed(p, (String) instructions, descriptions, prefixes, demos, keepLm, lm);
  }

  /** The saved LM: its model and request parameters; a saved endpoint only when the caller trusts the file. */
  private static LM lm(String who, Object value, boolean allowUnsafeLmState) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map)) {
      throw new StateException(who + ": 'lm' must be null or a JSON object, got " + describe(value));
    }
    Map<?, ?> state = (Map<?, ?>) value;
    Object model = state.get("model");
    if (!(model instanceof String)) {
      throw new StateException(who + ": 'lm.model' must be a string, got " + describe(model));
    }
    OpenAiLM.Builder b = LM.builder((String) model);
    List<String> ignored = new ArrayList<>();
    for (Map.Entry<?, ?> e : state.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object v = e.getValue();
      if (key.equals("model")) {
        continue;
      }
      if (UNSAFE_LM_KEYS.contains(key)) {
        if (allowUnsafeLmState && v instanceof String && !key.equals("model_list")) {
          b.apiBase((String) v);
        } else {
          ignored.add(key);
        }
      } else if (key.equals("cache") && v instanceof Boolean) {
        b.cache((Boolean) v);
      } else if (key.equals("num_retries") && v instanceof Number) {
        b.numRetries(((Number) v).intValue());
      } else if (!LM_SETTINGS.contains(key) && v != null) {
        b.param(key, v);
      }
    }
    if (!ignored.isEmpty()) {
      log.warn(
          "{}: ignoring unsafe LM config key(s) during state load: {}. Load with allowUnsafeLmState=true to keep "
              + "them for trusted files.", who, ignored);
    }
    try {
      return b.build();
    } catch (RuntimeException e) {
      throw new StateException(who + ": cannot build the saved LM '" + model + "': " + e.getMessage(), e);
    }
  }

  private static FieldSpec find(List<FieldSpec> fields, String name) {
    for (FieldSpec f : fields) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  private static Map<String, Object> asStringMap(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static List<String> keysWithout(Map<String, ?> m, String skip) {
    List<String> out = new ArrayList<>(m.keySet());
    out.remove(skip);
    return out;
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    String type = v instanceof Map ? "object" : v instanceof List ? "list" : v instanceof String ? "string"
        : v instanceof Boolean ? "boolean" : v instanceof Number ? "number" : v.getClass().getSimpleName();
    return type + " " + PyStrings.excerpt(PyJson.dumps(v), 80);
  }
}
