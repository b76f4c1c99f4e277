package dev.jspy.lm;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What one LM call carries besides its request: who observes it (callbacks, the parent call, a recorder
 * for history and usage), where a streamed reply's deltas go, and how the cache treats it. Immutable; the
 * {@code with…} methods return copies.
 *
 * <p>A call made without options ({@link LM#acall(LMRequest)}, {@link LM#call}) runs with
 * {@link #ambient()}: inside jspy, the callbacks, history and usage tracker of the settings in force on the
 * calling thread ({@code Jspy.configure}/{@code Jspy.context}), as DSPy's {@code BaseLM.__call__} uses
 * {@code settings.callbacks}.
 */
public final class CallOptions {
  /** No callbacks, no recorder, no stream, the cache on, no rollout id. */
  public static final CallOptions NONE = new CallOptions(List.of(), 0, null, null, true, null, null);

  private static volatile Supplier<CallOptions> ambient;

  private final List<LMCallback> callbacks;
  private final long parentCallId;
  private final LMRecorder recorder;
  private final DeltaSink sink;
  private final boolean cache;
  private final Integer rolloutId;
  /** The thread that waits for this call's result, or {@code null}: see {@link #callerWaits()}. */
  private final Thread waiter;

  private CallOptions(
      List<LMCallback> callbacks, long parentCallId, LMRecorder recorder, DeltaSink sink, boolean cache,
      Integer rolloutId, Thread waiter) {
    this.waiter = waiter;
    this.callbacks = callbacks;
    this.parentCallId = parentCallId;
    this.recorder = recorder;
    this.sink = sink;
    this.cache = cache;
    this.rolloutId = rolloutId;
  }

  /**
   * The options of a call made without any: jspy's settings in force on this thread when jspy's runtime is
   * present (its callbacks, history and usage tracker, inside the module call running there), else
   * {@link #NONE}. {@link #NONE} also for an LM called while another LM's chain starts (an LM wrapping
   * another), so one call is observed once.
   *
   * @return the ambient options
   */
  public static CallOptions ambient() {
    if (Observation.starting()) {
      return NONE; // an LM called by another LM's chain: the outer call is the one observed
    }
    Supplier<CallOptions> a = ambient;
    if (a == null) {
      AmbientLookup.touch(); // class initialisation: once, and other threads wait for it
      a = ambient;
    }
    return a == null ? NONE : a.get();
  }

  /**
   * Installs what {@link #ambient()} answers. For jspy's runtime, which installs its settings; not for
   * applications.
   *
   * @param supplier the ambient options of the current thread
   */
  public static void installAmbient(Supplier<CallOptions> supplier) {
    ambient = Objects.requireNonNull(supplier, "supplier");
  }

  /** Loads jspy's settings bridge, which installs the ambient options; no import, so no package cycle. */
  private static final class AmbientLookup {
    static {
      try {
        Class.forName("dev.jspy.LmObservation", true, CallOptions.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // No jspy settings on the class path: plain options.
      }
    }

    static void touch() {}
  }

  /** @return the callbacks told of this call's start and end */
  public List<LMCallback> callbacks() {
    return callbacks;
  }

  /** @return the module call this LM call runs in, or 0 */
  public long parentCallId() {
    return parentCallId;
  }

  /** @return what records the completed call (history, usage), or {@code null} */
  public LMRecorder recorder() {
    return recorder;
  }

  /** @return where a streamed reply's deltas go, or {@code null} for a call that does not stream */
  public DeltaSink sink() {
    return sink;
  }

  /** @return whether the call may read and fill the cache (DSPy's {@code cache=True}, the default) */
  public boolean cache() {
    return cache;
  }

  /**
   * @return the rollout id (DSPy's {@code rollout_id}): part of the cache key, never sent to the server, so
   *     otherwise identical requests with different ids get separate entries; {@code null} for none
   */
  public Integer rolloutId() {
    return rolloutId;
  }

  /**
   * @param callbacks told of the call's start and end
   * @param parentCallId the module call the LM call runs in, or 0
   * @return a copy with those
   */
  public CallOptions withCallbacks(List<? extends LMCallback> callbacks, long parentCallId) {
    return new CallOptions(List.copyOf(callbacks), parentCallId, recorder, sink, cache, rolloutId, waiter);
  }

  /**
   * @param recorder records the completed call, or {@code null}
   * @return a copy with that recorder
   */
  public CallOptions withRecorder(LMRecorder recorder) {
    return new CallOptions(callbacks, parentCallId, recorder, sink, cache, rolloutId, waiter);
  }

  /**
   * @param sink receives the reply's deltas as they arrive, or {@code null} not to stream
   * @return a copy with that sink
   */
  public CallOptions withSink(DeltaSink sink) {
    return new CallOptions(callbacks, parentCallId, recorder, sink, cache, rolloutId, waiter);
  }

  /**
   * @param on whether the call may read and fill the cache; {@code false} is DSPy's {@code cache=False}
   * @return a copy with that switch
   */
  public CallOptions withCache(boolean on) {
    return on == cache ? this : new CallOptions(callbacks, parentCallId, recorder, sink, on, rolloutId, waiter);
  }

  /**
   * @param id the rollout id, or {@code null} for none
   * @return a copy with that rollout id
   */
  public CallOptions withRolloutId(Integer id) {
    return Objects.equals(id, rolloutId) ? this : new CallOptions(callbacks, parentCallId, recorder, sink, cache, id, waiter);
  }

  /**
   * Whether the thread asking is the one that made these options with {@link #withCallerWaiting()}: the
   * caller blocks until the call ends, so the transport may do the exchange on its thread, as OkHttp's
   * {@code execute} does, instead of handing it to the LM's I/O threads and back. Only that thread counts:
   * a retry after a backoff, or a link that moved the call to another thread, runs on the LM's threads.
   *
   * @return whether the current thread waits for this call
   */
  public boolean callerWaits() {
    return waiter == Thread.currentThread();
  }

  /**
   * Says that the current thread will block until this call ends (what {@link LM#call} and a synchronous
   * {@code forward} do), so the call may run on it. Nothing else changes: the same chain, limits, timeouts.
   *
   * @return a copy that {@link #callerWaits()} on this thread
   */
  public CallOptions withCallerWaiting() {
    Thread t = Thread.currentThread();
    return t == waiter ? this : new CallOptions(callbacks, parentCallId, recorder, sink, cache, rolloutId, t);
  }

  @Override
  public String toString() {
    return "CallOptions{callbacks=" + callbacks.size() + ", parentCallId=" + parentCallId + ", recorder="
        + (recorder != null) + ", stream=" + (sink != null) + ", cache=" + cache + ", rolloutId=" + rolloutId
        + (waiter != null ? ", callerWaits=" + waiter.getName() : "") + "}";
  }
}
