package dev.jspy.opentelemetry;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports tracing's own failures without flooding the log: the first with its stack trace, then at most
 * one line a minute saying how many were suppressed since, with the latest. A failure is never rethrown:
 * the program's call goes on untraced.
 */
final class FailureLog {
  private static final Logger log = LoggerFactory.getLogger(JspyTracing.class);
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final LongSupplier nanoTime;
  private final BiConsumer<String, Throwable> sink;
  private final AtomicLong suppressed = new AtomicLong();
  private final Object lock = new Object();
  private long nextLogAt;
  private boolean loggedOnce;

  FailureLog() {
    this(System::nanoTime, log::warn);
  }

  FailureLog(LongSupplier nanoTime, BiConsumer<String, Throwable> sink) {
    this.nanoTime = nanoTime;
    this.sink = sink;
  }

  void failed(String event, Throwable e) {
    long now = nanoTime.getAsLong();
    long skipped;
    synchronized (lock) {
      if (loggedOnce && now - nextLogAt < 0) {
        suppressed.incrementAndGet();
        return;
      }
      loggedOnce = true;
      nextLogAt = now + INTERVAL_NANOS;
      skipped = suppressed.getAndSet(0);
    }
    String message =
        "jspy tracing failed in "
            + event
            + "; the call goes on untraced"
            + (skipped == 0 ? "" : " (" + skipped + " more such failures not logged in the last minute)")
            + ": "
            + e;
    sink.accept(message, e);
  }
}
