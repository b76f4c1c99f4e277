package dev.jspy.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's one executor (besides each LM's own I/O threads): a pool of at most {@link #maxThreads()}
 * daemon threads named {@code jspy-worker-N}, idle ones ending after a minute. It runs what follows an LM
 * reply (parsing, callbacks, completing the caller's future), stream delivery, and, through
 * {@link #blocking()}, synchronous bodies that async callers started: the {@code forward} of a module that
 * has no {@code aforward}, a synchronous tool in {@code ReAct.aforward}.
 *
 * <p>The bound is {@code -Djspy.workers=N} (default 64, at least 2), read once. Work beyond what the threads
 * can take waits in a queue that holds no thread. Synchronous bodies may run on at most half the threads
 * at a time, so the other half always remain for the short tasks those bodies wait for (the parsing of
 * their predictors' replies): a burst of blocking work cannot starve its own completions. A thread that
 * waits for a jspy future ({@code forward} inside a body) lets the pool start a spare one, up to the
 * bound. A body started from inside another body (a forward-only module's {@code aforward} called in a
 * {@code forward}) never waits for a place in the lane: its parent may be waiting for it, and with the lane
 * full of parents that would never end. Public only for jspy's own packages; not an API.
 */
public final class Workers {
  private static final int MAX = Math.max(2, Integer.getInteger("jspy.workers", 64));
  private static final AtomicInteger CREATED = new AtomicInteger();
  private static final ForkJoinPool POOL =
      new ForkJoinPool(
          Math.max(1, MAX / 2),
          pool -> {
            ForkJoinWorkerThread t = new ForkJoinWorkerThread(pool) {};
            t.setName("jspy-worker-" + CREATED.incrementAndGet());
            t.setDaemon(true);
            return t;
          },
          null,
          true, // FIFO: tasks run in the order they came
          0,
          MAX,
          1,
          pool -> true, // at the bound, a waiting thread waits without a spare rather than failing
          60,
          TimeUnit.SECONDS);
  private static final Executor BLOCKING = new Lane(POOL, Math.max(1, MAX / 2));

  private Workers() {}

  /** @return the executor for short, non-blocking tasks */
  public static Executor executor() {
    return POOL;
  }

  /** @return the executor for synchronous bodies that may block; at most half the threads at a time */
  public static Executor blocking() {
    return BLOCKING;
  }

  /**
   * @return the executor for a synchronous body started from inside another one (directly or through the
   *     calls it made): it runs at once on the pool, beside the lane's limit, since its parent may be
   *     waiting for it
   */
  public static Executor nestedBlocking() {
    return NESTED;
  }

  private static final Executor NESTED = task -> POOL.execute(() -> Lane.inLane(task));

  /** @return the most threads the runtime's executor ever has at once */
  public static int maxThreads() {
    return MAX;
  }

  /**
   * Runs at most {@code limit} of its tasks at a time on {@code pool}; the rest wait without a thread. A task
   * submitted from one of its own tasks goes to the pool at once, beside the limit (see the class comment).
   */
  private static final class Lane implements Executor {
    /** Whether the current thread runs one of a lane's tasks. */
    private static final ThreadLocal<Boolean> IN_LANE = new ThreadLocal<>();

    private final Executor pool;
    private final int limit;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();

    Lane(Executor pool, int limit) {
      this.pool = pool;
      this.limit = limit;
    }

    @Override
    public void execute(Runnable task) {
      if (IN_LANE.get() != null) {
        pool.execute(() -> inLane(task)); // nested: its parent may be waiting for it
        return;
      }
      waiting.add(task);
      startSome();
    }

    private static void inLane(Runnable task) {
      Boolean outer = IN_LANE.get();
      IN_LANE.set(Boolean.TRUE);
      try {
        task.run();
      } finally {
        if (outer == null) {
          IN_LANE.remove();
        }
      }
    }

    private void startSome() {
      while (!waiting.isEmpty()) {
        int n = running.get();
        if (n >= limit) {
          return; // a finishing task starts the next one
        }
        if (!running.compareAndSet(n, n + 1)) {
          continue;
        }
        Runnable next = waiting.poll();
        if (next == null) {
          running.decrementAndGet(); // another thread took it; look again
          continue;
        }
        pool.execute(
            () -> {
              try {
                inLane(next);
              } finally {
                running.decrementAndGet();
                startSome();
              }
            });
      }
    }
  }
}
