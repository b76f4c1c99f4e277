package dev.jspy.internal;

import dev.jspy.core.JspyException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting on futures from synchronous code, with jspy's exceptions rethrown as they are. */
public final class Futures {
  /** Threads of OpenAiLM's dispatcher are named so. */
  public static final String LM_THREAD_PREFIX = "jspy-lm-";

  private Futures() {}

  public static <T> T join(CompletableFuture<T> future) {
    if (!future.isDone() && Thread.currentThread().getName().startsWith(LM_THREAD_PREFIX)) {
      // This thread holds one of the LM's concurrency slots; waiting here for another call can deadlock.
      throw new JspyException(
          "a blocking forward()/call() ran on an LM I/O thread ("
              + Thread.currentThread().getName()
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
      throw rethrow(e.getCause());
    } catch (CancellationException e) {
      throw e;
    }
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
