package dev.jspy;

import dev.jspy.adapters.Adapter;
import dev.jspy.lm.DeltaSink;
import dev.jspy.lm.LMResponse;

/**
 * Where the predictors of a streamed run send their LM replies' text as it arrives, as DSPy's
 * {@code settings.send_stream}. Carried in the call's {@link Settings}; {@link dev.jspy.streaming.Streamify}
 * sets one per run. A predictor parses the whole reply exactly as it does without streaming.
 */
public interface StreamSink {
  /**
   * A predictor is about to call its LM.
   *
   * @param predictor the predictor making the call
   * @param adapter the adapter that formatted the prompt and will parse the reply
   * @return where this call's deltas go, or {@code null} not to stream it
   */
  Call open(Predict<?, ?> predictor, Adapter adapter);

  /** One LM call's deltas, then its end. */
  interface Call extends DeltaSink {
    /**
     * The LM call ended, before its reply is parsed. Runs on a jspy worker, after every delta.
     *
     * @param response the complete response ({@link LMResponse#cacheHit()} if it came from the cache and no
     *     delta was sent), or {@code null} if the call failed
     */
    void end(LMResponse response);
  }
}
