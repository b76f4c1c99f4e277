package dev.jspy.lm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;

/**
 * A link's own future over the one it got from the next link: cancelling it cancels that one too, so
 * cancelling a call reaches the HTTP request through every link.
 */
final class Downstream<T> extends CompletableFuture<T> {
  private volatile Future<?> upstream;

  Downstream() {}

  Downstream(Future<?> upstream) {
    this.upstream = upstream;
  }

  /** @param f the future now in charge (a retry's attempt, say) */
  void upstream(Future<?> f) {
    upstream = f;
    if (isCancelled()) {
      f.cancel(true);
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    Future<?> f = upstream;
    if (f != null) {
      f.cancel(mayInterruptIfRunning);
    }
    return cancelled;
  }

  /** A failure as it arrived from a stage: without {@link CompletionException}'s wrapping. */
  static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
