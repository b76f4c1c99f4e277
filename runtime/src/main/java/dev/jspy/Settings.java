package dev.jspy;

import dev.jspy.lm.LM;
import dev.jspy.adapters.Adapter;
import dev.jspy.adapters.ChatAdapter;
import java.util.List;

/**
 * The settings a call runs with: the LM, the adapter and the switches DSPy keeps in {@code dspy.settings}.
 * Immutable; {@link Jspy#configure} replaces the global value and {@link Jspy#context} overrides it for a
 * scope. Whatever a builder does not set is inherited from the settings it starts from.
 */
public final class Settings {
  static final Settings DEFAULTS = new Settings(null, ChatAdapter.INSTANCE, false, null, List.of(), null, null, 0, false);

  private final LM lm;
  private final Adapter adapter;
  private final boolean allowToolAsyncSyncConversion;
  private final UsageTracker usageTracker;
  private final List<Callback> callbacks;
  private final Trace trace;
  private final StreamSink streamSink;
  private final long callId;
  /** Whether the work done with these settings is part of a synchronous body run on jspy's blocking lane. */
  private final boolean inBlockingBody;

  private Settings(
      LM lm,
      Adapter adapter,
      boolean allowToolAsyncSyncConversion,
      UsageTracker usageTracker,
      List<Callback> callbacks,
      Trace trace,
      StreamSink streamSink,
      long callId,
      boolean inBlockingBody) {
    this.inBlockingBody = inBlockingBody;
    this.lm = lm;
    this.adapter = adapter;
    this.allowToolAsyncSyncConversion = allowToolAsyncSyncConversion;
    this.usageTracker = usageTracker;
    this.callbacks = callbacks;
    this.trace = trace;
    this.streamSink = streamSink;
    this.callId = callId;
  }

  /**
   * The call the work done with these settings belongs to: the parent of the module, LM and tool calls it
   * starts, as callbacks see it; 0 outside any observed call.
   */
  long callId() {
    return callId;
  }

  /** These settings, inside the call {@code id}. */
  Settings inCall(long id) {
    return new Settings(
        lm, adapter, allowToolAsyncSyncConversion, usageTracker, callbacks, trace, streamSink, id, inBlockingBody);
  }

  /**
   * Whether this work is part of a synchronous body that jspy runs on its blocking lane (a forward-only
   * module's {@code aforward}): the synchronous bodies it starts in turn, on whatever thread, must not wait
   * for a place in that lane behind it.
   */
  boolean inBlockingBody() {
    return inBlockingBody;
  }

  /** These settings, inside a synchronous body on the blocking lane. */
  Settings inBlockingBodyNow() {
    return inBlockingBody ? this : new Settings(
        lm, adapter, allowToolAsyncSyncConversion, usageTracker, callbacks, trace, streamSink, callId, true);
  }

  /**
   * @return the trace that records every predictor call made with these settings (DSPy's
   *     {@code settings.trace}), or {@code null} when calls are not traced
   */
  public Trace trace() {
    return trace;
  }

  /**
   * @return where predictors send the text of their LM replies as it streams, or {@code null} when nothing
   *     streams (what {@link dev.jspy.streaming.Streamify} sets for the run it streams)
   */
  public StreamSink streamSink() {
    return streamSink;
  }

  /** @return the callbacks that see every module, LM and tool call made with these settings */
  public List<Callback> callbacks() {
    return callbacks;
  }

  /** @return the tracker that sums the tokens of calls made with these settings, or {@code null} */
  public UsageTracker usageTracker() {
    return usageTracker;
  }

  /** @return the LM predictors use when they have none of their own, or {@code null} if none is set */
  public LM lm() {
    return lm;
  }

  /** @return the adapter that formats prompts and parses replies ({@link ChatAdapter} by default) */
  public Adapter adapter() {
    return adapter;
  }

  /** @return whether {@code Tool.call} may wait for an async tool (off by default, as in DSPy) */
  public boolean allowToolAsyncSyncConversion() {
    return allowToolAsyncSyncConversion;
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    return "Settings{lm="
        + (lm == null ? "none" : lm.model())
        + ", adapter="
        + adapter.name()
        + ", allowToolAsyncSyncConversion="
        + allowToolAsyncSyncConversion
        + "}";
  }

  /** Changes to settings, starting from the settings in force. Setters return the builder. */
  public static final class Builder {
    private LM lm;
    private Adapter adapter;
    private boolean allowToolAsyncSyncConversion;
    private UsageTracker usageTracker;
    private List<Callback> callbacks;
    private Trace trace;
    private StreamSink streamSink;
    private final long callId;
    private final boolean inBlockingBody;

    Builder(Settings from) {
      this.inBlockingBody = from.inBlockingBody;
      this.lm = from.lm;
      this.adapter = from.adapter;
      this.allowToolAsyncSyncConversion = from.allowToolAsyncSyncConversion;
      this.usageTracker = from.usageTracker;
      this.callbacks = from.callbacks;
      this.trace = from.trace;
      this.streamSink = from.streamSink;
      this.callId = from.callId;
    }

    /**
     * @param trace records every predictor call made with these settings, on whatever thread it completes;
     *     {@code null} to record none
     * @return this builder
     */
    public Builder trace(Trace trace) {
      this.trace = trace;
      return this;
    }

    /**
     * @param sink where predictors send their LM replies' text as it streams; {@code null} for none. Usually
     *     set by {@link dev.jspy.streaming.Streamify}, not by hand
     * @return this builder
     */
    public Builder streamSink(StreamSink sink) {
      this.streamSink = sink;
      return this;
    }

    /**
     * @param callbacks the callbacks that see every module, LM and tool call (replacing those inherited)
     * @return this builder
     */
    public Builder callbacks(List<Callback> callbacks) {
      this.callbacks = List.copyOf(callbacks);
      return this;
    }

    /**
     * @param tracker sums the tokens of every call made with these settings; {@code null} for none
     * @return this builder
     */
    public Builder usageTracker(UsageTracker tracker) {
      this.usageTracker = tracker;
      return this;
    }

    /**
     * @param lm the LM for predictors that have none of their own
     * @return this builder
     */
    public Builder lm(LM lm) {
      this.lm = lm;
      return this;
    }

    /**
     * @param adapter the prompt format
     * @return this builder
     */
    public Builder adapter(Adapter adapter) {
      if (adapter == null) {
        throw new NullPointerException("adapter");
      }
      this.adapter = adapter;
      return this;
    }

    /**
     * @param allow whether {@code Tool.call} may block on an async tool
     * @return this builder
     */
    public Builder allowToolAsyncSyncConversion(boolean allow) {
      this.allowToolAsyncSyncConversion = allow;
      return this;
    }

    Settings build() {
      return new Settings(
          lm, adapter, allowToolAsyncSyncConversion, usageTracker, callbacks, trace, streamSink, callId,
          inBlockingBody);
    }
  }
}
