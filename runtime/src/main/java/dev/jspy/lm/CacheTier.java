package dev.jspy.lm;

/** Where a response came from: the server, or a tier of the LM's cache. */
public enum CacheTier {
  /** Not from the cache: the server answered this call. */
  NONE,
  /** The in-memory tier. */
  MEMORY,
  /** The on-disk tier. */
  DISK,
  /** An identical call in flight at the same moment: this call shared its reply (single-flight). */
  SHARED
}
