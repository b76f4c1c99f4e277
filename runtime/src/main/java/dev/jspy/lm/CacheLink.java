package dev.jspy.lm;

import java.util.concurrent.CompletableFuture;

/** The cache link: answers from memory or disk, shares identical calls in flight, stores what the server says. */
final class CacheLink implements Interceptor {
  private final ResponseCache cache;
  private final String apiModel;
  private final String apiBase;

  CacheLink(ResponseCache cache, String apiModel, String apiBase) {
    this.cache = cache;
    this.apiModel = apiModel;
    this.apiBase = apiBase;
  }

  @Override
  public CompletableFuture<LMResponse> intercept(Chain chain) {
    CallOptions options = chain.options();
    LMRequest request = chain.request();
    if (!options.cache()) {
      return chain.proceed(request);
    }
    CompletableFuture<ResponseCache.Hit> lookup;
    try {
      // Identical requests in flight at once share one call; the request is sent only on a miss.
      lookup = cache.lookup(apiModel, apiBase, request, options.rolloutId(), () -> chain.proceed(request));
    } catch (IllegalStateException e) {
      return CompletableFuture.failedFuture(new LMException(chain.lm().model(),
          "the response cache is closed (is the JVM shutting down?): " + e.getMessage(), e));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new LMException(chain.lm().model(), "could not build the request: " + e, e));
    }
    Downstream<LMResponse> out = new Downstream<>(lookup); // detaches this caller; the last one cancels the call
    lookup.whenComplete(
        (hit, e) -> {
          if (e != null) {
            out.completeExceptionally(Downstream.unwrap(e));
          } else {
            out.complete(hit.tier() == CacheTier.NONE ? hit.response() : hit.response().fromCache(hit.tier()));
          }
        });
    return out;
  }
}
