package dev.jspy;

import dev.jspy.lm.Usage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sums the tokens of every LM call made under it, per model, as DSPy's {@code track_usage}. Put one in
 * the settings for a program run; every call of that run, on any thread, adds to it:
 *
 * <pre>{@code
 * var usage = new UsageTracker();
 * try (var scope = Jspy.context(s -> s.usageTracker(usage))) {
 *   program.call(input);
 * }
 * Usage tokens = usage.total();                      // per model: usage.byModel()
 * }</pre>
 *
 * Thread-safe.
 */
public final class UsageTracker {
  private final Map<String, Usage> byModel = new ConcurrentHashMap<>();

  /** An empty tracker. */
  public UsageTracker() {}

  void add(String model, Usage usage) {
    byModel.merge(model, usage, Usage::plus);
  }

  /** @return tokens per model */
  public Map<String, Usage> byModel() {
    return Map.copyOf(byModel);
  }

  /** @return tokens over every model */
  public Usage total() {
    Usage sum = Usage.NONE;
    for (Usage u : byModel.values()) {
      sum = sum.plus(u);
    }
    return sum;
  }

  @Override
  public String toString() {
    return "UsageTracker" + byModel;
  }
}
