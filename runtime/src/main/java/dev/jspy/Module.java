package dev.jspy;

import dev.jspy.core.ConfigurationException;
import dev.jspy.core.JspyException;
import dev.jspy.internal.Futures;
import dev.jspy.internal.Workers;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A step of an LM program, as DSPy's {@code dspy.Module}: {@code forward} runs it and waits,
 * {@code aforward} runs it without blocking.
 *
 * <p>Override either or both. If only {@link #forward} is overridden, {@link #aforward} runs it on a jspy
 * worker thread, never on the caller's; if only {@link #aforward} is overridden, {@link #forward} waits for
 * it. Callers use {@link #call}/{@link #acall}: the one entry point of a module call, which captures the
 * {@link Jspy} settings in force, reports the call to the callbacks (with the module call it runs in as
 * parent) and runs the body with those settings. The built-in modules ({@link Predict},
 * {@link ChainOfThought}, {@link ReAct} and the generated classes) route their own {@code forward} and
 * {@code aforward} through the same entry point, so every way to run them behaves alike.
 *
 * <p>Settings: a call uses the settings in force when it starts, on whatever thread its work runs; the
 * future {@code aforward}/{@code acall} returns is completed with those settings in force, so a continuation
 * attached without an executor before it completes sees them, and any other continuation sees the settings
 * of the thread that runs it (see {@link Jspy} for the rule, {@link Jspy#bind} and {@link Jspy#wrap}).
 *
 * <pre>{@code
 * // with @Signature(value = "question -> answer", chainOfThought = true) interface Qa {}
 * // and @Signature(value = "answer -> simplified_answer", chainOfThought = true) interface Simplify {}
 * class TwoStep extends Module<String, String> {
 *   final QaChainOfThought answer = new QaChainOfThought();
 *   final SimplifyChainOfThought simplify = new SimplifyChainOfThought();
 *
 *   @Override public CompletableFuture<String> aforward(String q) {
 *     return answer.aforward(q)
 *         .thenCompose(a -> simplify.aforward(a.answer()))
 *         .thenApply(s -> s.simplified_answer());
 *   }
 * }
 * }</pre>
 *
 * <p>A synchronous call that fails throws the same exception type as the asynchronous one would complete
 * with, with the caller's stack and the exception from the thread that did the work as its cause.
 *
 * @param <I> what the module takes
 * @param <O> what it gives
 */
public abstract class Module<I, O> {
  /** The module whose default {@link #forward} is calling its {@link #aforward} on this thread, if any. */
  private static final ThreadLocal<Module<?, ?>> IN_DEFAULT_FORWARD = new ThreadLocal<>();

  /** For subclasses. */
  protected Module() {}

  /**
   * Runs the module and waits. The default waits for {@link #aforward}.
   *
   * @param input the input
   * @return the output
   */
  public O forward(I input) {
    Module<?, ?> outer = IN_DEFAULT_FORWARD.get();
    IN_DEFAULT_FORWARD.set(this);
    CompletableFuture<O> future;
    try {
      future = aforward(input);
    } finally {
      if (outer == null) {
        IN_DEFAULT_FORWARD.remove();
      } else {
        IN_DEFAULT_FORWARD.set(outer);
      }
    }
    return Futures.join(future);
  }

  /**
   * Runs the module without blocking the caller. The default runs {@link #forward} on a jspy worker thread
   * with the caller's settings; cancelling the future interrupts that thread.
   *
   * @param input the input
   * @return the output, or a future failed with the module's exception
   */
  public CompletableFuture<O> aforward(I input) {
    if (IN_DEFAULT_FORWARD.get() == this) {
      throw new IllegalStateException(
          getClass().getName() + " overrides neither forward nor aforward; override at least one");
    }
    return inWorker(Jspy.current(), () -> forward(input));
  }

  /**
   * Runs a synchronous {@code body} on a jspy worker (the blocking lane) with {@code settings} in force and
   * completes the returned future there. Cancelling the future interrupts the worker (a body blocked on an
   * LM call then cancels that call); a body not yet started never starts.
   */
  static <T> CompletableFuture<T> inWorker(Settings settings, Supplier<T> body) {
    CompletableFuture<T> result = new CompletableFuture<>();
    AtomicReference<Thread> runner = new AtomicReference<>();
    result.whenComplete(
        (v, e) -> {
          if (e instanceof CancellationException) {
            Thread t = runner.get();
            if (t != null) {
              t.interrupt();
            }
          }
        });
    // A body started from inside another (on any thread) never queues behind it: its parent may wait for it.
    (settings.inBlockingBody() ? Workers.nestedBlocking() : Workers.blocking()).execute(
        () -> {
          if (result.isDone()) {
            return;
          }
          runner.set(Thread.currentThread());
          try {
            T value = Jspy.runWith(settings.inBlockingBodyNow(), body);
            Jspy.runWith(settings, () -> result.complete(value));
          } catch (RuntimeException | Error e) {
            Jspy.runWith(settings, () -> result.completeExceptionally(e));
          } finally {
            runner.set(null);
            Thread.interrupted(); // a cancel that came late must not leak into the next task
          }
        });
    return result;
  }

  /**
   * The body of a synchronous call, run on the caller's thread by {@link #call} with the call's settings.
   * The default runs {@link #forward} with {@code settings} in force; the built-in modules run themselves
   * with {@code settings} as a value.
   */
  O callBody(I input, Settings settings) {
    return Jspy.runWith(settings, () -> forward(input));
  }

  /**
   * The body of an asynchronous call, started by {@link #acall} with the call's settings. The default runs
   * {@link #aforward} with {@code settings} in force; the built-in modules run themselves with
   * {@code settings} as a value.
   */
  CompletableFuture<O> acallBody(I input, Settings settings) {
    return Jspy.runWith(settings, () -> aforward(input));
  }

  /**
   * The predictors inside this module, named by the fields that hold them, as DSPy's
   * {@code named_predictors()}: {@code answer.predict} for a ChainOfThought in field {@code answer},
   * {@code steps[1]} for the second of a list. A bare predictor lists itself as {@code self}. For saving,
   * inspecting and optimizing programs; it reads fields reflectively, so it is not for the hot path.
   *
   * @return name and predictor pairs, in field declaration order
   */
  public final List<Map.Entry<String, Predict<?, ?>>> namedPredictors() {
    if (this instanceof Predict) {
      return List.of(Map.entry("self", (Predict<?, ?>) this));
    }
    List<Map.Entry<String, Predict<?, ?>>> out = new ArrayList<>();
    collect(this, "", out, Collections.newSetFromMap(new IdentityHashMap<>()));
    return out;
  }

  /**
   * A new program of the same class with a copy of every predictor's state (instructions, field
   * descriptions, prefixes, demos, its own LM and config), as DSPy's {@code deepcopy()}: changing the copy's
   * demos leaves this program untouched. The LM objects are shared, not copied. The new instance comes from
   * {@link #newInstance()}.
   *
   * @param <M> this module's class
   * @return the copy
   * @throws ConfigurationException if a new instance cannot be made or has other predictors than this one
   */
  @SuppressWarnings("unchecked")
  public final <M extends Module<I, O>> M deepcopy() {
    Module<I, O> copy = newInstance();
    if (copy == null || copy.getClass() != getClass() || copy == this) {
      throw new ConfigurationException(
          getClass().getName() + ".newInstance() must return a new " + getClass().getName() + ", got "
              + (copy == null ? "null" : copy == this ? "this same instance" : copy.getClass().getName()));
    }
    List<Map.Entry<String, Predict<?, ?>>> from = namedPredictors();
    List<Map.Entry<String, Predict<?, ?>>> to = copy.namedPredictors();
    List<String> fromNames = new ArrayList<>();
    from.forEach(e -> fromNames.add(e.getKey()));
    List<String> toNames = new ArrayList<>();
    to.forEach(e -> toNames.add(e.getKey()));
    if (!fromNames.equals(toNames)) {
      throw new ConfigurationException(
          "a new " + getClass().getName() + " has predictors " + toNames + " but this one has " + fromNames
              + "; override newInstance() to build the same structure");
    }
    for (int i = 0; i < from.size(); i++) {
      to.get(i).getValue().copyStateFrom(from.get(i).getValue());
    }
    return (M) copy;
  }

  /**
   * A {@link #deepcopy()} whose predictors are reset as DSPy's {@code reset_copy()} resets them: no demos and
   * no LM of their own (they use the settings' LM).
   *
   * @param <M> this module's class
   * @return the reset copy
   * @throws ConfigurationException as {@link #deepcopy()}
   */
  public final <M extends Module<I, O>> M resetCopy() {
    M copy = deepcopy();
    for (Map.Entry<String, Predict<?, ?>> e : copy.namedPredictors()) {
      e.getValue().reset();
    }
    return copy;
  }

  /**
   * A fresh instance of this module's class with the same structure (the same {@link #namedPredictors()}),
   * for {@link #deepcopy()}; its state is then copied from this one. The default calls the class's no-argument
   * constructor (generated predictors and modules built from them have one); override it when the module
   * needs constructor arguments.
   *
   * @return a new instance of this module's class
   * @throws ConfigurationException if the class has no accessible no-argument constructor
   */
  protected Module<I, O> newInstance() {
    try {
      java.lang.reflect.Constructor<?> c = getClass().getDeclaredConstructor();
      if (!c.trySetAccessible()) {
        throw new ConfigurationException(
            "cannot copy " + getClass().getName() + ": its no-argument constructor is not accessible; "
                + "override newInstance()");
      }
      @SuppressWarnings("unchecked")
      Module<I, O> fresh = (Module<I, O>) c.newInstance();
      return fresh;
    } catch (NoSuchMethodException e) {
      throw new ConfigurationException(
          "cannot copy " + getClass().getName() + ": it has no no-argument constructor; override newInstance() "
              + "to build a new instance with the same predictors");
    } catch (ReflectiveOperationException e) {
      throw new ConfigurationException(
          "cannot copy " + getClass().getName() + ": its constructor failed: " + (e.getCause() != null ? e.getCause() : e));
    }
  }

  private static void collect(
      Object module, String prefix, List<Map.Entry<String, Predict<?, ?>>> out, Set<Object> seen) {
    if (!seen.add(module)) {
      return;
    }
    for (Class<?> c = module.getClass(); c != null && c != Module.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || !f.trySetAccessible()) {
          continue;
        }
        Object value;
        try {
          value = f.get(module);
        } catch (IllegalAccessException e) {
          continue;
        }
        collectValue(value, prefix + f.getName(), out, seen);
      }
    }
  }

  private static void collectValue(
      Object value, String name, List<Map.Entry<String, Predict<?, ?>>> out, Set<Object> seen) {
    if (value instanceof Predict) {
      if (seen.add(value)) {
        out.add(Map.entry(name, (Predict<?, ?>) value));
      }
    } else if (value instanceof Module) {
      collect(value, name + ".", out, seen);
    } else if (value instanceof List) {
      int i = 0;
      for (Object e : (List<?>) value) {
        collectValue(e, name + "[" + i++ + "]", out, seen);
      }
    } else if (value instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        collectValue(e.getValue(), name + "['" + e.getKey() + "']", out, seen);
      }
    }
  }

  /**
   * This module's learnable state as DSPy 3.3.1's {@code dump_state()}: for each of {@link #namedPredictors()}
   * its {@code traces}, {@code train}, {@code demos} (plain JSON data), {@code signature} (instructions, and
   * each field's {@code prefix} and {@code description} in field order) and {@code lm} ({@code null}, or its
   * model and parameters; never an API key). A bare predictor's state is flat, as DSPy saves it.
   *
   * @return a JSON tree of maps, lists, strings, numbers, booleans and nulls
   */
  public final Map<String, Object> dumpState() {
    return ProgramState.dump(this);
  }

  /**
   * Loads a state such as {@link #dumpState()} gives, or DSPy's {@code dump_state()}: replaces the
   * instructions, field descriptions and prefixes (by position, as DSPy), demos and LM of each predictor.
   * All or nothing: everything is read and checked first, so a failure changes no predictor. A saved
   * {@code api_base} is ignored (see {@link #loadState(Map, boolean)}).
   *
   * @param state the state, keyed by {@link #namedPredictors()} names (flat for a bare predictor)
   * @throws StateException naming the predictor and field when the state does not fit this module
   */
  public final void loadState(Map<String, ?> state) {
    loadState(state, false);
  }

  /**
   * As {@link #loadState(Map)}.
   *
   * @param state the state
   * @param allowUnsafeLmState whether a saved LM's {@code api_base}/{@code base_url} is used, as DSPy's
   *     {@code allow_unsafe_lm_state}; only for files you trust, since it sends your API key there
   * @throws StateException naming the predictor and field when the state does not fit this module
   */
  public final void loadState(Map<String, ?> state, boolean allowUnsafeLmState) {
    ProgramState.load(this, state, allowUnsafeLmState);
  }

  /**
   * Saves {@link #dumpState()} with {@code metadata} as DSPy's {@code module.save("x.json")} writes it
   * (two-space indent, non-ASCII as is, a final newline), so DSPy can load it and jspy can load DSPy's.
   *
   * @param path the file to write
   * @throws IOException if it cannot be written
   */
  public final void save(Path path) throws IOException {
    ProgramState.save(this, path);
  }

  /**
   * Loads a state saved by {@link #save(Path)} or by DSPy's {@code module.save("x.json")}, as
   * {@link #loadState(Map)}.
   *
   * @param path the JSON file
   * @throws IOException if it cannot be read
   * @throws StateException if it is not JSON, is newer than DSPy 3.x's format or does not fit this module
   */
  public final void load(Path path) throws IOException {
    load(path, false);
  }

  /**
   * As {@link #load(Path)}.
   *
   * @param path the JSON file
   * @param allowUnsafeLmState whether a saved LM's {@code api_base} is used (trusted files only)
   * @throws IOException if it cannot be read
   * @throws StateException if it is not JSON, is newer than DSPy 3.x's format or does not fit this module
   */
  public final void load(Path path, boolean allowUnsafeLmState) throws IOException {
    ProgramState.load(this, path, allowUnsafeLmState);
  }

  /**
   * Runs the module over many inputs at once, as DSPy's {@code module.batch}: results in input order.
   *
   * @param inputs the inputs
   * @param maxInFlight the most inputs running at a time (the LM bounds its own requests in flight too);
   *     no thread is held for the inputs still waiting
   * @return the outputs, in input order; fails with the first failure once every started input has ended
   */
  public final CompletableFuture<List<O>> abatch(List<I> inputs, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
    }
    return new Batch<>(this, List.copyOf(inputs), maxInFlight, Jspy.current()).start();
  }

  /**
   * Runs the module over many inputs and waits, as DSPy's {@code module.batch}.
   *
   * @param inputs the inputs
   * @param maxInFlight the most inputs running at a time
   * @return the outputs, in input order
   */
  public final List<O> batch(List<I> inputs, int maxInFlight) {
    return Futures.join(abatch(inputs, maxInFlight));
  }

  /**
   * Runs the module with the settings in force and waits: the entry point of a synchronous module call
   * (callbacks, settings). Use this, not {@code forward}, from callers of a module you wrote.
   *
   * @param input the input
   * @return the output
   */
  public final O call(I input) {
    return call(input, Jspy.current());
  }

  /**
   * Runs the module without blocking, with the settings in force now: the entry point of an asynchronous
   * module call (callbacks, settings, cancellation). Never throws: failures complete the future
   * exceptionally. The future is completed with the call's settings in force (see {@link Jspy}); cancelling
   * it cancels the LM calls still in flight.
   *
   * @param input the input
   * @return the output
   */
  public final CompletableFuture<O> acall(I input) {
    return acall(input, Jspy.current());
  }

  /** {@link #call(Object)} with the settings given as a value: how the runtime runs a module inside a call. */
  final O call(I input, Settings settings) {
    List<Callback> callbacks = settings.callbacks();
    if (callbacks.isEmpty()) {
      return callBody(input, settings);
    }
    long id = Callbacks.moduleStart(callbacks, settings.callId(), this, input);
    O output;
    try {
      output = callBody(input, settings.inCall(id));
    } catch (RuntimeException | Error e) {
      Callbacks.moduleEnd(callbacks, id, null, e);
      throw e;
    }
    Callbacks.moduleEnd(callbacks, id, output, null);
    return output;
  }

  /** {@link #acall(Object)} with the settings given as a value: how the runtime runs a module inside a call. */
  final CompletableFuture<O> acall(I input, Settings settings) {
    List<Callback> callbacks = settings.callbacks();
    long id = callbacks.isEmpty() ? 0 : Callbacks.moduleStart(callbacks, settings.callId(), this, input);
    CompletableFuture<O> body;
    try {
      body = acallBody(input, callbacks.isEmpty() ? settings : settings.inCall(id));
      if (body == null) {
        throw new JspyException(getClass().getName() + ".aforward returned null instead of a future");
      }
    } catch (RuntimeException | Error e) {
      body = CompletableFuture.failedFuture(e);
    }
    // The caller's future: completed with the caller's settings in force, after the end callback, so the
    // caller's continuations see those settings and come after the module's end. Cancelling it cancels the body.
    CompletableFuture<O> result = new CompletableFuture<>();
    CompletableFuture<O> running = body;
    result.whenComplete(
        (o, e) -> {
          if (e instanceof CancellationException) {
            running.cancel(true);
          }
        });
    running.whenComplete(
        (o, e) -> {
          Throwable error = e == null ? null : Futures.unwrap(e);
          if (!callbacks.isEmpty()) {
            Callbacks.moduleEnd(callbacks, id, o, error);
          }
          Jspy.runWith(settings, () -> error == null ? result.complete(o) : result.completeExceptionally(error));
        });
    return result;
  }
}
