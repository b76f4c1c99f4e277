package dev.jspy;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

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
  private final SignatureSpec<I, O> signature;
  private volatile LM lm;
  private volatile Map<String, Object> config = Map.of();
  private volatile List<Map<String, Object>> demos = List.of();

  /**
   * @param signature the signature, usually the generated {@code <Name>Signature.SPEC}
   */
  public Predict(SignatureSpec<I, O> signature) {
    this.signature = signature;
  }

  /** @return the signature this predictor asks for */
  public SignatureSpec<I, O> signature() {
    return signature;
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
   * Adds a few-shot example shown to the LM before the real input, as DSPy's demos.
   *
   * @param input the example's inputs
   * @param output the example's outputs
   * @return this predictor
   */
  public Predict<I, O> addDemo(I input, O output) {
    Map<String, Object> demo = new LinkedHashMap<>();
    putAll(demo, signature.inputs(), signature.inputValues(input));
    putAll(demo, signature.outputs(), signature.outputValues(output));
    List<Map<String, Object>> next = new ArrayList<>(demos);
    next.add(Collections.unmodifiableMap(demo));
    demos = List.copyOf(next);
    return this;
  }

  /** @return the few-shot demos, each a map from field name to value */
  public List<Map<String, Object>> demos() {
    return demos;
  }

  /** Removes every demo. */
  public void clearDemos() {
    demos = List.of();
  }

  @Override
  public O forward(I input) {
    return Futures.join(aforward(input));
  }

  @Override
  public CompletableFuture<O> aforward(I input) {
    Settings settings = Jspy.current();
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
    Call call = new Call(chosen, inputs);
    SettingsFuture<O> result = new SettingsFuture<>(settings, call::cancel);
    call.run(settings, settings.adapter(), null)
        .whenComplete(
            (values, error) -> {
              if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
                return;
              }
              try {
                result.complete(signature.newOutput(values));
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            });
    return result;
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
        if (f.type().kind() == FieldType.Kind.OPTIONAL) {
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

  private static void putAll(Map<String, Object> into, List<FieldSpec> fields, Object[] values) {
    for (int i = 0; i < values.length; i++) {
      into.put(fields.get(i).name(), values[i]);
    }
  }

  /** One predictor call: the adapter attempt, its fallback, and the LM call in flight to cancel. */
  private final class Call {
    private final LM lm;
    private final Map<String, Object> inputs;
    private final AtomicReference<CompletableFuture<LMResponse>> inFlight = new AtomicReference<>();
    private volatile boolean cancelled;

    Call(LM lm, Map<String, Object> inputs) {
      this.lm = lm;
      this.inputs = inputs;
    }

    void cancel() {
      cancelled = true;
      CompletableFuture<LMResponse> f = inFlight.get();
      if (f != null) {
        f.cancel(true);
      }
    }

    CompletableFuture<Object[]> run(Settings settings, Adapter adapter, AdapterParseException earlier) {
      LMRequest request;
      try {
        List<Message> messages = adapter.format(signature, demos, inputs);
        request = adapter.prepare(signature, lm, new LMRequest(messages, config));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      long start = System.nanoTime();
      List<Callback> callbacks = settings.callbacks();
      long callId = callbacks.isEmpty() ? 0 : Callbacks.lmStart(callbacks, lm, request);
      CompletableFuture<LMResponse> sent = lm.acall(request);
      inFlight.set(sent);
      if (cancelled) {
        sent.cancel(true);
      }
      // The end callback runs before parsing, so it comes before the module's end.
      CompletableFuture<LMResponse> response =
          callbacks.isEmpty()
              ? sent
              : sent.whenComplete(
                  (r, e) -> Callbacks.lmEnd(callbacks, callId, r, e == null ? null : Futures.unwrap(e)));
      CompletableFuture<Object[]> parsed =
          response.thenCompose(
              r -> {
                record(settings, adapter, request, r, Duration.ofNanos(System.nanoTime() - start));
                return parse(settings, adapter, request, r, earlier);
              });
      if (earlier == null) {
        return parsed;
      }
      // A fallback whose LM call fails (say, a server without structured outputs) keeps the first
      // adapter's parse failure beside its own error.
      return parsed.whenComplete(
          (v, e) -> {
            Throwable cause = e == null ? null : Futures.unwrap(e);
            if (cause != null && !(cause instanceof AdapterParseException) && cause != earlier) {
              cause.addSuppressed(earlier);
            }
          });
    }

    private void record(Settings settings, Adapter adapter, LMRequest request, LMResponse r, Duration took) {
      History history = Jspy.history();
      if (history.enabled()) {
        List<String> outputs = new ArrayList<>(r.choices().size());
        for (LMResponse.Choice c : r.choices()) {
          outputs.add(c.text());
        }
        history.add(
            new History.Entry(
                LocalDateTime.now(), lm.model(), adapter.name(), request.messages(), outputs, r.usage(), took,
                r.cacheHit()));
      }
      UsageTracker tracker = settings.usageTracker();
      if (tracker != null && !r.cacheHit()) {
        tracker.add(lm.model(), r.usage());
      }
    }

    private CompletableFuture<Object[]> parse(
        Settings settings, Adapter adapter, LMRequest request, LMResponse response, AdapterParseException earlier) {
      LMResponse.Choice choice = response.choices().get(0);
      try {
        return CompletableFuture.completedFuture(adapter.parse(signature, choice.text()));
      } catch (AdapterParseException e) {
        if (earlier != null) {
          e.addSuppressed(earlier);
        }
        Adapter fallback = adapter.fallback();
        if (fallback != null && !cancelled) {
          // As DSPy: a reply the adapter cannot parse gets one more try with the fallback adapter (the
          // JSON adapter constrains the reply with a schema, which often rescues even a truncated one).
          return run(settings, fallback, e);
        }
        if (choice.truncated()) {
          Object maxTokens = request.params().getOrDefault("max_tokens", lm.defaults().get("max_tokens"));
          LMTruncatedException t =
              new LMTruncatedException(
                  lm.model(), maxTokens instanceof Number ? ((Number) maxTokens).intValue() : null, choice.text());
          t.addSuppressed(e);
          throw t;
        }
        throw e;
      }
    }
  }

  /** @return the module and its signature, as DSPy prints a predictor */
  @Override
  public String toString() {
    return "Predict(" + signature + ")";
  }
}
