package dev.jspy.micrometer;

import dev.jspy.Callback;
import dev.jspy.lm.CacheTier;
import dev.jspy.lm.LM;
import dev.jspy.Module;
import dev.jspy.Tool;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer meters for what a jspy program does: every LM, module and tool call, recorded from jspy's
 * {@link Callback} events. Register it as a callback and bind it to a registry:
 *
 * <pre>{@code
 * JspyMetrics metrics = JspyMetrics.create(meterRegistry);
 * Jspy.configure(s -> s.callbacks(List.of(metrics)));
 * }</pre>
 *
 * <p>It is also a {@link MeterBinder}, so a framework that binds binders (Spring Boot binds every
 * {@code MeterBinder} bean) can bind a {@code new JspyMetrics()}; until it is bound, events are ignored.
 *
 * <p>The meters, with base units (seconds, tokens) and low-cardinality tags only:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code gen_ai.client.operation.duration}</td><td>Timer</td><td>LM tags, {@code outcome},
 *       {@code error.type}, {@code cache}</td><td>latency of each LM call, cache hits included (tagged
 *       {@code cache=hit}); a call with retries counts once</td></tr>
 *   <tr><td>{@code gen_ai.client.token.usage}</td><td>DistributionSummary</td><td>LM tags,
 *       {@code gen_ai.token.type}</td><td>tokens per call as the server reported them, {@code input} and
 *       {@code output}; calls served from the cache used none and are not recorded</td></tr>
 *   <tr><td>{@code jspy.lm.tokens}</td><td>Counter</td><td>LM tags, {@code gen_ai.token.type}</td><td>the
 *       same tokens, summed</td></tr>
 *   <tr><td>{@code jspy.lm.errors}</td><td>Counter</td><td>LM tags, {@code error.type}</td><td>failed LM
 *       calls by exception type</td></tr>
 *   <tr><td>{@code jspy.lm.cache.hits}</td><td>Counter</td><td>LM tags, {@code tier}</td><td>LM calls
 *       answered from the cache, by tier: {@code memory}, {@code disk}, or {@code shared} (an identical call
 *       in flight at the same moment)</td></tr>
 *   <tr><td>{@code jspy.lm.retries}</td><td>Counter</td><td>LM tags</td><td>failed attempts retried before
 *       an LM call answered</td></tr>
 *   <tr><td>{@code jspy.lm.active}</td><td>LongTaskTimer</td><td>LM tags</td><td>LM calls in
 *       flight</td></tr>
 *   <tr><td>{@code jspy.module.duration}</td><td>Timer</td><td>{@code module}, {@code outcome},
 *       {@code error.type}</td><td>latency of each module call ({@code call} or {@code acall}), generated
 *       predictors included</td></tr>
 *   <tr><td>{@code jspy.module.errors}</td><td>Counter</td><td>{@code module}, {@code error.type}</td><td>failed
 *       module calls</td></tr>
 *   <tr><td>{@code jspy.module.active}</td><td>LongTaskTimer</td><td>{@code module}</td><td>module calls in
 *       flight</td></tr>
 *   <tr><td>{@code jspy.tool.duration}</td><td>Timer</td><td>{@code gen_ai.tool.name}, {@code outcome},
 *       {@code error.type}</td><td>latency of each tool call</td></tr>
 *   <tr><td>{@code jspy.tool.errors}</td><td>Counter</td><td>{@code gen_ai.tool.name},
 *       {@code error.type}</td><td>failed tool calls</td></tr>
 * </table>
 *
 * <p>The LM tags are the OpenTelemetry GenAI names: {@code gen_ai.operation.name} ({@code chat}),
 * {@code gen_ai.provider.name} (the model's provider prefix, {@code openai}) and {@code gen_ai.request.model}
 * (the model without that prefix, {@code gpt-4o-mini}). {@code module} is the module's class simple name;
 * {@code outcome} is {@code success} or {@code error}; {@code error.type} is the exception's class simple
 * name ({@code RateLimitException}, {@code AdapterParseException}, …) or {@code none}; {@code cache} is
 * {@code hit} or {@code miss}.
 *
 * <p>Recording costs a map look-up and a few atomic adds per call; the meters are created once per model,
 * module class, tool and exception type. Publishing percentiles or histograms is left to the registry's
 * {@code MeterFilter}s. A failure inside the meters (a registry that rejects a meter, say) is logged once
 * at WARN and never reaches the call. Thread-safe; one instance serves every thread.
 */
public final class JspyMetrics implements Callback, MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(JspyMetrics.class);

  private volatile MeterRegistry registry;
  private final Map<Long, Call> calls = new ConcurrentHashMap<>();
  private final Map<String, LmMeters> lms = new ConcurrentHashMap<>();
  private final Map<Class<?>, Outcomes> modules = new ConcurrentHashMap<>();
  private final Map<String, Outcomes> tools = new ConcurrentHashMap<>();
  private final FailureLog failures = new FailureLog(log, "jspy metrics");

  /** Metrics not yet bound to a registry: {@link #bindTo} it before calls are recorded. */
  public JspyMetrics() {}

  /**
   * @param registry where the meters go
   * @return metrics bound to {@code registry}, to register as a callback
   */
  public static JspyMetrics create(MeterRegistry registry) {
    JspyMetrics metrics = new JspyMetrics();
    metrics.bindTo(registry);
    return metrics;
  }

  /**
   * Sends the meters to {@code registry}. To publish to several registries, bind a
   * {@code CompositeMeterRegistry}.
   *
   * @param registry where the meters go
   * @throws IllegalStateException if already bound to another registry
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    MeterRegistry bound = this.registry;
    if (bound != null && bound != registry) {
      throw new IllegalStateException(
          "JspyMetrics is already bound to " + bound + "; it records into one registry, so to publish to "
              + registry + " as well, bind both through one CompositeMeterRegistry");
    }
    this.registry = registry;
  }

  @Override
  public void onModuleStart(long callId, long parentCallId, Module<?, ?> module, Object input) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    try {
      Outcomes meters = modules.computeIfAbsent(module.getClass(), c -> moduleMeters(r, Names.module(module)));
      calls.put(callId, new Call(meters, Timer.start(r), meters.active.start()));
    } catch (RuntimeException e) {
      failures.failed("onModuleStart", e);
    }
  }

  @Override
  public void onModuleEnd(long callId, Object output, Throwable error) {
    end(callId, error, "onModuleEnd");
  }

  @Override
  public void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    try {
      LmMeters meters = lms.computeIfAbsent(lm.model(), m -> new LmMeters(r, m));
      calls.put(callId, new Call(meters.outcomes, Timer.start(r), meters.outcomes.active.start()));
    } catch (RuntimeException e) {
      failures.failed("onLmStart", e);
    }
  }

  @Override
  public void onLmEnd(long callId, LMResponse response, Throwable error) {
    Call call = calls.remove(callId);
    if (call == null) {
      return;
    }
    try {
      call.active.stop();
      LmMeters meters = ((LmOutcomes) call.outcomes).lm;
      if (error != null) {
        call.outcomes.failure(error).record(call.sample);
      } else if (response != null && response.cacheHit()) {
        call.sample.stop(meters.cacheHitTimer);
        meters.cacheHits.get(response.cacheTier()).increment();
      } else {
        call.sample.stop(call.outcomes.success);
        if (response != null) {
          meters.record(response.usage());
          if (response.retries() > 0) {
            meters.retries.increment(response.retries());
          }
        }
      }
    } catch (RuntimeException e) {
      failures.failed("onLmEnd", e);
    }
  }

  @Override
  public void onToolStart(long callId, long parentCallId, Tool tool, Map<String, Object> args) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    try {
      Outcomes meters = tools.computeIfAbsent(tool.name(), name -> toolMeters(r, name));
      calls.put(callId, new Call(meters, Timer.start(r), null));
    } catch (RuntimeException e) {
      failures.failed("onToolStart", e);
    }
  }

  @Override
  public void onToolEnd(long callId, Object result, Throwable error) {
    end(callId, error, "onToolEnd");
  }

  private void end(long callId, Throwable error, String event) {
    Call call = calls.remove(callId);
    if (call == null) {
      return;
    }
    try {
      if (call.active != null) {
        call.active.stop();
      }
      if (error == null) {
        call.sample.stop(call.outcomes.success);
      } else {
        call.outcomes.failure(error).record(call.sample);
      }
    } catch (RuntimeException e) {
      failures.failed(event, e);
    }
  }

  private static Outcomes moduleMeters(MeterRegistry registry, String module) {
    Tags tags = Tags.of(Names.MODULE, module);
    return new Outcomes(
        registry, tags, Tags.empty(), "jspy.module.duration", "the latency of jspy module calls",
        "jspy.module.errors", "jspy module calls that failed, by exception type",
        LongTaskTimer.builder("jspy.module.active")
            .description("jspy module calls in flight")
            .tags(tags)
            .register(registry));
  }

  private static Outcomes toolMeters(MeterRegistry registry, String tool) {
    return new Outcomes(
        registry, Tags.of(Names.TOOL, tool), Tags.empty(), "jspy.tool.duration", "the latency of jspy tool calls",
        "jspy.tool.errors", "jspy tool calls that failed, by exception type", null);
  }

  /** A call in flight: where it ends, since when, and its in-flight sample. */
  private record Call(Outcomes outcomes, Timer.Sample sample, LongTaskTimer.Sample active) {}

  /** A timer for successes and, created on first need, a timer and a counter per exception type. */
  private static class Outcomes {
    final MeterRegistry registry;
    final Tags tags;
    final String timerName;
    final String timerDescription;
    final String errorsName;
    final String errorsDescription;
    final Tags extraFailureTimerTags;
    final Timer success;
    final LongTaskTimer active;
    final Map<String, Failure> failures = new ConcurrentHashMap<>();

    Outcomes(
        MeterRegistry registry,
        Tags tags,
        Tags extraTimerTags,
        String timerName,
        String timerDescription,
        String errorsName,
        String errorsDescription,
        LongTaskTimer active) {
      this.registry = registry;
      this.tags = tags;
      this.timerName = timerName;
      this.timerDescription = timerDescription;
      this.errorsName = errorsName;
      this.errorsDescription = errorsDescription;
      this.extraFailureTimerTags = extraTimerTags;
      this.success = timer(Names.SUCCESS, Names.NONE, extraTimerTags);
      this.active = active;
    }

    Timer timer(String outcome, String errorType, Tags extra) {
      return Timer.builder(timerName)
          .description(timerDescription)
          .tags(tags)
          .tags(extra)
          .tag(Names.OUTCOME, outcome)
          .tag(Names.ERROR_TYPE, errorType)
          .register(registry);
    }

    Failure failure(Throwable error) {
      return failures.computeIfAbsent(
          Names.errorType(error),
          type ->
              new Failure(
                  timer(Names.ERROR, type, extraFailureTimerTags),
                  Counter.builder(errorsName)
                      .description(errorsDescription)
                      .tags(tags)
                      .tag(Names.ERROR_TYPE, type)
                      .register(registry)));
    }
  }

  /** The meters of one failure type. */
  private record Failure(Timer timer, Counter count) {
    void record(Timer.Sample sample) {
      sample.stop(timer);
      count.increment();
    }
  }

  /** An LM's outcomes, knowing the LM's other meters. */
  private static final class LmOutcomes extends Outcomes {
    final LmMeters lm;

    LmOutcomes(MeterRegistry registry, Tags tags, LmMeters lm) {
      super(
          registry, tags, Tags.of(Names.CACHE, "miss"), "gen_ai.client.operation.duration",
          "the latency of LM calls (GenAI client operation duration)", "jspy.lm.errors",
          "LM calls that failed, by exception type",
          LongTaskTimer.builder("jspy.lm.active").description("LM calls in flight").tags(tags).register(registry));
      this.lm = lm;
    }
  }

  /** The meters of one model. */
  private static final class LmMeters {
    final LmOutcomes outcomes;
    final Timer cacheHitTimer;
    final Map<CacheTier, Counter> cacheHits = new EnumMap<>(CacheTier.class);
    final Counter retries;
    final DistributionSummary inputTokens;
    final DistributionSummary outputTokens;
    final Counter inputTokenCount;
    final Counter outputTokenCount;

    LmMeters(MeterRegistry registry, String model) {
      Tags tags =
          Tags.of(
              Names.OPERATION, Names.CHAT,
              Names.PROVIDER, Names.provider(model),
              Names.REQUEST_MODEL, Names.model(model));
      outcomes = new LmOutcomes(registry, tags, this);
      cacheHitTimer = outcomes.timer(Names.SUCCESS, Names.NONE, Tags.of(Names.CACHE, "hit"));
      for (CacheTier tier : CacheTier.values()) {
        if (tier != CacheTier.NONE) {
          cacheHits.put(
              tier,
              Counter.builder("jspy.lm.cache.hits")
                  .description("LM calls answered from jspy's cache, by tier")
                  .tags(tags)
                  .tag(Names.TIER, tier.name().toLowerCase(Locale.ROOT))
                  .register(registry));
        }
      }
      retries =
          Counter.builder("jspy.lm.retries")
              .description("failed attempts retried before an LM call answered")
              .tags(tags)
              .register(registry);
      inputTokens = tokens(registry, tags, "input");
      outputTokens = tokens(registry, tags, "output");
      inputTokenCount = tokenCount(registry, tags, "input");
      outputTokenCount = tokenCount(registry, tags, "output");
    }

    private static DistributionSummary tokens(MeterRegistry registry, Tags tags, String type) {
      return DistributionSummary.builder("gen_ai.client.token.usage")
          .description("tokens per LM call (GenAI client token usage)")
          .baseUnit("tokens")
          .tags(tags)
          .tag(Names.TOKEN_TYPE, type)
          .register(registry);
    }

    private static Counter tokenCount(MeterRegistry registry, Tags tags, String type) {
      return Counter.builder("jspy.lm.tokens")
          .description("tokens used by LM calls")
          .baseUnit("tokens")
          .tags(tags)
          .tag(Names.TOKEN_TYPE, type)
          .register(registry);
    }

    /** Records the tokens a server reported; none when it reported none. */
    void record(Usage usage) {
      if (usage == null || usage.promptTokens() + usage.completionTokens() == 0) {
        return;
      }
      inputTokens.record(usage.promptTokens());
      outputTokens.record(usage.completionTokens());
      inputTokenCount.increment(usage.promptTokens());
      outputTokenCount.increment(usage.completionTokens());
    }
  }
}
