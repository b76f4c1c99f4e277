package dev.jspy.micrometer;

import dev.jspy.Callback;
import dev.jspy.Example;
import dev.jspy.lm.LM;
import dev.jspy.Module;
import dev.jspy.Tool;
import dev.jspy.evaluate.EvaluationResult;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Micrometer {@link Observation} for every module, LM and tool call of a jspy program, and for every
 * evaluation and batch, started and stopped from jspy's {@link Callback} events. With Spring Boot's tracing
 * bridge each becomes a span, and with a {@code DefaultMeterObservationHandler} a timer
 * ({@value DefaultModuleObservationConvention#NAME}, {@value DefaultLmObservationConvention#NAME},
 * {@value DefaultToolObservationConvention#NAME}, {@value DefaultEvaluationObservationConvention#NAME},
 * {@value DefaultBatchObservationConvention#NAME}).
 *
 * <pre>{@code
 * Jspy.configure(s -> s.callbacks(List.of(JspyObservations.create(observationRegistry))));
 * }</pre>
 *
 * <p>Observations nest as the program runs, across threads and async continuations: an LM call's parent
 * is the predictor that made it, a predictor's the module that called it, an example's program call the
 * evaluation (or batch) it belongs to, and so on. A top-level call's (or evaluation's, or batch's) parent
 * is the observation current on the calling thread when it starts (a web request's, say). jspy's
 * observations are not put in scope on any thread: the calls hop threads, so a scope opened at the start
 * could not be closed where the call ends.
 *
 * <p>A failed call's exception is set on its observation ({@link Observation#error}). Names and key values
 * come from {@link DefaultModuleObservationConvention}, {@link DefaultLmObservationConvention},
 * {@link DefaultToolObservationConvention}, {@link DefaultEvaluationObservationConvention} and
 * {@link DefaultBatchObservationConvention}; override them through the {@link Builder} or with
 * {@code GlobalObservationConvention}s on the registry. With a no-op registry nothing is allocated. A
 * failure inside an observation handler is logged once at WARN and never reaches the call. Thread-safe.
 */
public final class JspyObservations implements Callback {
  private static final Logger log = LoggerFactory.getLogger(JspyObservations.class);
  private static final DefaultModuleObservationConvention MODULE = new DefaultModuleObservationConvention();
  private static final DefaultLmObservationConvention LM_CALL = new DefaultLmObservationConvention();
  private static final DefaultToolObservationConvention TOOL = new DefaultToolObservationConvention();
  private static final DefaultEvaluationObservationConvention EVALUATION =
      new DefaultEvaluationObservationConvention();
  private static final DefaultBatchObservationConvention BATCH = new DefaultBatchObservationConvention();

  private final ObservationRegistry registry;
  private final ObservationConvention<ModuleObservationContext> moduleConvention;
  private final ObservationConvention<LmObservationContext> lmConvention;
  private final ObservationConvention<ToolObservationContext> toolConvention;
  private final ObservationConvention<EvaluationObservationContext> evaluationConvention;
  private final ObservationConvention<BatchObservationContext> batchConvention;
  private final Map<Long, Observation> live = new ConcurrentHashMap<>();
  private final FailureLog failures = new FailureLog(log, "jspy observations");

  private JspyObservations(Builder builder) {
    this.registry = builder.registry;
    this.moduleConvention = builder.moduleConvention;
    this.lmConvention = builder.lmConvention;
    this.toolConvention = builder.toolConvention;
    this.evaluationConvention = builder.evaluationConvention;
    this.batchConvention = builder.batchConvention;
  }

  /**
   * @param registry where the observations go
   * @return observations with the default conventions, to register as a callback
   */
  public static JspyObservations create(ObservationRegistry registry) {
    return builder(registry).build();
  }

  /**
   * @param registry where the observations go
   * @return a builder, to replace the default conventions
   */
  public static Builder builder(ObservationRegistry registry) {
    return new Builder(registry);
  }

  /** @return the registry the observations go to */
  public ObservationRegistry registry() {
    return registry;
  }

  @Override
  public void onModuleStart(long callId, long parentCallId, Module<?, ?> module, Object input) {
    if (registry.isNoop()) {
      return;
    }
    try {
      start(callId, parentCallId, Observation.createNotStarted(
          moduleConvention, MODULE, () -> new ModuleObservationContext(module, input), registry));
    } catch (RuntimeException e) {
      failures.failed("onModuleStart", e);
    }
  }

  @Override
  public void onModuleEnd(long callId, Object output, Throwable error) {
    Observation observation = live.remove(callId);
    if (observation == null) {
      return;
    }
    try {
      if (observation.getContext() instanceof ModuleObservationContext context) {
        context.setOutput(output);
      }
      stop(observation, error);
    } catch (RuntimeException e) {
      failures.failed("onModuleEnd", e);
    }
  }

  @Override
  public void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {
    if (registry.isNoop()) {
      return;
    }
    try {
      start(callId, parentCallId, Observation.createNotStarted(
          lmConvention, LM_CALL, () -> new LmObservationContext(lm, request), registry));
    } catch (RuntimeException e) {
      failures.failed("onLmStart", e);
    }
  }

  @Override
  public void onLmEnd(long callId, LMResponse response, Throwable error) {
    Observation observation = live.remove(callId);
    if (observation == null) {
      return;
    }
    try {
      if (observation.getContext() instanceof LmObservationContext context) {
        context.setResponse(response);
      }
      stop(observation, error);
    } catch (RuntimeException e) {
      failures.failed("onLmEnd", e);
    }
  }

  @Override
  public void onToolStart(long callId, long parentCallId, Tool tool, Map<String, Object> args) {
    if (registry.isNoop()) {
      return;
    }
    try {
      start(callId, parentCallId, Observation.createNotStarted(
          toolConvention, TOOL, () -> new ToolObservationContext(tool, args), registry));
    } catch (RuntimeException e) {
      failures.failed("onToolStart", e);
    }
  }

  @Override
  public void onToolEnd(long callId, Object result, Throwable error) {
    Observation observation = live.remove(callId);
    if (observation == null) {
      return;
    }
    try {
      if (observation.getContext() instanceof ToolObservationContext context) {
        context.setResult(result);
      }
      stop(observation, error);
    } catch (RuntimeException e) {
      failures.failed("onToolEnd", e);
    }
  }

  @Override
  public void onEvaluateStart(long callId, long parentCallId, Module<?, ?> program, List<Example> devset) {
    if (registry.isNoop()) {
      return;
    }
    try {
      start(callId, parentCallId, Observation.createNotStarted(
          evaluationConvention, EVALUATION, () -> new EvaluationObservationContext(program, devset), registry));
    } catch (RuntimeException e) {
      failures.failed("onEvaluateStart", e);
    }
  }

  @Override
  public void onEvaluateEnd(long callId, Object result, Throwable error) {
    Observation observation = live.remove(callId);
    if (observation == null) {
      return;
    }
    try {
      if (observation.getContext() instanceof EvaluationObservationContext context
          && result instanceof EvaluationResult<?> r) {
        context.setResult(r);
      }
      stop(observation, error);
    } catch (RuntimeException e) {
      failures.failed("onEvaluateEnd", e);
    }
  }

  @Override
  public void onBatchStart(long callId, long parentCallId, Module<?, ?> module, List<?> inputs) {
    if (registry.isNoop()) {
      return;
    }
    try {
      start(callId, parentCallId, Observation.createNotStarted(
          batchConvention, BATCH, () -> new BatchObservationContext(module, inputs), registry));
    } catch (RuntimeException e) {
      failures.failed("onBatchStart", e);
    }
  }

  @Override
  public void onBatchEnd(long callId, List<?> outputs, Throwable error) {
    Observation observation = live.remove(callId);
    if (observation == null) {
      return;
    }
    try {
      if (observation.getContext() instanceof BatchObservationContext context) {
        context.setOutputs(outputs);
      }
      stop(observation, error);
    } catch (RuntimeException e) {
      failures.failed("onBatchEnd", e);
    }
  }

  private void start(long callId, long parentCallId, Observation observation) {
    if (observation.isNoop()) {
      return;
    }
    // The call's parent in the program, wherever it runs; at the top (or if the parent was not observed),
    // the observation current on this thread, which Micrometer has already made the parent.
    Observation parent = parentCallId == 0 ? null : live.get(parentCallId);
    if (parent != null) {
      observation.parentObservation(parent);
    }
    live.put(callId, observation);
    observation.start();
  }

  private static void stop(Observation observation, Throwable error) {
    if (error != null) {
      observation.error(error);
    }
    observation.stop();
  }

  /** Chooses the conventions; each left unset is the default one (or a global one on the registry). */
  public static final class Builder {
    private final ObservationRegistry registry;
    private ObservationConvention<ModuleObservationContext> moduleConvention;
    private ObservationConvention<LmObservationContext> lmConvention;
    private ObservationConvention<ToolObservationContext> toolConvention;
    private ObservationConvention<EvaluationObservationContext> evaluationConvention;
    private ObservationConvention<BatchObservationContext> batchConvention;

    private Builder(ObservationRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * @param convention names and key values of module-call observations
     * @return this builder
     */
    public Builder moduleConvention(ObservationConvention<ModuleObservationContext> convention) {
      this.moduleConvention = Objects.requireNonNull(convention, "convention");
      return this;
    }

    /**
     * @param convention names and key values of LM-call observations
     * @return this builder
     */
    public Builder lmConvention(ObservationConvention<LmObservationContext> convention) {
      this.lmConvention = Objects.requireNonNull(convention, "convention");
      return this;
    }

    /**
     * @param convention names and key values of tool-call observations
     * @return this builder
     */
    public Builder toolConvention(ObservationConvention<ToolObservationContext> convention) {
      this.toolConvention = Objects.requireNonNull(convention, "convention");
      return this;
    }

    /**
     * @param convention names and key values of evaluation observations
     * @return this builder
     */
    public Builder evaluationConvention(ObservationConvention<EvaluationObservationContext> convention) {
      this.evaluationConvention = Objects.requireNonNull(convention, "convention");
      return this;
    }

    /**
     * @param convention names and key values of batch observations
     * @return this builder
     */
    public Builder batchConvention(ObservationConvention<BatchObservationContext> convention) {
      this.batchConvention = Objects.requireNonNull(convention, "convention");
      return this;
    }

    /** @return the observations, to register as a callback */
    public JspyObservations build() {
      return new JspyObservations(this);
    }
  }
}
