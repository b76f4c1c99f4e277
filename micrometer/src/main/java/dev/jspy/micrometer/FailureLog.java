package dev.jspy.micrometer;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Where a failure inside metrics or tracing goes: logged at WARN the first time, at DEBUG after that, and
 * never thrown into the call being observed.
 */
final class FailureLog {
  private final Logger log;
  private final String what;
  private final AtomicBoolean warned = new AtomicBoolean();

  FailureLog(Logger log, String what) {
    this.log = log;
    this.what = what;
  }

  void failed(String event, RuntimeException e) {
    if (warned.compareAndSet(false, true)) {
      log.warn(
          "{} failed in {} and goes on without it; calls are unaffected (further failures are logged at DEBUG): {}",
          what, event, e.toString(), e);
    } else if (log.isDebugEnabled()) {
      log.debug("{} failed in {}: {}", what, event, e.toString(), e);
    }
  }
}
