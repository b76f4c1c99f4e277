package dev.jspy.lm;

import java.lang.reflect.Method;
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

  static ExecutorService create(String namePrefix, int maxConcurrency) {
    ExecutorService virtual = virtualThreads(namePrefix);
    if (virtual != null) {
      return virtual;
    }
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            maxConcurrency,
            maxConcurrency,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(marked(r), namePrefix + count.incrementAndGet());
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
      ThreadFactory virtual = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
      ThreadFactory threads = r -> virtual.newThread(marked(r));
      return (ExecutorService)
          Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class).invoke(null, threads);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("virtual threads unavailable, using platform threads", e);
      return null;
    }
  }

  /** {@code r} on a thread that refuses to wait for other calls (see {@link dev.jspy.internal.Futures#forbidWaiting}). */
  private static Runnable marked(Runnable r) {
    return () -> {
      dev.jspy.internal.Futures.forbidWaiting("an LM I/O thread");
      r.run();
    };
  }
}
