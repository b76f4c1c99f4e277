package dev.jspy.micrometer;

import dev.jspy.lm.LMResponse;
import dev.jspy.lm.OpenAiLM;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Names and key values of LM-call observations, after the OpenTelemetry GenAI conventions (as Spring AI
 * names its model calls): name {@value #NAME}, contextual name {@code chat <model>}.
 *
 * <p>Low-cardinality keys (tags of the timer a {@code DefaultMeterObservationHandler} makes, and span
 * attributes): {@code gen_ai.operation.name} ({@code chat}), {@code gen_ai.provider.name} (the model's
 * provider prefix) and {@code gen_ai.request.model} (the model without it). High-cardinality keys (span
 * attributes only): {@code server.address} and {@code server.port} (the host and port of an
 * {@link OpenAiLM}'s base URL, never its user info), {@code gen_ai.request.temperature},
 * {@code gen_ai.request.max_tokens} when set, and once the LM answered {@code gen_ai.response.id} (when the
 * server sent one), {@code gen_ai.response.model}, {@code gen_ai.response.finish_reasons},
 * {@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens}, {@code jspy.cache.hit} (with
 * {@code jspy.cache.tier} on a hit) and {@code jspy.lm.retries}. Messages
 * and completions are content and are not recorded.
 *
 * <p>Subclass and override to change them, and pass the subclass to
 * {@link JspyObservations.Builder#lmConvention}, or register a
 * {@code GlobalObservationConvention<LmObservationContext>} with the registry.
 */
public class DefaultLmObservationConvention implements ObservationConvention<LmObservationContext> {
  /** The observation name (a {@code DefaultMeterObservationHandler} times it under this name). */
  public static final String NAME = "gen_ai.client.operation";

  /** Creates the default convention. */
  public DefaultLmObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(LmObservationContext context) {
    return Names.CHAT + " " + Names.model(context.getLm().model());
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(LmObservationContext context) {
    String model = context.getLm().model();
    return KeyValues.of(
        Names.OPERATION, Names.CHAT,
        Names.PROVIDER, Names.provider(model),
        Names.REQUEST_MODEL, Names.model(model));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(LmObservationContext context) {
    List<KeyValue> values = new ArrayList<>(12);
    if (context.getLm() instanceof OpenAiLM lm && lm.serverAddress() != null) {
      values.add(KeyValue.of("server.address", lm.serverAddress()));
      values.add(KeyValue.of("server.port", Integer.toString(lm.serverPort())));
    }
    param(context, "temperature", "gen_ai.request.temperature", values);
    param(context, "max_tokens", "gen_ai.request.max_tokens", values);
    LMResponse response = context.getResponse();
    if (response != null) {
      if (response.id() != null) {
        values.add(KeyValue.of("gen_ai.response.id", response.id()));
      }
      if (response.model() != null) {
        values.add(KeyValue.of("gen_ai.response.model", response.model()));
      }
      StringJoiner reasons = new StringJoiner(",");
      for (LMResponse.Choice choice : response.choices()) {
        if (choice.finishReason() != null) {
          reasons.add(choice.finishReason());
        }
      }
      if (reasons.length() > 0) {
        values.add(KeyValue.of("gen_ai.response.finish_reasons", reasons.toString()));
      }
      if (response.usage() != null) {
        values.add(KeyValue.of("gen_ai.usage.input_tokens", Long.toString(response.usage().promptTokens())));
        values.add(KeyValue.of("gen_ai.usage.output_tokens", Long.toString(response.usage().completionTokens())));
      }
      values.add(KeyValue.of("jspy.cache.hit", Boolean.toString(response.cacheHit())));
      if (response.cacheHit()) {
        values.add(KeyValue.of("jspy.cache.tier", response.cacheTier().name().toLowerCase(Locale.ROOT)));
      }
      values.add(KeyValue.of("jspy.lm.retries", Integer.toString(response.retries())));
    }
    return KeyValues.of(values);
  }

  private static void param(LmObservationContext context, String param, String key, List<KeyValue> values) {
    Object value = context.getRequest().params().get(param);
    if (value == null) {
      value = context.getLm().defaults().get(param);
    }
    if (value != null) {
      values.add(KeyValue.of(key, String.valueOf(value)));
    }
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof LmObservationContext;
  }
}
