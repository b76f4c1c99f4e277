package dev.jspy.optimize;

import dev.jspy.lm.CallOptions;
import dev.jspy.lm.DeltaSink;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * DSPy's {@code lm.copy(rollout_id=n, temperature=1.0)}: the same LM whose calls carry that rollout id (a
 * typed {@link CallOptions#rolloutId() option}: a cache key part, never sent) and default to that
 * temperature (a predictor's own config still overrides it). Closing it does not close the LM.
 */
final class RolloutLM implements LM {
  private static final Map<String, Object> PARAMS = Map.of("temperature", 1.0);

  private final LM base;
  private final int rolloutId;

  RolloutLM(LM base, int rolloutId) {
    this.base = base;
    this.rolloutId = rolloutId;
  }

  /** @return the rollout id this LM's calls carry */
  int rolloutId() {
    return rolloutId;
  }

  @Override
  public String model() {
    return base.model();
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> d = new LinkedHashMap<>(base.defaults());
    d.putAll(PARAMS);
    return d;
  }

  @Override
  public ResponseFormatSupport responseFormatSupport() {
    return base.responseFormatSupport();
  }

  @Override
  public CompletableFuture<LMResponse> acall(LMRequest request) {
    return acall(request, CallOptions.ambient());
  }

  @Override
  public CompletableFuture<LMResponse> astream(LMRequest request, DeltaSink sink) {
    return acall(request, CallOptions.ambient().withSink(sink));
  }

  @Override
  public CompletableFuture<LMResponse> acall(LMRequest request, CallOptions options) {
    Map<String, Object> p = new LinkedHashMap<>(PARAMS);
    p.putAll(request.params());
    return base.acall(new LMRequest(request.messages(), p), options.withRolloutId(rolloutId));
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return base + " (rollout " + rolloutId + ", temperature 1.0)";
  }
}
