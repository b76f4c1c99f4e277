package dev.jspy.lm;

/**
 * Hears about LM calls: a start and an end sharing a call id, as DSPy's {@code on_lm_start}/{@code on_lm_end}.
 * Fired by the observation link of every LM's chain (see {@link Interceptor}), for calls made by predictors
 * and for direct {@link LM#call}/{@link LM#acall} alike. {@link dev.jspy.Callback} extends it.
 *
 * <p>Both methods have empty defaults. They run on the thread that starts or completes the call (often an
 * I/O thread): keep them quick and never block. One that throws is logged and otherwise ignored.
 */
public interface LMCallback {
  /**
   * An LM call started.
   *
   * @param callId identifies this call in the matching end
   * @param parentCallId the module call this one runs in, or 0 at the top
   * @param lm the LM
   * @param request the messages and parameters (the API key is never part of it)
   */
  default void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {}

  /**
   * The LM answered, or the call failed.
   *
   * @param callId as given at the start
   * @param response the response (with usage, cache tier and retries), or {@code null} if it failed
   * @param error why it failed, or {@code null}
   */
  default void onLmEnd(long callId, LMResponse response, Throwable error) {}
}
