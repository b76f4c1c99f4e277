package dev.jspy.benchmarks;

import java.util.concurrent.CompletableFuture;

/**
 * One way of making the benchmarked call: build the request for {@link Inputs}, send it, parse the reply into
 * a typed result. Implementations are thread-safe; {@link #close()} releases their threads and connections.
 */
interface Contender extends AutoCloseable {
  /** @return the short name used in tables */
  String name();

  /** @return the typed result of one blocking call */
  Object call();

  /** @return the typed result of one call through the contender's most idiomatic asynchronous API */
  CompletableFuture<?> callAsync();

  /** Throws unless {@code result} (from {@link #call} or {@link #callAsync}) is the expected answer. */
  void check(Object result);

  @Override
  void close();

  /**
   * @param name {@code bare}, {@code floor}, {@code floor-vt} (JDK 21+), {@code jspy}, {@code lc4j} or {@code spring}
   * @param baseUrl the server's OpenAI base URL
   * @param concurrency requests in flight at most (pool or dispatcher size)
   * @return the contender
   */
  static Contender create(String name, String baseUrl, int concurrency) {
    switch (name) {
      case "bare":
        return new BareJdkContender(baseUrl);
      case "floor":
        return new FloorContender(baseUrl, concurrency, false);
      case "floor-vt":
        return new FloorContender(baseUrl, concurrency, true);
      case "jspy":
        return new JspyContender(baseUrl, concurrency, false);
      case "jspyObserved":
      case "jspyTraced":
      case "jspyMetered":
      case "jspyNoopCallback":
        return new ObservedJspyContender(name, baseUrl, concurrency);
      case "lc4j":
        return new Lc4jContender(baseUrl, concurrency);
      case "spring":
        return new SpringAiContender(baseUrl, concurrency);
      default:
        throw new IllegalArgumentException("unknown contender " + name);
    }
  }
}
