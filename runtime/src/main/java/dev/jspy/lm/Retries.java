package dev.jspy.lm;

import dev.jspy.internal.LmThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry link: up to {@code 1 + numRetries} attempts of the rest of the chain, the waits between them on
 * a shared scheduler (no thread held while waiting), and cancellation of whichever attempt is current. A
 * streamed call is not retried once a delta went out.
 */
final class Retries implements Interceptor {
  /**
   * Waits between attempts for every LM; one daemon thread that only schedules, never blocks (marked as LM
   * I/O, so a blocking wait that a continuation attempts there is refused).
   */
  static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(() -> LmThreads.runMarked(r), "jspy-lm-retry");
            t.setDaemon(true);
            return t;
          });

  private static final Logger log = LoggerFactory.getLogger(Retries.class);

  private final int numRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final BooleanSupplier closed;
  private final Consumer<Usage> served;

  /**
   * @param closed whether the LM is closed (no new attempt then)
   * @param served told the usage of every response the server gave
   */
  Retries(int numRetries, Duration initialBackoff, Duration maxBackoff, BooleanSupplier closed, Consumer<Usage> served) {
    this.numRetries = numRetries;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.closed = closed;
    this.served = served;
  }

  @Override
  public CompletableFuture<LMResponse> intercept(Chain chain) {
    return new Attempts(chain).start();
  }

  private final class Attempts {
    private final Chain chain;
    private final CallOptions options;
    private final long start = System.nanoTime();
    /** The failed attempts so far; {@code null} until one fails (most calls never do). */
    private List<Throwable> failures;
    private final Downstream<LMResponse> future = new Downstream<>();
    /** Whether a delta went to the sink: from then on, a failure is not retried. */
    private volatile boolean delivered;

    Attempts(Chain chain) {
      this.chain = chain;
      DeltaSink sink = chain.options().sink();
      this.options = sink == null ? chain.options() : chain.options().withSink(text -> {
        delivered = true;
        return sink.delta(text);
      });
    }

    CompletableFuture<LMResponse> start() {
      attempt(0);
      return future;
    }

    private void attempt(int n) {
      if (future.isDone()) {
        return;
      }
      if (closed.getAsBoolean()) {
        fail(n, new LMException(chain.lm().model(), "the LM is closed; build a new one", null));
        return;
      }
      CompletableFuture<LMResponse> current;
      try {
        current = chain.proceed(chain.request(), options);
      } catch (RuntimeException e) {
        current = CompletableFuture.failedFuture(e);
      }
      future.upstream(current);
      current.whenComplete(
          (r, e) -> {
            if (e == null) {
              succeeded(n, r);
            } else {
              failed(n, Downstream.unwrap(e));
            }
          });
    }

    private void succeeded(int n, LMResponse r) {
      if (log.isDebugEnabled()) {
        log.debug("{} answered in {} ms after {} attempt(s)", chain.lm().model(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), n + 1);
      }
      if (r.cacheTier() == CacheTier.NONE) {
        served.accept(r.usage());
      }
      future.complete(r.withRetries(n));
    }

    private void failed(int n, Throwable t) {
      if (future.isDone()) {
        return;
      }
      if (t instanceof CancellationException) {
        future.completeExceptionally(t);
        return;
      }
      LMException e = t instanceof LMException ? (LMException) t
          : new LMException(chain.lm().model(), "unexpected failure in the LM's transport: " + t, t);
      if (closed.getAsBoolean()) {
        fail(n, new LMException(chain.lm().model(), "the LM was closed while this call was in flight", e));
        return;
      }
      Duration wait = n < numRetries && !delivered ? retryDelay(e, n) : null;
      if (wait == null) {
        fail(n, e);
        return;
      }
      if (failures == null) {
        failures = new ArrayList<>(numRetries);
      }
      failures.add(e);
      log.warn("{} attempt {} of {} failed, retrying in {} ms: {}", chain.lm().model(), n + 1, numRetries + 1,
          wait.toMillis(), e.getMessage());
      SCHEDULER.schedule(() -> attempt(n + 1), wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void fail(int n, LMException e) {
      if (failures != null) {
        for (Throwable earlier : failures) {
          e.addSuppressed(earlier);
        }
      }
      e.attempts(n + 1);
      future.completeExceptionally(e);
    }
  }

  /** How long to wait before attempt {@code n + 1}, or {@code null} if {@code e} is not worth retrying. */
  private Duration retryDelay(LMException e, int n) {
    if (e instanceof LMHttpException) {
      LMHttpException h = (LMHttpException) e;
      if (!h.isRetryable()) {
        return null;
      }
      Optional<Duration> asked = h.retryAfter();
      if (asked.isPresent()) {
        // Waiting less than the server asked would only spend a retry on a certain refusal.
        return asked.get().compareTo(maxBackoff) <= 0 ? asked.get() : null;
      }
    } else if (!(e.getCause() instanceof IOException)) {
      return null; // a reply we could not read as a completion will not read better next time
    }
    // Exponential backoff with "equal jitter": half the step fixed, half random.
    long step = Math.min(maxBackoff.toNanos(), initialBackoff.toNanos() << Math.min(n, 30));
    long half = step / 2;
    return Duration.ofNanos(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
  }
}
