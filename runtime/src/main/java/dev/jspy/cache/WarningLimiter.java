package dev.jspy.cache;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Lets a recurring warning through the first time, then at most once per interval; thread-safe. */
final class WarningLimiter {
  private static final long NEVER = Long.MIN_VALUE;

  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong last = new AtomicLong(NEVER);

  WarningLimiter(long interval, TimeUnit unit, LongSupplier nanoClock) {
    this.intervalNanos = unit.toNanos(interval);
    this.nanoClock = nanoClock;
  }

  /** @return whether to log now: the first call, and then the first call a full interval after the last logged */
  boolean tryAcquire() {
    long now = nanoClock.getAsLong();
    long prev = last.get();
    if (prev != NEVER && now - prev < intervalNanos) {
      return false;
    }
    return last.compareAndSet(prev, now);
  }
}
