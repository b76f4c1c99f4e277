package dev.jspy;

import dev.jspy.core.ConfigurationException;
import dev.jspy.internal.py.PythonRepr;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One row of a train or dev set, as DSPy's {@code dspy.Example}: named fields in order, some of them marked
 * as the program's inputs ({@link #withInputs}), the rest labels.
 *
 * <p>Immutable: {@link #with}, {@link #without} and {@link #withInputs} return new examples. Equality is
 * DSPy's: two examples are equal when their fields and values are, whichever keys are inputs.
 *
 * <pre>{@code
 * Example ex = Example.of(Map.of("question", "What is 2+2?", "answer", "4")).withInputs("question");
 * ex.inputs().keys();   // [question]
 * ex.labels().get("answer");   // "4"
 * List<Example> dev = Example.readJsonl(Path.of("dev.jsonl"), QaPredict.SPEC);
 * }</pre>
 *
 * <p>Values are Java values: strings, boxed numbers and booleans, lists, maps, and (for examples built from
 * generated records or read with a signature) the field's Java type, enums and records included. Keys that
 * start with {@code dspy_} are DSPy's internal fields: kept, compared, but left out of {@link #keys()}.
 */
public final class Example {
  private final Map<String, Object> store;
  private final Set<String> inputKeys; // null: withInputs was never called

  private Example(Map<String, Object> store, Set<String> inputKeys) {
    this.store = Collections.unmodifiableMap(store);
    this.inputKeys = inputKeys == null ? null : Collections.unmodifiableSet(inputKeys);
  }

  /**
   * {@code dspy.Example(**fields)}.
   *
   * @param fields field names and values, in the map's iteration order (use a {@link LinkedHashMap} for a
   *     chosen order); {@code null} values are allowed
   * @return the example, with no input keys yet
   */
  public static Example of(Map<String, ?> fields) {
    Map<String, Object> copy = new LinkedHashMap<>();
    fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field name"), v));
    return new Example(copy, null);
  }

  /**
   * An example from alternating names and values: {@code Example.of("question", q, "answer", a)}.
   *
   * @param namesAndValues name, value, name, value, ...
   * @return the example, with no input keys yet
   */
  public static Example of(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Example.of needs name, value pairs; got " + namesAndValues.length + " arguments");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (!(namesAndValues[i] instanceof String)) {
        throw new IllegalArgumentException(
            "Example.of argument " + i + " must be a field name (String), got " + PythonRepr.repr(namesAndValues[i]));
      }
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new Example(m, null);
  }

  /**
   * An example from a signature's records: its input fields (marked as inputs) then its output fields.
   *
   * @param spec the signature (its field names and value readers; no reflection)
   * @param input an input record
   * @param output an output record (the labels)
   * @param <I> the input record
   * @param <O> the output record
   * @return the example
   */
  public static <I, O> Example from(SignatureSpec<I, O> spec, I input, O output) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, spec.inputs(), spec.inputValues(input));
    put(m, spec.outputs(), spec.outputValues(output));
    return new Example(m, names(spec.inputs()));
  }

  /**
   * An example with only a signature's inputs, marked as inputs (no labels).
   *
   * @param spec the signature
   * @param input an input record
   * @param <I> the input record
   * @return the example
   */
  public static <I> Example fromInput(SignatureSpec<I, ?> spec, I input) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, spec.inputs(), spec.inputValues(input));
    return new Example(m, names(spec.inputs()));
  }

  private static void put(Map<String, Object> m, List<FieldSpec> fields, Object[] values) {
    for (int i = 0; i < fields.size(); i++) {
      m.put(fields.get(i).name(), values[i]);
    }
  }

  private static Set<String> names(List<FieldSpec> fields) {
    Set<String> s = new LinkedHashSet<>();
    fields.forEach(f -> s.add(f.name()));
    return s;
  }

  /**
   * Reads a JSON Lines file: one JSON object per non-blank line, keys in file order, values as JSON gives
   * them (String, Integer/Long/BigInteger, Double, Boolean, List, Map, null).
   *
   * @param file the file (UTF-8)
   * @param inputKeys the fields to mark as inputs; none leaves input keys unset
   * @return the examples, in file order
   * @throws DatasetException if the file cannot be read or a line is not a JSON object (naming the line)
   */
  public static List<Example> readJsonl(Path file, String... inputKeys) {
    return ExampleFiles.readJsonl(file, null, keysOrNull(inputKeys));
  }

  /**
   * Reads a JSON Lines file typed by a signature: the signature's fields are converted to their Java types
   * (numbers, booleans, lists, enums, records; lax as pydantic), other keys kept as JSON gives them, and the
   * signature's inputs marked as inputs.
   *
   * @param file the file (UTF-8)
   * @param spec the signature
   * @return the examples, in file order
   * @throws DatasetException if the file cannot be read or a value does not fit its field (naming the line
   *     and field)
   */
  public static List<Example> readJsonl(Path file, SignatureSpec<?, ?> spec) {
    return ExampleFiles.readJsonl(file, spec, names(spec.inputs()));
  }

  /**
   * Reads a CSV file as Python's {@code csv} module reads Excel-dialect files: a header row of field
   * names, comma separated, {@code "} quoted with doubled quotes inside, newlines allowed in quoted cells.
   * Every value stays a string.
   *
   * @param file the file (UTF-8, optional BOM)
   * @param inputKeys the fields to mark as inputs; none leaves input keys unset
   * @return the examples, in file order
   * @throws DatasetException if the file cannot be read or a row has more cells than the header
   */
  public static List<Example> readCsv(Path file, String... inputKeys) {
    return ExampleFiles.readCsv(file, null, keysOrNull(inputKeys));
  }

  /**
   * Reads a CSV file typed by a signature: a cell of a non-string field is read as JSON or a Python literal
   * ({@code 3}, {@code 2.5}, {@code true}/{@code True}, {@code ["a", "b"]}) and converted to the field's
   * type; an empty cell of an {@code Optional} field is empty. Other columns stay strings; the signature's
   * inputs are marked as inputs.
   *
   * @param file the file (UTF-8, optional BOM)
   * @param spec the signature
   * @return the examples, in file order
   * @throws DatasetException if the file cannot be read or a cell does not fit its field (naming the row and
   *     field)
   */
  public static List<Example> readCsv(Path file, SignatureSpec<?, ?> spec) {
    return ExampleFiles.readCsv(file, spec, names(spec.inputs()));
  }

  private static Set<String> keysOrNull(String[] keys) {
    return keys.length == 0 ? null : new LinkedHashSet<>(Arrays.asList(keys));
  }

  /** Built by the file readers. */
  static Example of(Map<String, Object> fields, Set<String> inputKeys) {
    return new Example(fields, inputKeys == null ? null : new LinkedHashSet<>(inputKeys));
  }

  /**
   * {@code with_inputs(*keys)}: a copy whose inputs are these keys (the rest are labels).
   *
   * @param keys the input field names
   * @return the copy
   */
  public Example withInputs(String... keys) {
    return new Example(new LinkedHashMap<>(store), new LinkedHashSet<>(Arrays.asList(keys)));
  }

  /**
   * {@code inputs()}: the input fields only, keeping the input keys.
   *
   * @return a new example
   * @throws IllegalStateException if {@link #withInputs} was never called, as DSPy raises
   */
  public Example inputs() {
    if (inputKeys == null) {
      throw new IllegalStateException(
          "Inputs have not been set for this example. Use `example.withInputs()` to set them. Example: " + this);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    store.forEach((k, v) -> {
      if (inputKeys.contains(k)) {
        m.put(k, v);
      }
    });
    return new Example(m, new LinkedHashSet<>(inputKeys));
  }

  /**
   * {@code labels()}: the fields that are not inputs, with no input keys.
   *
   * @return a new example
   * @throws IllegalStateException if {@link #withInputs} was never called
   */
  public Example labels() {
    Set<String> in = inputs().store.keySet();
    Map<String, Object> m = new LinkedHashMap<>();
    store.forEach((k, v) -> {
      if (!in.contains(k)) {
        m.put(k, v);
      }
    });
    return new Example(m, null);
  }

  /** @return the input keys set by {@link #withInputs}, or empty if it was never called */
  public Optional<Set<String>> inputKeys() {
    return Optional.ofNullable(inputKeys);
  }

  /**
   * @param key a field name
   * @return its value, or {@code null} if there is no such field (or its value is {@code null})
   */
  public Object get(String key) {
    return store.get(key);
  }

  /**
   * @param key a field name
   * @param fallback what to return when there is no such field
   * @return its value, or {@code fallback}
   */
  public Object get(String key, Object fallback) {
    return store.containsKey(key) ? store.get(key) : fallback;
  }

  /**
   * @param key a field name
   * @return whether the example has it (DSPy's {@code key in example})
   */
  public boolean has(String key) {
    return store.containsKey(key);
  }

  /**
   * {@code copy(key=value)}: a copy with one field added or replaced (at its old position if it existed).
   *
   * @param key the field name
   * @param value its value
   * @return the copy, with the same input keys
   */
  public Example with(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(store);
    m.put(Objects.requireNonNull(key, "key"), value);
    return new Example(m, inputKeys == null ? null : new LinkedHashSet<>(inputKeys));
  }

  /**
   * {@code without(*keys)}: a copy without these fields.
   *
   * @param keys field names to drop
   * @return the copy, with the same input keys
   * @throws IllegalArgumentException if a key is not a field (DSPy raises {@code KeyError})
   */
  public Example without(String... keys) {
    Map<String, Object> m = new LinkedHashMap<>(store);
    for (String k : keys) {
      if (!m.containsKey(k)) {
        throw new IllegalArgumentException("no field " + PythonRepr.repr(k) + " to remove; fields: " + keys(true));
      }
      m.remove(k);
    }
    return new Example(m, inputKeys == null ? null : new LinkedHashSet<>(inputKeys));
  }

  /** @return the field names, in order, without DSPy's internal {@code dspy_} fields */
  public List<String> keys() {
    return keys(false);
  }

  /**
   * @param includeDspy whether to include DSPy's internal {@code dspy_} fields
   * @return the field names, in order
   */
  public List<String> keys(boolean includeDspy) {
    List<String> out = new ArrayList<>();
    for (String k : store.keySet()) {
      if (includeDspy || !k.startsWith("dspy_")) {
        out.add(k);
      }
    }
    return out;
  }

  /** @return every field and value, in order ({@code toDict()}), unmodifiable */
  public Map<String, Object> toMap() {
    return store;
  }

  /**
   * The input record of a signature built from this example's fields of the same names, as DSPy calls
   * {@code program(**example.inputs())}. Values of another Java type (a string {@code "3"} for an
   * {@code int}, a map for a record) are converted as the field's type converts JSON.
   *
   * @param spec the signature; needs {@link SignatureSpec#newInput}
   * @param <I> the input record
   * @return the input record
   * @throws ConfigurationException if a field is missing, a value does not fit, or the signature cannot
   *     build input records
   */
  public <I> I toInput(SignatureSpec<I, ?> spec) {
    List<FieldSpec> fields = spec.inputs();
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec f = fields.get(i);
      if (!store.containsKey(f.name())) {
        throw new ConfigurationException("example has no field '" + f.name() + "', an input of " + spec
            + "; its fields: " + keys(true));
      }
      try {
        values[i] = coerce(f.type(), store.get(f.name()));
      } catch (RuntimeException e) {
        throw new ConfigurationException("example field '" + f.name() + "' does not fit input " + f.name() + ": "
            + f.type() + " of " + spec + ": " + e.getMessage());
      }
    }
    return spec.newInput(values);
  }

  /** A value as the field's Java type: records and enums of the type pass through its JSON form. */
  static Object coerce(FieldType<?> type, Object value) {
    if (value == null) {
      return type.fromJson(null);
    }
    Object json;
    try {
      json = type.toJson(value);
    } catch (ClassCastException e) {
      json = value; // not yet of the type (a String for an enum): read it as JSON
    }
    return type.fromJson(json);
  }

  /** DSPy's equality: same fields and values; input keys are not compared. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Example && store.equals(((Example) o).store);
  }

  @Override
  public int hashCode() {
    return store.hashCode();
  }

  /** @return {@code Example({'question': 'Why?'}) (input_keys={'question'})}, as DSPy prints it */
  @Override
  public String toString() {
    Map<String, Object> shown = new LinkedHashMap<>();
    store.forEach((k, v) -> {
      if (!k.startsWith("dspy_")) {
        shown.put(k, v);
      }
    });
    return "Example(" + PythonRepr.repr(shown) + ") (input_keys="
        + (inputKeys == null ? "None" : PythonRepr.repr(inputKeys)) + ")";
  }
}
