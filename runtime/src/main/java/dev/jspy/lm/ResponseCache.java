package dev.jspy.lm;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A cache of LM responses as the LM's cache link uses it: look a request up, compute it on a miss, share one
 * computation between identical requests in flight. {@link dev.jspy.cache.LMCache} is jspy's (memory and
 * disk, as DSPy's); an LM without one of its own uses the JVM-wide shared instance.
 */
public interface ResponseCache {
  /**
   * A looked-up response.
   *
   * @param response the response as stored (its usage is the original call's)
   * @param tier where it came from; {@link CacheTier#NONE} when {@code compute} ran for this caller
   */
  record Hit(LMResponse response, CacheTier tier) {}

  /**
   * Looks a request up, computing and storing it on a miss.
   *
   * @param model the model name as the server knows it
   * @param apiBase the server's base URL, or {@code null} to share entries across servers
   * @param request the request with every parameter the server will get
   * @param rolloutId the call's rollout id (part of the key), or {@code null}
   * @param compute starts the call and returns its future; called at most once, only on a miss
   * @return the response and where it came from; cancelling it detaches this caller
   * @throws IllegalStateException if the cache is closed
   */
  CompletableFuture<Hit> lookup(
      String model, String apiBase, LMRequest request, Integer rolloutId,
      Supplier<CompletableFuture<LMResponse>> compute);

  /** @return where the cache keeps its entries, for messages */
  String describe();

  /**
   * Supplies the JVM-wide cache LMs share by default; found with {@link java.util.ServiceLoader}. For jspy's
   * own {@code dev.jspy.cache}, not for applications (give an LM your cache with its builder instead).
   */
  interface Provider {
    /** @return the shared cache, the same instance every time */
    ResponseCache shared();
  }
}
