package dev.jspy.lm;

import dev.jspy.internal.LmThreads;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads an LM's OkHttp dispatcher runs calls on. OkHttp reads each reply with blocking I/O, so a
 * call in flight occupies a thread: on JDK 21 and later that is a virtual thread (no platform thread held
 * while waiting for the server); on JDK 17, a pool of at most {@code maxConcurrency} platform threads,
 * which is as many as the dispatcher ever lets run. Calls beyond that wait in the dispatcher's queue
 * without a thread either way.
 */
final class IoThreads {
  private static final Logger log = LoggerFactory.getLogger(IoThreads.class);

  private IoThreads() {}

  /**
   * @return an executor whose every task runs marked as LM I/O ({@link LmThreads}), which is how a blocking
   *     wait on one of its threads is recognised and refused
   */
  static ExecutorService create(String namePrefix, int maxConcurrency) {
    ExecutorService virtual = virtualThreads(namePrefix);
    return new Marked(virtual != null ? virtual : platformThreads(namePrefix, maxConcurrency));
  }

  private static ExecutorService platformThreads(String namePrefix, int maxConcurrency) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            maxConcurrency,
            maxConcurrency,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, namePrefix + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true); // idle threads die after a minute
    return pool;
  }

  /**
   * {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 1).factory())}, looked up
   * once per LM since jspy compiles for Java 17; {@code null} before JDK 21 or if
   * {@code -Djspy.virtualThreads=false}.
   */
  private static ExecutorService virtualThreads(String namePrefix) {
    if (Runtime.version().feature() < 21 || !Boolean.parseBoolean(System.getProperty("jspy.virtualThreads", "true"))) {
      return null;
    }
    try {
      Class<?> builderType = Class.forName("java.lang.Thread$Builder"); // public interface, JDK 21+
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Method name = builderType.getMethod("name", String.class, long.class);
      builder = name.invoke(builder, namePrefix, 1L);
      ThreadFactory threads = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
      return (ExecutorService)
          Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class).invoke(null, threads);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("virtual threads unavailable, using platform threads", e);
      return null;
    }
  }

  /** Runs every task of {@code delegate} marked as LM I/O work. */
  private static final class Marked extends AbstractExecutorService {
    private final ExecutorService delegate;

    Marked(ExecutorService delegate) {
      this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
      delegate.execute(() -> LmThreads.runMarked(task));
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }
  }
}
