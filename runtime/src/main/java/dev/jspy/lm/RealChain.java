package dev.jspy.lm;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One position in an LM's list of links; {@link #proceed} runs the next one. */
final class RealChain implements Interceptor.Chain {
  private final LM lm;
  private final List<Interceptor> links;
  private final int index;
  private final LMRequest request;
  private final CallOptions options;

  RealChain(LM lm, List<Interceptor> links, int index, LMRequest request, CallOptions options) {
    this.lm = lm;
    this.links = links;
    this.index = index;
    this.request = request;
    this.options = options;
  }

  /** Runs {@code links} from the first on. */
  static CompletableFuture<LMResponse> run(LM lm, List<Interceptor> links, LMRequest request, CallOptions options) {
    return new RealChain(lm, links, -1, request, options).proceed(request, options);
  }

  @Override
  public LM lm() {
    return lm;
  }

  @Override
  public LMRequest request() {
    return request;
  }

  @Override
  public CallOptions options() {
    return options;
  }

  @Override
  public CompletableFuture<LMResponse> proceed(LMRequest request) {
    return proceed(request, options);
  }

  @Override
  public CompletableFuture<LMResponse> proceed(LMRequest request, CallOptions options) {
    int next = index + 1;
    if (next >= links.size()) {
      throw new IllegalStateException("the transport is the last link; it cannot proceed");
    }
    Interceptor link = links.get(next);
    CompletableFuture<LMResponse> out;
    try {
      out = link.intercept(new RealChain(lm, links, next, request, options));
    } catch (LMException e) {
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          new LMException(lm.model(), "the LM chain's link " + link.getClass().getName() + " failed: " + e, e));
    }
    if (out == null) {
      return CompletableFuture.failedFuture(
          new LMException(lm.model(), "the LM chain's link " + link.getClass().getName() + " returned null", null));
    }
    return out;
  }
}
