package dev.jspy.lm;

import java.util.concurrent.CompletableFuture;

/**
 * The last link of an LM's chain: sends one request to a model and reads one reply. The extension point
 * for an LM of your own (another wire format, an in-process model, a scripted test double): give it to
 * {@code LM.builder(model).transport(t)} and the LM gets callbacks, history, usage, the cache and retries
 * around it.
 *
 * <pre>{@code
 * LM echo = LM.builder("echo").transport((request, sink) -> CompletableFuture.completedFuture(
 *     new LMResponse(List.of(new LMResponse.Choice(request.messages().get(0).content(), "stop")),
 *         Usage.NONE, "echo"))).build();
 * }</pre>
 *
 * <p>Each attempt calls {@link #send} once (a retry calls it again). The request carries the LM's default
 * parameters already merged with the call's ({@code null} values removed); jspy's own switches (cache,
 * rollout id) are never in it. Retries happen for an {@link LMHttpException} that
 * {@linkplain LMHttpException#isRetryable() is retryable} and for an {@link LMException} caused by an
 * {@link java.io.IOException}.
 */
@FunctionalInterface
public interface Transport {
  /**
   * Sends one attempt.
   *
   * @param request the messages and every parameter to send
   * @param sink where the reply's text goes as it arrives, or {@code null} for a plain call; a transport
   *     that cannot stream may ignore it (the whole text is then not sent as deltas)
   * @return the response; completes exceptionally with an {@link LMException}; cancelling it should cancel
   *     the attempt
   */
  CompletableFuture<LMResponse> send(LMRequest request, DeltaSink sink);

  /** Releases what the transport holds; called once when its LM is closed. Does nothing by default. */
  default void close() {}
}
