package dev.jspy.internal;

/**
 * Marks the threads an LM runs its I/O on, so that blocking there (which could deadlock the LM's bounded
 * pool) is refused. The marker is set by the LM's own executor around every task it runs, whatever name
 * the thread has at the moment (OkHttp renames its threads while a call runs).
 */
public final class LmThreads {
  private static final ThreadLocal<Boolean> IO = new ThreadLocal<>();

  private LmThreads() {}

  /** @return whether the current thread is running a task of an LM's I/O executor */
  public static boolean isIoThread() {
    return IO.get() != null;
  }

  /**
   * Runs {@code task} marked as LM I/O work.
   *
   * @param task the executor's task
   */
  public static void runMarked(Runnable task) {
    Boolean before = IO.get();
    IO.set(Boolean.TRUE);
    try {
      task.run();
    } finally {
      if (before == null) {
        IO.remove();
      }
    }
  }
}
