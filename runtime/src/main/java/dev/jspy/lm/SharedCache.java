package dev.jspy.lm;

import dev.jspy.cache.LMCache;

/** The one cache every LM in the JVM shares unless given its own; opened on first use. */
final class SharedCache {
  private SharedCache() {}

  static LMCache get() {
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
