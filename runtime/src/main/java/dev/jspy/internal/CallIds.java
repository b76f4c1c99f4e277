package dev.jspy.internal;

import java.util.concurrent.atomic.AtomicLong;

/** The one counter every call id comes from (module, LM and tool calls alike), so ids never collide. */
public final class CallIds {
  private static final AtomicLong IDS = new AtomicLong();

  private CallIds() {}

  /** @return a fresh call id, above 0 */
  public static long next() {
    return IDS.incrementAndGet();
  }
}
