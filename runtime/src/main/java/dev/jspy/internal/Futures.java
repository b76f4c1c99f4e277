package dev.jspy.internal;

import dev.jspy.core.JspyException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting on futures from synchronous code, with jspy's exceptions rethrown on the waiting thread. */
public final class Futures {
  private Futures() {}

  /**
   * Waits for {@code future}. A failure is rethrown as the same type with the waiting thread's stack (so
   * the caller's line shows, as OkHttp's {@code execute} shows it) and the asynchronous exception as its
   * cause: a {@link JspyException} through {@link JspyException#rethrownHere()}, a cancellation as a new
   * {@link CancellationException}; any other exception (a user's own, from a module or tool body) as it is.
   * Interrupting the waiting thread cancels the future. On an LM's I/O thread (marked by
   * {@link LmThreads}), waiting for an unfinished future fails at once.
   *
   * @param <T> the result type
   * @param future what to wait for
   * @return its result
   */
  public static <T> T join(CompletableFuture<T> future) {
    if (!future.isDone() && LmThreads.isIoThread()) {
      // This thread holds one of the LM's concurrency slots; waiting here for another call can deadlock.
      throw new JspyException(
          "a blocking forward()/call() ran on an LM I/O thread (" + Thread.currentThread().getName()
              + "), inside a continuation of an async call; chain with aforward()/thenCompose instead, or move "
              + "the blocking work to your own executor with thenApplyAsync(..., executor)");
    }
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new JspyException("interrupted while waiting for the LM", e);
    } catch (ExecutionException e) {
      throw here(rethrow(e.getCause()));
    } catch (CancellationException e) {
      if (Thread.currentThread().isInterrupted()) {
        // A call made on this thread, cancelled because the thread was interrupted.
        throw new JspyException("interrupted while waiting for the LM", e);
      }
      throw here(e);
    }
  }

  /** {@code e} as thrown here: a copy with this thread's stack and {@code e} as its cause, where one can be made. */
  private static RuntimeException here(RuntimeException e) {
    if (e instanceof JspyException) {
      return ((JspyException) e).rethrownHere();
    }
    if (e instanceof CancellationException) {
      CancellationException c = new CancellationException(e.getMessage());
      c.initCause(e);
      return c;
    }
    return e;
  }

  public static RuntimeException rethrow(Throwable t) {
    Throwable cause = unwrap(t);
    if (cause instanceof RuntimeException) {
      return (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return new JspyException(String.valueOf(cause), cause);
  }

  public static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
