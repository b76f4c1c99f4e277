package dev.jspy.lm;

import java.util.concurrent.CompletableFuture;

/**
 * A link of an LM's call chain, as OkHttp's interceptors: it sees the request and the call's options, may
 * change either, passes the call on with {@link Chain#proceed} (or answers without it), and may look at or
 * replace the response.
 *
 * <p>Every call of an LM built by {@link LM#builder} runs through, in order:
 *
 * <ol>
 *   <li>the builder's {@linkplain OpenAiLM.Builder#interceptor interceptors}, in the order added;
 *   <li>observation: {@link LMCallback}s ({@code onLmStart}/{@code onLmEnd}), history and token usage
 *       ({@link CallOptions#recorder});
 *   <li>the cache: memory, disk and single-flight, skipped when {@link CallOptions#cache()} is off;
 *   <li>retries with backoff on 408/409/429/5xx and connection failures, honouring {@code Retry-After},
 *       only until the first streamed delta;
 *   <li>the {@link Transport}: OpenAI's wire format over OkHttp unless the builder was given another.
 * </ol>
 *
 * <p>An interceptor runs once per logical call (a cache hit included, retries not). It must not block;
 * cancelling the future it returns must cancel what it started, as the futures {@link Chain#proceed}
 * returns do.
 *
 * <pre>{@code
 * LM lm = LM.builder("openai/gpt-4o-mini")
 *     .interceptor(chain -> chain.proceed(chain.request().withParam("seed", 7)))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface Interceptor {
  /**
   * @param chain the call so far
   * @return the response; completes exceptionally with an {@link LMException}
   */
  CompletableFuture<LMResponse> intercept(Chain chain);

  /** The call as an interceptor sees it, and the rest of the chain. */
  interface Chain {
    /** @return the LM being called */
    LM lm();

    /** @return the request as the previous link passed it */
    LMRequest request();

    /** @return the call's options as the previous link passed them */
    CallOptions options();

    /**
     * Runs the rest of the chain.
     *
     * @param request the request to pass on
     * @return the response; cancelling it cancels the rest of the call
     */
    CompletableFuture<LMResponse> proceed(LMRequest request);

    /**
     * Runs the rest of the chain with other options (say, {@code options().withCache(false)}).
     *
     * @param request the request to pass on
     * @param options the options to pass on
     * @return the response; cancelling it cancels the rest of the call
     */
    CompletableFuture<LMResponse> proceed(LMRequest request, CallOptions options);
  }
}
