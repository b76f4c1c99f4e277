package dev.jspy;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * jspy's settings, as DSPy's {@code dspy.configure} and {@code dspy.context}.
 *
 * <pre>{@code
 * Jspy.configure(s -> s.lm(LM.of("openai/gpt-4o-mini")));      // global
 * try (var scope = Jspy.context(s -> s.lm(otherLm))) {           // this thread, this block
 *   qa.forward("…");
 * }
 * }</pre>
 *
 * <h2>Which settings a call and its continuations see</h2>
 *
 * <p>A call ({@code forward}, {@code aforward}, {@code call}, {@code acall}, {@code batch}, a tool call) uses
 * the settings in force on the calling thread when it starts, for all of its work, on whatever thread that
 * runs: an {@code aforward} started inside a context keeps that context's LM after the block has closed, and
 * concurrent contexts on different threads never see each other's settings.
 *
 * <p><b>The rule for your continuations, in one sentence: jspy completes every future it returns with the
 * settings of the call that returned it in force, so a continuation that runs as part of that completion
 * sees the call's settings, and one that runs anywhere else sees the settings of the thread that runs
 * it.</b> In practice:
 *
 * <ul>
 *   <li>a continuation attached without an executor ({@code thenApply}, {@code thenCompose},
 *       {@code exceptionally}, {@code exceptionallyCompose}, {@code handle}, {@code whenComplete}, …, also on
 *       {@code minimalCompletionStage()}, {@code toCompletableFuture()}, {@code copy()} and on the futures
 *       those return) before the future completes sees the call's settings, so
 *       {@code p1.aforward(q).thenCompose(a -> p2.aforward(a.answer()))} runs {@code p2} with {@code p1}'s
 *       settings;
 *   <li>an {@code *Async} continuation runs on its executor and sees that thread's settings (the global ones
 *       on a pool thread), unless the executor is {@link #wrap(Executor) wrapped};
 *   <li>a continuation attached after the future completed runs on the attaching thread, with its settings.
 * </ul>
 *
 * <p>No {@code CompletionStage} method is special: the rule is about threads, not methods. To carry settings
 * into work you schedule yourself, use {@link #wrap(Executor)} ({@code thenApplyAsync(fn, Jspy.wrap(pool))})
 * or {@link #bind(Function)} ({@code thenApply(Jspy.bind(fn))}), which capture the settings in force when
 * they are called. {@link #context(Settings)} reopens captured settings on another thread.
 *
 * <p>Work that jspy runs off the caller's thread (parsing replies, completing futures, the body of a module
 * with only a {@code forward}, a synchronous tool inside {@code ReAct.aforward}, stream delivery) runs on one
 * bounded pool of daemon threads named {@code jspy-worker-N}, at most 64 by default
 * ({@code -Djspy.workers=N}); work beyond that waits in a queue that holds no thread. The LM's own I/O
 * threads are the LM's.
 */
public final class Jspy {
  private static volatile Settings global = Settings.DEFAULTS;
  private static final ThreadLocal<Settings> LOCAL = new ThreadLocal<>();
  private static final History HISTORY = new History();

  private Jspy() {}

  /**
   * Changes the global settings; what the consumer does not set keeps its current value.
   *
   * @param changes sets what changes, e.g. {@code s -> s.lm(lm)}
   */
  public static synchronized void configure(Consumer<Settings.Builder> changes) {
    Settings.Builder b = global.toBuilder();
    changes.accept(b);
    global = b.build();
  }

  /**
   * Overrides settings for the current thread until the returned scope is closed; inherits whatever it
   * does not set from the settings in force. Close it on the thread that opened it (try-with-resources).
   *
   * @param changes sets what changes in this scope
   * @return the scope; closing it restores the settings in force before it
   */
  public static Scope context(Consumer<Settings.Builder> changes) {
    Settings.Builder b = current().toBuilder();
    changes.accept(b);
    Settings previous = LOCAL.get();
    LOCAL.set(b.build());
    return new Scope(previous, Thread.currentThread());
  }

  /**
   * Puts {@code settings}, as they are, in force for the current thread until the returned scope is closed:
   * settings captured with {@link #current()} on one thread, reopened on another.
   *
   * @param settings the settings, e.g. {@code Jspy.current()} captured earlier
   * @return the scope; closing it restores the settings in force before it
   */
  public static Scope context(Settings settings) {
    Objects.requireNonNull(settings, "settings");
    Settings previous = LOCAL.get();
    LOCAL.set(settings);
    return new Scope(previous, Thread.currentThread());
  }

  /**
   * {@code fn} with the settings in force now: whatever thread later applies it, it runs with these
   * settings, then that thread's own are restored. For continuations that may run elsewhere, e.g.
   * {@code future.thenApplyAsync(Jspy.bind(a -> p2.forward(a)), pool)}.
   *
   * @param <T> what {@code fn} takes
   * @param <R> what it gives
   * @param fn the function
   * @return the function with the current settings bound to it
   */
  public static <T, R> Function<T, R> bind(Function<T, R> fn) {
    Objects.requireNonNull(fn, "fn");
    Settings settings = current();
    return t -> runWith(settings, () -> fn.apply(t));
  }

  /**
   * {@code executor} with the settings in force now: every task it runs, it runs with these settings. For
   * the {@code *Async} continuations, e.g. {@code future.thenApplyAsync(fn, Jspy.wrap(pool))}.
   *
   * @param executor where the tasks run
   * @return an executor that runs each task on {@code executor} with the current settings in force
   */
  public static Executor wrap(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    Settings settings = current();
    return task -> executor.execute(() -> runWith(settings, () -> {
      task.run();
      return null;
    }));
  }

  /** @return the settings in force on this thread: the innermost context, else the global settings */
  public static Settings current() {
    Settings local = LOCAL.get();
    return local != null ? local : global;
  }

  /** @return the most recent LM calls made by predictors in this JVM */
  public static History history() {
    return HISTORY;
  }

  /**
   * The last {@code n} LM calls as DSPy's {@code dspy.inspect_history(n)} prints them.
   *
   * @param n how many calls
   * @return the text, ready to print
   */
  public static String inspectHistory(int n) {
    return HISTORY.inspect(n);
  }

  /** Runs {@code body} with {@code settings} in force on this thread, then restores what was there. */
  static <T> T runWith(Settings settings, Supplier<T> body) {
    Settings previous = LOCAL.get();
    LOCAL.set(settings);
    try {
      return body.get();
    } finally {
      restore(previous);
    }
  }

  private static void restore(Settings previous) {
    if (previous == null) {
      LOCAL.remove();
    } else {
      LOCAL.set(previous);
    }
  }

  /** A settings scope opened by {@link #context}; {@link #close()} throws no checked exception. */
  public static final class Scope implements AutoCloseable {
    private final Settings previous;
    private final Thread owner;
    private boolean closed;

    private Scope(Settings previous, Thread owner) {
      this.previous = previous;
      this.owner = owner;
    }

    /** Restores the settings in force before this scope opened. Closing twice does nothing. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException(
            "a Jspy.context scope must be closed on the thread that opened it ("
                + owner.getName()
                + "), not on "
                + Thread.currentThread().getName());
      }
      closed = true;
      restore(previous);
    }
  }
}
