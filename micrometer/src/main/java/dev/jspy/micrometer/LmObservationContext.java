package dev.jspy.micrometer;

import dev.jspy.lm.LM;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import io.micrometer.observation.Observation;
import java.util.Objects;

/**
 * What an observation of one LM call knows: the LM, the request (messages and parameters; the API key is
 * never part of it) and, once it answered, the response with its usage and cache-hit flag. Its error is the
 * context's {@link #getError()}.
 */
public final class LmObservationContext extends Observation.Context {
  private final LM lm;
  private final LMRequest request;
  private volatile LMResponse response;

  /**
   * @param lm the LM called
   * @param request what it was sent
   */
  public LmObservationContext(LM lm, LMRequest request) {
    this.lm = Objects.requireNonNull(lm, "lm");
    this.request = Objects.requireNonNull(request, "request");
  }

  /** @return the LM called */
  public LM getLm() {
    return lm;
  }

  /** @return what it was sent */
  public LMRequest getRequest() {
    return request;
  }

  /** @return its response, or {@code null} while it runs or if it failed */
  public LMResponse getResponse() {
    return response;
  }

  void setResponse(LMResponse response) {
    this.response = response;
  }
}
