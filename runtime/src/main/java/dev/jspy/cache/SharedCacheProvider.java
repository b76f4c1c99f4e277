package dev.jspy.cache;

import dev.jspy.lm.ResponseCache;

/**
 * Gives LMs the JVM-wide {@link LMCache} (both tiers, the default directory), opened on first use and flushed
 * when the JVM exits normally. Found by {@link java.util.ServiceLoader}; not for applications.
 */
public final class SharedCacheProvider implements ResponseCache.Provider {
  /** For {@link java.util.ServiceLoader}. */
  public SharedCacheProvider() {}

  @Override
  public ResponseCache shared() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final LMCache INSTANCE = open();

    private static LMCache open() {
      LMCache cache = LMCache.create();
      // Flush queued disk writes when the JVM exits normally.
      Runtime.getRuntime().addShutdownHook(new Thread(cache::close, "jspy-cache-close"));
      return cache;
    }
  }
}
