package dev.jspy;

import dev.jspy.lm.LM;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.signature.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reasons step by step before answering, as DSPy's {@code dspy.ChainOfThought}: the signature gains a
 * {@code reasoning} output field, first, that the LM fills in before the other outputs. Generated
 * {@code <Name>ChainOfThought} classes extend this with typed overloads.
 *
 * @param <I> the input record
 * @param <O> the output record, {@code reasoning()} first
 */
public class ChainOfThought<I, O> extends Module<I, O> {
  /** The field DSPy prepends: {@code reasoning}, a {@code str} with no description. */
  public static final FieldSpec REASONING = new FieldSpec("reasoning", "", FieldType.STRING);

  private final Predict<I, O> predict;

  /**
   * @param base the signature to reason about
   * @param outputs builds the output record from {@code reasoning} followed by the signature's outputs
   * @param outputValues reads an output record's values in the same order
   */
  public ChainOfThought(SignatureSpec<I, ?> base, Function<Values, O> outputs, Function<O, Object[]> outputValues) {
    // One extended signature per base signature and output record, so prompts cached on it are shared by
    // every instance (a service may create a ChainOfThought per request).
    SignatureSpec<I, O> extended =
        base.memo(List.of(ChainOfThought.class, outputs.getClass()), b -> extend(b, outputs, outputValues));
    this.predict = new Predict<>(extended);
  }

  private static <I, O> SignatureSpec<I, O> extend(
      SignatureSpec<I, ?> base, Function<Values, O> outputs, Function<O, Object[]> outputValues) {
    List<FieldSpec> fields = new ArrayList<>();
    fields.add(REASONING);
    fields.addAll(base.outputs());
    return base.withOutputs(fields, outputs, outputValues);
  }

  /** @return the predictor inside, over the extended signature (DSPy's {@code self.predict}) */
  public Predict<I, O> predict() {
    return predict;
  }

  /** @return the extended signature, {@code reasoning} first */
  public SignatureSpec<I, O> signature() {
    return predict.signature();
  }

  /**
   * @param lm the LM this module always uses, or {@code null} for the settings' LM
   * @return this module
   */
  public ChainOfThought<I, O> lm(LM lm) {
    predict.lm(lm);
    return this;
  }

  /**
   * Reasons, answers and waits: the same as {@link #call}.
   *
   * @param input the input record
   * @return the outputs, {@code reasoning} first
   */
  @Override
  public O forward(I input) {
    return call(input);
  }

  /**
   * Reasons and answers without blocking: the same as {@link #acall}.
   *
   * @param input the input record
   * @return the outputs, or a future failed with the runtime's exception
   */
  @Override
  public CompletableFuture<O> aforward(I input) {
    return acall(input);
  }

  @Override
  O callBody(I input, Settings settings) {
    return predict.call(input, settings);
  }

  @Override
  CompletableFuture<O> acallBody(I input, Settings settings) {
    return predict.acall(input, settings);
  }

  /** @return the module and its signature, as DSPy prints a predictor */
  @Override
  public String toString() {
    return "ChainOfThought(" + predict.signature() + ")";
  }
}
