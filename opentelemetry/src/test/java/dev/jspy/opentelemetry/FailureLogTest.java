package dev.jspy.opentelemetry;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureLogTest {
  private final AtomicLong clock = new AtomicLong(-5); // nanoTime may be negative: only differences count
  private final List<String> logged = new ArrayList<>();
  private final List<Throwable> stackTraces = new ArrayList<>();
  private final FailureLog log =
      new FailureLog(
          clock::get,
          (message, e) -> {
            logged.add(message);
            stackTraces.add(e);
          });

  @Test
  void theFirstFailureIsLoggedWithItsCauseAndTheNextOnesWithinAMinuteAreNot() {
    IllegalStateException first = new IllegalStateException("exporter misconfigured");
    log.failed("onLmStart", first);
    log.failed("onLmEnd", new IllegalStateException("again"));
    clock.addAndGet(FailureLog.INTERVAL_NANOS - 1);
    log.failed("onLmEnd", new IllegalStateException("and again"));

    assertThat(logged).hasSize(1);
    assertThat(logged.get(0)).contains("onLmStart");
    assertThat(logged.get(0)).contains("the call goes on untraced");
    assertThat(logged.get(0)).contains("exporter misconfigured");
    assertThat(stackTraces).containsExactly(first);
  }

  @Test
  void aMinuteLaterOneLineSaysHowManyWereNotLogged() {
    log.failed("onModuleStart", new IllegalStateException("one"));
    log.failed("onModuleStart", new IllegalStateException("two"));
    log.failed("onModuleStart", new IllegalStateException("three"));
    clock.addAndGet(FailureLog.INTERVAL_NANOS);
    log.failed("onToolEnd", new IllegalStateException("four"));
    log.failed("onToolEnd", new IllegalStateException("five"));

    assertThat(logged).hasSize(2);
    assertThat(logged.get(1)).contains("onToolEnd");
    assertThat(logged.get(1)).contains("2 more such failures not logged");
    assertThat(logged.get(1)).contains("four");
  }
}
