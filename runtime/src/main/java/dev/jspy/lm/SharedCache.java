package dev.jspy.lm;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * The one cache every LM in the JVM shares unless given its own; opened on first use. Found with
 * {@link ServiceLoader} ({@code dev.jspy.cache} provides it), so this package does not depend on the cache's.
 */
final class SharedCache {
  private SharedCache() {}

  static ResponseCache get() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final ResponseCache INSTANCE = open();

    private static ResponseCache open() {
      Iterator<ResponseCache.Provider> found =
          ServiceLoader.load(ResponseCache.Provider.class, SharedCache.class.getClassLoader()).iterator();
      if (!found.hasNext()) {
        throw new IllegalStateException("no dev.jspy.lm.ResponseCache$Provider on the class path (jspy-runtime's "
            + "META-INF/services entry is missing: a shaded jar must merge service files)");
      }
      return found.next().shared();
    }
  }
}
