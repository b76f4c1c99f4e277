package dev.jspy.lm;

import java.time.Duration;

/**
 * Records a completed LM call (history, token usage). Set per call in {@link CallOptions#recorder}; jspy's
 * modules pass one that writes {@link dev.jspy.Jspy#history()} and the run's {@code UsageTracker}.
 */
@FunctionalInterface
public interface LMRecorder {
  /**
   * Called once per successful call, on the thread that completed it, before the caller sees the response.
   *
   * @param lm the LM called
   * @param request the request as the caller made it
   * @param response the response (check {@link LMResponse#cacheHit()}: hits cost no tokens)
   * @param took from the start of the call to its reply
   */
  void record(LM lm, LMRequest request, LMResponse response, Duration took);
}
