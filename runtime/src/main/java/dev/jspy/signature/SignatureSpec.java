package dev.jspy.signature;

import dev.jspy.core.ConfigurationException;
import dev.jspy.internal.py.PyStrings;
import dev.jspy.internal.py.PythonRepr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A signature as the runtime uses it: name, instructions, input and output fields in declaration order,
 * and the two conversions between the generated records and field values.
 *
 * <p>The annotation processor writes one of these per {@code @Signature} as a constant (the generated
 * {@code <Name>Predict.SPEC}, built with {@link #of}), so nothing is parsed or reflected at run time. Immutable and shared
 * freely; derive variants with {@link #withInstructions(String)} and {@link #withOutputs}.
 *
 * <p>Building one fails with a {@link ConfigurationException} if a field name is not one or more letters,
 * digits or underscores (Python's {@code \w}), since the ChatAdapter could not read it back from a reply.
 *
 * @param <I> the generated input record
 * @param <O> the generated output record
 */
public final class SignatureSpec<I, O> {
  private final String name;
  private final String instructions;
  private final List<FieldSpec> inputs;
  private final List<FieldSpec> outputs;
  private final Function<I, Object[]> inputValues;
  private final Function<Values, I> inputFactory; // optional until the processor generates it
  private final Function<Values, O> outputFactory;
  private final Function<O, Object[]> outputValues;
  private final ConcurrentHashMap<Object, Object> memo = new ConcurrentHashMap<>();

  private SignatureSpec(Builder<I, O> b) {
    this.name = Objects.requireNonNull(b.name, "name");
    this.instructions = Objects.requireNonNull(b.instructions, "instructions");
    this.inputs = List.copyOf(b.inputs);
    this.outputs = List.copyOf(b.outputs);
    this.inputValues = Objects.requireNonNull(b.inputValues, "inputValues");
    this.inputFactory = b.inputFactory;
    this.outputFactory = Objects.requireNonNull(b.outputFactory, "outputs factory");
    this.outputValues = Objects.requireNonNull(b.outputValues, "outputValues");
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("signature " + name + " has no output fields");
    }
    Set<String> seen = new HashSet<>();
    for (FieldSpec f : fields()) {
      checkName(name, f.name());
      if (!seen.add(f.name())) {
        throw new IllegalArgumentException("signature " + name + " has two fields named '" + f.name() + "'");
      }
    }
  }

  /**
   * A field's name must be readable back from the {@code [[ ## name ## ]]} header the ChatAdapter writes:
   * DSPy reads headers with {@code \[\[ ## (\w+) ## \]\]}, so one or more letters, digits or
   * underscores in Python's sense ({@code $}, NUL or U+200B would compile but never parse).
   */
  private static void checkName(String signature, String field) {
    int bad = field.isEmpty() ? -2 : PyStrings.firstNonWordChar(field);
    if (bad == -1) {
      return;
    }
    String what = bad == -2
        ? "it is empty"
        : String.format("it contains U+%04X, which is not a letter, digit or underscore", bad);
    throw new ConfigurationException("signature " + signature + " has a field named " + PythonRepr.repr(field)
        + " that the ChatAdapter could not read back from its [[ ## name ## ]] header: " + what
        + " (DSPy reads headers with \\[\\[ ## (\\w+) ## \\]\\]). Rename the field.");
  }

  /**
   * A signature from its fields and one conversion method: what generated code calls (one method reference
   * compiles much faster than a lambda per conversion, and every generated signature pays that at each
   * build). Fails as {@link Builder#build()} does.
   *
   * @param name the signature's name (the annotated interface's simple name)
   * @param instructions the instructions the LM reads
   * @param inputs the input fields, in declaration order
   * @param outputs the output fields, in declaration order
   * @param conversions converts between the records and their field values
   * @param <I> the input record
   * @param <O> the output record
   * @return the signature
   */
  @SuppressWarnings("unchecked")
  public static <I, O> SignatureSpec<I, O> of(
      String name, String instructions, FieldSpec[] inputs, FieldSpec[] outputs, Conversions conversions) {
    Objects.requireNonNull(conversions, "conversions");
    Builder<I, O> b = new Builder<>(name);
    b.instructions = instructions;
    b.inputs.addAll(List.of(inputs));
    b.outputs.addAll(List.of(outputs));
    b.inputValues = in -> (Object[]) conversions.convert(Conversions.INPUT_VALUES, in);
    b.inputFactory = v -> (I) conversions.convert(Conversions.NEW_INPUT, v.array());
    b.outputFactory = v -> (O) conversions.convert(Conversions.NEW_OUTPUT, v.array());
    b.outputValues = out -> (Object[]) conversions.convert(Conversions.OUTPUT_VALUES, out);
    return b.build();
  }

  /**
   * The four conversions between a signature's records and their field values, as one method (the
   * generated {@code <Name>Predict.convert}), for {@link #of}. Values are in field order, each of its
   * field's Java type (primitives boxed).
   */
  @FunctionalInterface
  public interface Conversions {
    /** {@code convert(INPUT_VALUES, input)}: the input record's values, an {@code Object[]}. */
    int INPUT_VALUES = 0;
    /** {@code convert(NEW_INPUT, values)}: the input record made of an {@code Object[]} of values. */
    int NEW_INPUT = 1;
    /** {@code convert(NEW_OUTPUT, values)}: the output record made of an {@code Object[]} of values. */
    int NEW_OUTPUT = 2;
    /** {@code convert(OUTPUT_VALUES, output)}: the output record's values, an {@code Object[]}. */
    int OUTPUT_VALUES = 3;

    /**
     * @param conversion {@link #INPUT_VALUES}, {@link #NEW_INPUT}, {@link #NEW_OUTPUT} or {@link #OUTPUT_VALUES}
     * @param value the record or the {@code Object[]} of values to convert
     * @return the converted value
     */
    Object convert(int conversion, Object value);
  }

  /**
   * @param name the signature's name (the annotated interface's simple name)
   * @param <I> the input record
   * @param <O> the output record
   * @return a builder
   */
  public static <I, O> Builder<I, O> builder(String name) {
    return new Builder<>(name);
  }

  /** @return the signature's name */
  public String name() {
    return name;
  }

  /** @return the instructions the LM reads */
  public String instructions() {
    return instructions;
  }

  /** @return the input fields, in declaration order */
  public List<FieldSpec> inputs() {
    return inputs;
  }

  /** @return the output fields, in declaration order */
  public List<FieldSpec> outputs() {
    return outputs;
  }

  /** @return inputs then outputs */
  public List<FieldSpec> fields() {
    List<FieldSpec> all = new ArrayList<>(inputs);
    all.addAll(outputs);
    return all;
  }

  /**
   * @param input an input record
   * @return its field values, in the order of {@link #inputs()}
   */
  public Object[] inputValues(I input) {
    return inputValues.apply(input);
  }

  /**
   * Builds an input record from field values, as {@code Evaluate} and the optimizers do from an
   * {@code Example}'s inputs.
   *
   * @param values input values, in the order of {@link #inputs()}, each of its field's Java type
   * @return the input record
   * @throws ConfigurationException if this signature was built without {@link Builder#inputs(Function)}
   */
  public I newInput(Object[] values) {
    if (inputFactory == null) {
      throw new ConfigurationException("signature " + this + " cannot build its input record from values: it was"
          + " built without SignatureSpec.Builder.inputs(Function<Values, I>). Add it where the signature is"
          + " built (for a generated signature: a processor that generates it), or pass the conversion from an"
          + " Example to the input yourself.");
    }
    return inputFactory.apply(new Values(values));
  }

  /** @return whether {@link #newInput(Object[])} can build input records */
  public boolean hasInputFactory() {
    return inputFactory != null;
  }

  /**
   * @param values decoded output values, in the order of {@link #outputs()}
   * @return the output record
   */
  public O newOutput(Object[] values) {
    return outputFactory.apply(new Values(values));
  }

  /**
   * @param output an output record
   * @return its field values, in the order of {@link #outputs()}
   */
  public Object[] outputValues(O output) {
    return outputValues.apply(output);
  }

  /**
   * A value derived from this signature alone (an adapter's system message, a JSON schema), computed once
   * per key and kept with the signature: the "parse once, run many" cache for adapters and modules. The
   * computation must not call {@code memo} on this signature again.
   *
   * @param key whose value this is (usually the adapter instance)
   * @param compute derives the value from this signature
   * @param <T> the value's type
   * @return the value, computed on first use
   */
  @SuppressWarnings("unchecked")
  public <T> T memo(Object key, Function<? super SignatureSpec<I, O>, T> compute) {
    Object v = memo.get(key);
    if (v == null) {
      v = memo.computeIfAbsent(key, k -> compute.apply(this));
    }
    return (T) v;
  }

  /**
   * @param newInstructions replacement instructions (as an optimizer proposes them)
   * @return a copy with other instructions
   */
  public SignatureSpec<I, O> withInstructions(String newInstructions) {
    Builder<I, O> b = toBuilder();
    b.instructions = newInstructions;
    return b.build();
  }

  /**
   * Derives a signature with other outputs, as DSPy's ChainOfThought prepends {@code reasoning}.
   *
   * @param newOutputs the outputs of the derived signature
   * @param factory builds its output record
   * @param values reads its output record's values
   * @param <P> the derived output record
   * @return the derived signature
   */
  public <P> SignatureSpec<I, P> withOutputs(
      List<FieldSpec> newOutputs, Function<Values, P> factory, Function<P, Object[]> values) {
    Builder<I, P> b = new Builder<>(name);
    b.instructions = instructions;
    b.inputs.addAll(inputs);
    b.outputs.addAll(newOutputs);
    b.inputValues = inputValues;
    b.inputFactory = inputFactory;
    b.outputFactory = factory;
    b.outputValues = values;
    return b.build();
  }

  private Builder<I, O> toBuilder() {
    Builder<I, O> b = new Builder<>(name);
    b.instructions = instructions;
    b.inputs.addAll(inputs);
    b.outputs.addAll(outputs);
    b.inputValues = inputValues;
    b.inputFactory = inputFactory;
    b.outputFactory = outputFactory;
    b.outputValues = outputValues;
    return b;
  }

  /** @return {@code Name(in1, in2 -> out1)}, as errors name the signature */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append('(');
    appendNames(sb, inputs);
    sb.append(" -> ");
    appendNames(sb, outputs);
    return sb.append(')').toString();
  }

  private static void appendNames(StringBuilder sb, List<FieldSpec> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(fields.get(i).name());
    }
  }

  /**
   * Builds a {@link SignatureSpec}; generated code calls it once per signature.
   *
   * @param <I> the input record
   * @param <O> the output record
   */
  public static final class Builder<I, O> {
    private final String name;
    private String instructions;
    private final List<FieldSpec> inputs = new ArrayList<>();
    private final List<FieldSpec> outputs = new ArrayList<>();
    private Function<I, Object[]> inputValues;
    private Function<Values, I> inputFactory;
    private Function<Values, O> outputFactory;
    private Function<O, Object[]> outputValues;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * @param text the instructions
     * @return this builder
     */
    public Builder<I, O> instructions(String text) {
      this.instructions = text;
      return this;
    }

    /**
     * @param name the field's name
     * @param description its description, {@code ""} for none
     * @param type its type
     * @return this builder
     */
    public Builder<I, O> input(String name, String description, FieldType<?> type) {
      inputs.add(new FieldSpec(name, description, type));
      return this;
    }

    /**
     * @param name the field's name
     * @param description its description, {@code ""} for none
     * @param type its type
     * @return this builder
     */
    public Builder<I, O> output(String name, String description, FieldType<?> type) {
      outputs.add(new FieldSpec(name, description, type));
      return this;
    }

    /**
     * @param field an input field, with its constraints
     * @return this builder
     */
    public Builder<I, O> input(FieldSpec field) {
      inputs.add(field);
      return this;
    }

    /**
     * @param field an output field, with its constraints
     * @return this builder
     */
    public Builder<I, O> output(FieldSpec field) {
      outputs.add(field);
      return this;
    }

    /**
     * @param f an input record's field values, in input order
     * @return this builder
     */
    public Builder<I, O> inputValues(Function<I, Object[]> f) {
      this.inputValues = f;
      return this;
    }

    /**
     * Optional: lets {@link SignatureSpec#newInput(Object[])} build input records (from an
     * {@code Example}, in {@code Evaluate} and the optimizers).
     *
     * @param f builds the input record from values, in input order
     * @return this builder
     */
    public Builder<I, O> inputs(Function<Values, I> f) {
      this.inputFactory = f;
      return this;
    }

    /**
     * @param f builds the output record from decoded values, in output order
     * @return this builder
     */
    public Builder<I, O> outputs(Function<Values, O> f) {
      this.outputFactory = f;
      return this;
    }

    /**
     * @param f an output record's field values, in output order
     * @return this builder
     */
    public Builder<I, O> outputValues(Function<O, Object[]> f) {
      this.outputValues = f;
      return this;
    }

    /** @return the signature */
    public SignatureSpec<I, O> build() {
      return new SignatureSpec<>(this);
    }
  }
}
