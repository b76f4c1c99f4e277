package dev.jspy;

import dev.jspy.lm.CallOptions;
import dev.jspy.lm.DeltaSink;
import dev.jspy.lm.LMRecorder;
import dev.jspy.lm.LMResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What an LM call's observation takes from the settings: their callbacks, the module call it runs in, the
 * history and the usage tracker. Installs itself as the LM package's ambient options when loaded (the LM
 * package loads it by name on its first direct call, so it needs no import of this package).
 */
final class LmObservation {
  static {
    CallOptions.installAmbient(() -> options(Jspy.current(), null, null));
  }

  private LmObservation() {}

  /**
   * @param settings the call's settings
   * @param adapter the adapter's name for the history, or {@code null} for a direct LM call
   * @param sink where a streamed reply's deltas go, or {@code null}
   * @return the LM call's options
   */
  static CallOptions options(Settings settings, String adapter, DeltaSink sink) {
    CallOptions o = CallOptions.NONE;
    List<Callback> callbacks = settings.callbacks();
    if (!callbacks.isEmpty()) {
      o = o.withCallbacks(callbacks, settings.callId());
    }
    o = o.withRecorder(recorder(settings.usageTracker(), adapter));
    return sink == null ? o : o.withSink(sink);
  }

  private static LMRecorder recorder(UsageTracker tracker, String adapter) {
    return (lm, request, r, took) -> {
      History history = Jspy.history();
      if (history.enabled()) {
        List<String> outputs = new ArrayList<>(r.choices().size());
        for (LMResponse.Choice c : r.choices()) {
          outputs.add(c.text());
        }
        history.add(new History.Entry(
            LocalDateTime.now(), lm.model(), adapter, request.messages(), outputs, r.usage(), took, r.cacheHit()));
      }
      if (tracker != null && !r.cacheHit()) {
        tracker.add(lm.model(), r.usage());
      }
    };
  }
}
