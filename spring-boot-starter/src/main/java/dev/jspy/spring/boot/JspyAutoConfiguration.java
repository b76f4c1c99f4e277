package dev.jspy.spring.boot;

import dev.jspy.Callback;
import dev.jspy.adapters.Adapter;
import dev.jspy.adapters.ChatAdapter;
import dev.jspy.adapters.JSONAdapter;
import dev.jspy.adapters.XMLAdapter;
import dev.jspy.cache.LMCache;
import dev.jspy.lm.LM;
import dev.jspy.lm.OpenAiLM;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Configures jspy from {@link JspyProperties}: an {@link LM} bean (closed when the context closes), an
 * {@link Adapter} bean, and {@code Jspy.configure} with them and every {@link Callback} bean once the context
 * has started, so generated predictors and modules created with {@code new} use them.
 *
 * <p>Each bean backs off when the application defines its own: an {@code LM} bean of the application's
 * replaces the one from {@code jspy.lm.*} (and is what {@code Jspy.configure} gets), an {@code Adapter} bean
 * replaces {@code jspy.adapter}, an {@link LMCache} bean replaces {@code jspy.cache.dir}.
 */
@AutoConfiguration
@EnableConfigurationProperties(JspyProperties.class)
public class JspyAutoConfiguration {
  /** Used by Spring. */
  public JspyAutoConfiguration() {}

  /**
   * The disk cache in {@code jspy.cache.dir}, when that is set and the cache is on.
   *
   * @param properties jspy's properties
   * @return the cache, closed with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(LMCache.class)
  @Conditional(OnCacheDirectory.class)
  public LMCache jspyLmCache(JspyProperties properties) {
    return LMCache.builder().directory(properties.getCache().getDir()).build();
  }

  /**
   * The LM from {@code jspy.lm.*}, when {@code jspy.lm.model} is set and the application has no LM bean.
   *
   * @param properties jspy's properties
   * @param cache the cache from {@code jspy.cache.dir} or the application's, if any
   * @return the LM, closed with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(LM.class)
  @ConditionalOnProperty(prefix = "jspy.lm", name = "model")
  public OpenAiLM jspyLm(JspyProperties properties, ObjectProvider<LMCache> cache) {
    return LmFactory.create(properties, cache.getIfUnique());
  }

  /**
   * The prompt format named by {@code jspy.adapter}.
   *
   * @param properties jspy's properties
   * @return the adapter
   */
  @Bean
  @ConditionalOnMissingBean(Adapter.class)
  public Adapter jspyAdapter(JspyProperties properties) {
    switch (properties.getAdapter()) {
      case JSON:
        return JSONAdapter.INSTANCE;
      case XML:
        return XMLAdapter.INSTANCE;
      case CHAT:
      default:
        return ChatAdapter.INSTANCE;
    }
  }

  /**
   * Calls {@code Jspy.configure} once every singleton exists, and restores the settings it replaced when the
   * context closes.
   *
   * @param lm the LM bean, if there is exactly one
   * @param adapter the adapter bean
   * @param callbacks every callback bean, in {@code @Order}
   * @param hooks the metrics and tracing integrations found on the classpath
   * @return the bean that configures jspy
   */
  @Bean
  JspySettingsLifecycle jspySettingsLifecycle(ObjectProvider<LM> lm, ObjectProvider<Adapter> adapter,
      ObjectProvider<Callback> callbacks, ObjectProvider<ObservabilityHook> hooks) {
    return new JspySettingsLifecycle(lm, adapter, callbacks, hooks);
  }

  /** jspy-micrometer's meters, when the module and a {@code MeterRegistry} are present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {MicrometerHookConfiguration.ENTRY, "io.micrometer.core.instrument.MeterRegistry"})
  static class MicrometerHookConfiguration {
    static final String ENTRY = "dev.jspy.micrometer.JspyMetrics";

    @Bean
    ObservabilityHook jspyMicrometerHook(ListableBeanFactory beans, Environment environment) {
      return new ObservabilityHook(ENTRY, "jspy.metrics.enabled", beans, environment);
    }
  }

  /**
   * jspy-micrometer's {@code Observation} per call, when the module and an {@code ObservationRegistry} are
   * present: what Boot's tracing bridge (Micrometer Tracing) turns into spans.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {ObservationHookConfiguration.ENTRY, "io.micrometer.observation.ObservationRegistry"})
  static class ObservationHookConfiguration {
    static final String ENTRY = "dev.jspy.micrometer.JspyObservations";

    @Bean
    ObservabilityHook jspyObservationHook(ListableBeanFactory beans, Environment environment) {
      return new ObservabilityHook(ENTRY, "jspy.observations.enabled", beans, environment);
    }
  }

  /** jspy-opentelemetry's spans, when the module and an {@code OpenTelemetry} bean are present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {OpenTelemetryHookConfiguration.ENTRY, "io.opentelemetry.api.OpenTelemetry"})
  static class OpenTelemetryHookConfiguration {
    static final String ENTRY = "dev.jspy.opentelemetry.JspyTracing";

    @Bean
    ObservabilityHook jspyOpenTelemetryHook(ListableBeanFactory beans, Environment environment) {
      return new ObservabilityHook(ENTRY, "jspy.tracing.enabled", beans, environment);
    }
  }
}
