package dev.jspy;

import java.util.concurrent.CompletableFuture;
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
 * <p>Settings are captured when a call starts ({@code forward}, {@code aforward}, {@code call},
 * {@code acall}) and that call, with every continuation it completes, runs with them on whatever thread it
 * runs; so an {@code aforward} started inside a context keeps that context's LM after the block has closed,
 * and concurrent contexts on different threads never see each other's settings.
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

  /**
   * A future that completes like {@code source} and runs every continuation chained on it with
   * {@code settings} in force (a {@code thenCompose} in a user's module sees the settings of the call that
   * started it). Cancelling the returned future cancels {@code source}.
   */
  static <T> CompletableFuture<T> relay(CompletableFuture<T> source, Settings settings) {
    return SettingsFuture.of(source, settings);
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
