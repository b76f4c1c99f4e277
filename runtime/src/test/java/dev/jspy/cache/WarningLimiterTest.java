package dev.jspy.cache;

import static com.google.common.truth.Truth.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WarningLimiterTest {
  @Test
  void letsTheFirstThroughThenOnePerInterval() {
    AtomicLong clock = new AtomicLong(-5); // nanoTime may be negative
    WarningLimiter limiter = new WarningLimiter(60, TimeUnit.SECONDS, clock::get);
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
    clock.addAndGet(TimeUnit.SECONDS.toNanos(59));
    assertThat(limiter.tryAcquire()).isFalse();
    clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
  }
}
