package dev.jspy.optimize;

import dev.jspy.lm.LM;
import dev.jspy.cache.LMCache;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * DSPy's {@code lm.copy(rollout_id=n, temperature=1.0)}: the same LM whose requests default to that rollout
 * id and temperature (a predictor's own config still overrides them). Closing it does not close the LM.
 */
final class RolloutLM implements LM {
  private final LM base;
  private final Map<String, Object> params;

  RolloutLM(LM base, int rolloutId) {
    this.base = base;
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(LMCache.PARAM_ROLLOUT_ID, rolloutId);
    p.put("temperature", 1.0);
    this.params = Map.copyOf(p);
  }

  @Override
  public String model() {
    return base.model();
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> d = new LinkedHashMap<>(base.defaults());
    d.putAll(params);
    return d;
  }

  @Override
  public ResponseFormatSupport responseFormatSupport() {
    return base.responseFormatSupport();
  }

  @Override
  public CompletableFuture<LMResponse> acall(LMRequest request) {
    Map<String, Object> p = new LinkedHashMap<>(params);
    p.putAll(request.params());
    return base.acall(new LMRequest(request.messages(), p));
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return base + " (rollout " + params.get(LMCache.PARAM_ROLLOUT_ID) + ", temperature 1.0)";
  }
}
