package dev.jspy;

import dev.jspy.adapters.AdapterParseException;
import dev.jspy.core.ConfigurationException;
import dev.jspy.internal.Futures;
import dev.jspy.internal.Workers;
import dev.jspy.lm.CallOptions;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMException;
import dev.jspy.lm.LMTruncatedException;
import dev.jspy.adapters.Adapter;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Message;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the LM for a signature's outputs, as DSPy's {@code dspy.Predict}. Generated {@code <Name>Predict}
 * classes extend this with typed {@code forward(...)}/{@code aforward(...)} overloads.
 *
 * <p>A predictor may carry its own LM, request parameters and few-shot demos; what it does not carry comes
 * from the {@link Jspy} settings in force when it is called. Thread-safe: one instance serves concurrent
 * calls.
 *
 * @param <I> the input record
 * @param <O> the output record
 */
public class Predict<I, O> extends Module<I, O> {
  private static final Logger log = LoggerFactory.getLogger(Predict.class);

  private final SignatureSpec<I, O> declared;
  private volatile SignatureSpec<I, O> signature;
  /** DSPy's field prefixes ({@code Question:}), by position over {@code signature.fields()}. */
  private volatile List<String> prefixes;
  private volatile LM lm;
  private volatile Map<String, Object> config = Map.of();
  private volatile List<Map<String, Object>> demos = List.of();

  /**
   * @param signature the signature, usually the generated {@code <Name>Predict.SPEC}
   */
  public Predict(SignatureSpec<I, O> signature) {
    this.declared = signature;
    this.signature = signature;
    this.prefixes = ProgramState.defaultPrefixes(signature);
  }

  /**
   * @return the signature this predictor asks for: the declared one with this predictor's instructions and
   *     field descriptions (changed by {@link #instructions(String)}, {@link #fieldDescription} or a loaded
   *     state)
   */
  public SignatureSpec<I, O> signature() {
    return signature;
  }

  /**
   * Replaces the instructions the LM sees, as an optimizer or a loaded DSPy state does.
   *
   * @param instructions the new instructions
   * @return this predictor
   */
  public synchronized Predict<I, O> instructions(String instructions) {
    List<String> descriptions = new ArrayList<>();
    signature.fields().forEach(f -> descriptions.add(f.description()));
    signature = rebuild(declared, java.util.Objects.requireNonNull(instructions, "instructions"), descriptions);
    return this;
  }

  /**
   * Replaces one field's description (shown to the LM in the field list).
   *
   * @param field the field's name
   * @param description the new description, {@code ""} for none
   * @return this predictor
   * @throws IllegalArgumentException if the signature has no such field
   */
  public synchronized Predict<I, O> fieldDescription(String field, String description) {
    List<String> descriptions = new ArrayList<>();
    boolean found = false;
    for (FieldSpec f : signature.fields()) {
      boolean match = f.name().equals(field);
      found |= match;
      descriptions.add(match ? java.util.Objects.requireNonNull(description, "description") : f.description());
    }
    if (!found) {
      throw new IllegalArgumentException("no field '" + field + "' in " + signature);
    }
    signature = rebuild(declared, signature.instructions(), descriptions);
    return this;
  }

  /**
   * @return DSPy's field prefixes ({@code Question:}, {@code Simplified Answer:}), one per field in the order
   *     of {@code signature().fields()}; kept for DSPy's saved state, not shown by the adapters
   */
  public List<String> prefixes() {
    return prefixes;
  }

  /** Sets instructions, field descriptions and prefixes (by position) at once: a loaded state. */
  synchronized void applyState(
      String instructions, List<String> descriptions, List<String> newPrefixes, List<Map<String, Object>> newDemos,
      LM newLm) {
    signature = rebuild(declared, instructions, descriptions);
    prefixes = List.copyOf(newPrefixes);
    replaceDemos(newDemos);
    lm = newLm;
  }

  /** The declared signature with other instructions and descriptions (by position); same types and records. */
  private static <I, O> SignatureSpec<I, O> rebuild(
      SignatureSpec<I, O> base, String instructions, List<String> descriptions) {
    SignatureSpec.Builder<I, O> b = SignatureSpec.<I, O>builder(base.name()).instructions(instructions);
    int i = 0;
    for (FieldSpec f : base.inputs()) {
      b.input(f.name(), descriptions.get(i++), f.type());
    }
    for (FieldSpec f : base.outputs()) {
      b.output(f.name(), descriptions.get(i++), f.type());
    }
    return b.inputValues(base::inputValues)
        .outputs(v -> base.newOutput(v.toArray()))
        .outputValues(base::outputValues)
        .build();
  }

  /** @return this predictor's own LM, or {@code null} to use the LM in the settings at call time */
  public LM lm() {
    return lm;
  }

  /**
   * @param lm the LM this predictor always uses, or {@code null} to use the settings' LM
   * @return this predictor
   */
  public Predict<I, O> lm(LM lm) {
    this.lm = lm;
    return this;
  }

  /** @return request parameters this predictor adds to every call (OpenAI names) */
  public Map<String, Object> config() {
    return config;
  }

  /**
   * Sets request parameters for this predictor's calls, overriding the LM's defaults, e.g.
   * {@code Map.of("temperature", 0.7, "max_tokens", 512)}; a {@code null} value removes an LM default.
   *
   * @param params parameters by their OpenAI name
   * @return this predictor
   */
  public Predict<I, O> config(Map<String, Object> params) {
    this.config = Collections.unmodifiableMap(new LinkedHashMap<>(params)); // a null value removes an LM default
    return this;
  }

  /**
   * Adds a few-shot example shown to the LM before the real input, as DSPy's demos. A {@code null} record
   * component means the example does not supply that field, as a key missing from a DSPy demo: the
   * prompt then leaves a missing input out and writes a missing output as
   * {@code Not supplied for this particular example.}, and such incomplete demos come first, as in DSPy.
   * {@code Optional.empty()} is a supplied {@code None}. A demo with no input or no output at all is not
   * shown.
   *
   * @param input the example's inputs ({@code null} components are not supplied)
   * @param output the example's outputs ({@code null} components are not supplied)
   * @return this predictor
   */
  public Predict<I, O> addDemo(I input, O output) {
    Map<String, Object> demo = new LinkedHashMap<>();
    putSupplied(demo, signature.inputs(), signature.inputValues(input));
    putSupplied(demo, signature.outputs(), signature.outputValues(output));
    return addDemoMap(demo);
  }

  /**
   * Adds a demo as plain data, as DSPy keeps demos loaded from a saved program: field name to JSON-like
   * value ({@code String}, {@code Boolean}, {@code Long}, {@code Double}, {@code List}, {@code Map},
   * {@code null} for Python's {@code None}). A field absent from the map is not supplied; keys that are
   * not fields of the signature (such as DSPy's {@code augmented}) are kept but never formatted.
   *
   * @param data the demo's values by field name
   * @return this predictor
   */
  public Predict<I, O> addDemo(Map<String, ?> data) {
    return addDemoMap(new LinkedHashMap<>(data));
  }

  private Predict<I, O> addDemoMap(Map<String, Object> demo) {
    synchronized (this) {
      List<Map<String, Object>> next = new ArrayList<>(demos);
      next.add(Collections.unmodifiableMap(demo));
      demos = List.copyOf(next);
    }
    return this;
  }

  /**
   * Replaces every demo at once.
   *
   * @param data the demos as plain data, as {@link #addDemo(Map)} takes them
   */
  void replaceDemos(List<Map<String, Object>> data) {
    List<Map<String, Object>> next = new ArrayList<>(data.size());
    for (Map<String, Object> d : data) {
      next.add(Collections.unmodifiableMap(new LinkedHashMap<>(d)));
    }
    demos = List.copyOf(next);
  }

  /**
   * @return the few-shot demos, each a map from field name to value (unmodifiable; a field the demo does
   *     not supply is absent)
   */
  public List<Map<String, Object>> demos() {
    return demos;
  }

  /** Removes every demo. */
  public void clearDemos() {
    demos = List.of();
  }

  /**
   * Runs the predictor and waits: the same as {@link #call}, so callbacks, settings and errors are those of
   * every module call.
   *
   * @param input the input record
   * @return the outputs
   */
  @Override
  public O forward(I input) {
    return call(input);
  }

  /**
   * Runs the predictor without blocking: the same as {@link #acall}.
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
    // This thread waits for the result anyway: the LM may make the exchange on it (no hand-offs).
    return Futures.join(start(input, settings, Thread.currentThread()));
  }

  @Override
  CompletableFuture<O> acallBody(I input, Settings settings) {
    return start(input, settings, null);
  }

  /** @param waiter the thread that blocks until the call ends, or {@code null} for an asynchronous call */
  private CompletableFuture<O> start(I input, Settings settings, Thread waiter) {
    LM chosen = lm != null ? lm : settings.lm();
    if (chosen == null) {
      return CompletableFuture.failedFuture(
          new ConfigurationException(
              "no LM is configured for "
                  + signature
                  + ": call Jspy.configure(s -> s.lm(LM.of(\"openai/<model>\"))) once at startup, "
                  + "open a Jspy.context(s -> s.lm(...)) around the call, or give the predictor its own "
                  + "with predictor.lm(...)"));
    }
    Map<String, Object> inputs;
    try {
      inputs = inputMap(input);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    Call call = new Call(chosen, inputs, waiter);
    CompletableFuture<O> result = new CompletableFuture<>();
    result.whenComplete(
        (o, e) -> {
          if (e instanceof CancellationException) {
            call.cancel();
          }
        });
    call.run(settings, settings.adapter(), null)
        .whenComplete(
            (values, error) -> {
              if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
                return;
              }
              try {
                O output = signature.newOutput(values);
                traceCall(settings, inputs, values);
                result.complete(output);
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  /** Appends this call to the run's trace, if its settings carry one (DSPy's {@code settings.trace}). */
  private void traceCall(Settings settings, Map<String, Object> inputs, Object[] values) {
    dev.jspy.Trace trace = settings.trace();
    if (trace != null) {
      Map<String, Object> outputs = new LinkedHashMap<>();
      List<FieldSpec> fields = signature.outputs();
      for (int i = 0; i < values.length && i < fields.size(); i++) {
        outputs.put(fields.get(i).name(), values[i]);
      }
      trace.add(new dev.jspy.Trace.Step(this, inputs, outputs));
    }
  }

  /** A bare {@code Predict} copies itself with its declared signature; subclasses as {@link Module} does. */
  @Override
  protected Module<I, O> newInstance() {
    return getClass() == Predict.class ? new Predict<>(declared) : super.newInstance();
  }

  /** Takes {@code other}'s instructions, descriptions, prefixes, demos, LM and config (a deep copy's state). */
  @SuppressWarnings("unchecked")
  synchronized void copyStateFrom(Predict<?, ?> other) {
    Predict<I, O> from = (Predict<I, O>) other;
    signature = from.signature;
    prefixes = from.prefixes;
    demos = from.demos;
    lm = from.lm;
    config = from.config;
  }

  /** DSPy's {@code Predict.reset()}: no LM of its own and no demos. */
  synchronized void reset() {
    lm = null;
    demos = List.of();
  }

  private Map<String, Object> inputMap(I input) {
    if (input == null) {
      throw new NullPointerException("input of " + signature + " is null");
    }
    Object[] values = signature.inputValues(input);
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      FieldSpec f = signature.inputs().get(i);
      Object v = values[i];
      if (v == null) {
        if (f.type() instanceof FieldType.OptionalType) {
          v = Optional.empty();
        } else {
          throw new NullPointerException(
              "input field '" + f.name() + "' of " + signature + " is null; pass a value or declare it Optional");
        }
      }
      map.put(f.name(), v);
    }
    return map;
  }

  /** The supplied values: a {@code null} component is a field the demo leaves out. */
  private static void putSupplied(Map<String, Object> into, List<FieldSpec> fields, Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        into.put(fields.get(i).name(), values[i]);
      }
    }
  }

  /** DSPy's per-call cache switch and rollout id, as they may come in a predictor's config. */
  private static final String CACHE = "cache";

  private static final String ROLLOUT_ID = "rollout_id";

  /** One predictor call: the adapter attempt, its fallback, and the LM call in flight to cancel. */
  private final class Call {
    private final LM lm;
    private final Map<String, Object> inputs;
    /** The thread blocked on this call (a synchronous forward), or {@code null}. */
    private final Thread waiter;
    private final AtomicReference<CompletableFuture<LMResponse>> inFlight = new AtomicReference<>();
    private volatile boolean cancelled;

    Call(LM lm, Map<String, Object> inputs, Thread waiter) {
      this.lm = lm;
      this.inputs = inputs;
      this.waiter = waiter;
    }

    void cancel() {
      cancelled = true;
      CompletableFuture<LMResponse> f = inFlight.get();
      if (f != null) {
        f.cancel(true);
      }
    }

    /**
     * One adapter's attempt and, if it fails with anything but an LM error or a cancellation, the
     * adapter's fallback, as DSPy's ChatAdapter falls back to its JSONAdapter on any exception but an
     * {@code LMError}. A failing fallback keeps the earlier failure beside its own.
     */
    CompletableFuture<Object[]> run(Settings settings, Adapter adapter, RuntimeException earlier) {
      CompletableFuture<Object[]> attempt = attempt(settings, adapter);
      Adapter fallback = adapter.fallback(signature, lm);
      CompletableFuture<Object[]> result =
          fallback == null
              ? attempt
              : attempt
                  .handle(
                      (values, error) -> {
                        if (error == null) {
                          return CompletableFuture.completedFuture(values);
                        }
                        Throwable cause = Futures.unwrap(error);
                        if (!cancelled && fallsBack(cause)) {
                          return run(settings, fallback, (RuntimeException) cause);
                        }
                        return CompletableFuture.<Object[]>failedFuture(cause);
                      })
                  .thenCompose(f -> f);
      if (earlier == null) {
        return result;
      }
      return result.whenComplete(
          (v, e) -> {
            Throwable cause = e == null ? null : Futures.unwrap(e);
            if (cause != null && cause != earlier && !(cause instanceof CancellationException)) {
              cause.addSuppressed(earlier);
            }
          });
    }

    private CompletableFuture<Object[]> attempt(Settings settings, Adapter adapter) {
      LMRequest request;
      try {
        List<Message> messages = adapter.format(signature, demos, inputs);
        request = adapter.prepare(signature, lm, new LMRequest(messages, config));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      StreamSink streamSink = settings.streamSink();
      StreamSink.Call stream = streamSink == null ? null : streamSink.open(Predict.this, adapter);
      // Observation (callbacks, history, usage) is the LM chain's first link; the call only says whose it is.
      CallOptions options = LmObservation.options(settings, adapter.name(), stream);
      Map<String, Object> params = request.params();
      if (params.containsKey(CACHE) || params.containsKey(ROLLOUT_ID)) {
        // DSPy's config keys for the cache, kept for programs written for it: typed options, never sent.
        options = options.withCache(!Boolean.FALSE.equals(params.get(CACHE)))
            .withRolloutId(params.get(ROLLOUT_ID) instanceof Number ? ((Number) params.get(ROLLOUT_ID)).intValue() : null);
        Map<String, Object> rest = new LinkedHashMap<>(params);
        rest.remove(CACHE);
        rest.remove(ROLLOUT_ID);
        request = new LMRequest(request.messages(), rest);
      }
      if (waiter == Thread.currentThread()) {
        options = options.withCallerWaiting(); // a fallback's attempt on a worker thread is not
      }
      LMRequest sentRequest = request;
      CallOptions sentOptions = options;
      CompletableFuture<LMResponse> sent;
      try {
        // The LM runs with the call's settings in force, whatever thread this attempt runs on.
        sent = Jspy.runWith(settings, () -> lm.acall(sentRequest, sentOptions));
      } catch (RuntimeException e) {
        sent = CompletableFuture.failedFuture(e);
      }
      inFlight.set(sent);
      if (cancelled) {
        sent.cancel(true);
      }
      // What follows (parsing, the fallback's request, the caller's continuations) runs on a jspy worker,
      // never on the LM's I/O thread that completed the call: that thread holds one of the LM's concurrency
      // slots, and parsing a hostile reply may take a while. A reply already there (a cache hit, or an
      // exchange made on the waiting caller's own thread) is handled on the calling thread.
      CompletableFuture<LMResponse> arrived =
          sent.isDone() ? sent : sent.whenCompleteAsync((r, e) -> {}, Workers.executor());
      if (stream != null) {
        arrived = arrived.whenComplete((r, e) -> stream.end(r)); // flushes the fields' last chunks before parsing
      }
      return arrived.thenApply(r -> parse(adapter, sentRequest, r));
    }

    private Object[] parse(Adapter adapter, LMRequest request, LMResponse response) {
      LMResponse.Choice choice = response.choices().get(0);
      Object[] values;
      try {
        values = adapter.parse(signature, choice.text());
      } catch (AdapterParseException e) {
        if (choice.truncated() && (adapter.fallback(signature, lm) == null || cancelled)) {
          // The last adapter could not parse a reply cut off at the token limit: say so, not just that it
          // did not parse (the fallback, if any, was tried first: a JSON reply often survives truncation).
          LMTruncatedException t = new LMTruncatedException(lm.model(), maxTokens(request), choice.text());
          t.addSuppressed(e);
          throw t;
        }
        throw e;
      }
      if (choice.truncated()) {
        // As DSPy's LM: a reply cut off at the token limit that still parses is a result, with a warning.
        log.warn(
            "[{}] LM response was truncated due to exceeding max_tokens={}, but {} parsed it; its outputs may be "
                + "incomplete. To avoid truncation, raise maxTokens.",
            lm.model(),
            maxTokens(request),
            adapter.name());
      }
      return values;
    }

    private Integer maxTokens(LMRequest request) {
      Object maxTokens = request.params().getOrDefault("max_tokens", lm.defaults().get("max_tokens"));
      return maxTokens instanceof Number ? ((Number) maxTokens).intValue() : null;
    }
  }

  /**
   * Whether DSPy's ChatAdapter would retry a failure with its fallback: any exception but an LM error
   * (transport, HTTP status, a reply that is no chat completion) or a cancellation; never an {@link Error}.
   */
  private static boolean fallsBack(Throwable cause) {
    return cause instanceof RuntimeException
        && !(cause instanceof LMException)
        && !(cause instanceof CancellationException);
  }

  /** @return the module and its signature, as DSPy prints a predictor */
  @Override
  public String toString() {
    return "Predict(" + signature + ")";
  }
}
