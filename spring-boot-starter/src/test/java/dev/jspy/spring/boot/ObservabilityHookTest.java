package dev.jspy.spring.boot;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Callback;
import dev.jspy.Jspy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The hook that registers jspy-micrometer's and jspy-opentelemetry's callbacks, exercised with stand-in entry
 * classes of the same shape ({@code create(<beans>)} returning a callback or something with {@code callback()}).
 */
class ObservabilityHookTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JspyAutoConfiguration.class));

  /** A registry bean, as Micrometer's MeterRegistry or OpenTelemetry's OpenTelemetry would be. */
  static final class Registry {}

  /** A second bean some modules may also take, as Micrometer's ObservationRegistry. */
  static final class Observations {}

  /** Stands in for an entry class whose create(...) returns an object with callback(). */
  public static final class Metrics {
    final Registry registry;
    final Observations observations;
    final MetricsCallback callback = new MetricsCallback(this);

    private Metrics(Registry registry, Observations observations) {
      this.registry = registry;
      this.observations = observations;
    }

    public static Metrics create(Registry registry) {
      return new Metrics(registry, null);
    }

    public static Metrics create(Registry registry, Observations observations) {
      return new Metrics(registry, observations);
    }

    public Callback callback() {
      return callback;
    }
  }

  /** The callback of a {@link Metrics}, knowing which. */
  static final class MetricsCallback implements Callback {
    final Metrics metrics;

    MetricsCallback(Metrics metrics) {
      this.metrics = metrics;
    }
  }

  /** Stands in for an entry class whose create(...) returns the callback itself. */
  public static final class Tracing implements Callback {
    final Registry registry;

    private Tracing(Registry registry) {
      this.registry = registry;
    }

    public static Tracing create(Registry registry) {
      return new Tracing(registry);
    }
  }

  /** Stands in for a module whose create(...) fails. */
  public static final class Broken {
    public static Callback create(Registry registry) {
      throw new IllegalStateException("exporter misconfigured");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class RegistryBean {
    @Bean
    Registry registry() {
      return new Registry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ObservationsBean {
    @Bean
    Observations observations() {
      return new Observations();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Hooks {
    @Bean
    ObservabilityHook metricsHook(ListableBeanFactory beans, Environment environment) {
      return new ObservabilityHook(Metrics.class.getName(), "jspy.metrics.enabled", beans, environment);
    }

    @Bean
    ObservabilityHook tracingHook(ListableBeanFactory beans, Environment environment) {
      return new ObservabilityHook(Tracing.class.getName(), "jspy.tracing.enabled", beans, environment);
    }
  }

  @Test
  void registersTheCallbacksTheModulesCreateFromContextBeans() {
    runner.withUserConfiguration(RegistryBean.class, Hooks.class).run(context -> {
      Registry registry = context.getBean(Registry.class);
      assertThat(Jspy.current().callbacks()).hasSize(2);
      MetricsCallback metrics = null;
      Tracing tracing = null;
      for (Callback c : Jspy.current().callbacks()) {
        if (c instanceof MetricsCallback) {
          metrics = (MetricsCallback) c;
        } else if (c instanceof Tracing) {
          tracing = (Tracing) c;
        }
      }
      assertThat(metrics).isNotNull();
      assertThat(tracing).isNotNull();
      assertThat(metrics.metrics.registry).isSameInstanceAs(registry);
      assertThat(tracing.registry).isSameInstanceAs(registry);
    });
  }

  @Test
  void theFactoryTakingTheMostBeansIsUsed() {
    runner.withUserConfiguration(RegistryBean.class, ObservationsBean.class).run(context -> {
      Metrics m = metrics(new ObservabilityHook(Metrics.class.getName(), "jspy.metrics.enabled", context, context.getEnvironment()));
      assertThat(m.observations).isSameInstanceAs(context.getBean(Observations.class));
      assertThat(m.registry).isSameInstanceAs(context.getBean(Registry.class));
    });
    runner.withUserConfiguration(RegistryBean.class).run(context -> {
      Metrics m = metrics(new ObservabilityHook(Metrics.class.getName(), "jspy.metrics.enabled", context, context.getEnvironment()));
      assertThat(m.registry).isSameInstanceAs(context.getBean(Registry.class));
      assertThat(m.observations).isNull();
    });
  }

  private static Metrics metrics(ObservabilityHook hook) {
    return ((MetricsCallback) hook.callback().orElseThrow()).metrics;
  }

  @Test
  void aSwitchSetToFalseTurnsItsModuleOff() {
    runner.withUserConfiguration(RegistryBean.class, Hooks.class).withPropertyValues("jspy.tracing.enabled=false")
        .run(context -> {
          assertThat(Jspy.current().callbacks()).hasSize(1);
          assertThat(Jspy.current().callbacks().get(0)).isInstanceOf(MetricsCallback.class);
        });
  }

  @Test
  void aSwitchThatIsNoBooleanFailsTheContextNamingIt() {
    runner.withUserConfiguration(RegistryBean.class, Hooks.class).withPropertyValues("jspy.metrics.enabled=maybe")
        .run(context -> assertThat(JspyAutoConfigurationTest.messages(context.getStartupFailure()))
            .contains("jspy.metrics.enabled must be true or false, got 'maybe'"));
  }

  @Test
  void noCallbackWithoutTheBeansTheModuleNeeds() {
    runner.withUserConfiguration(Hooks.class).run(context -> {
      assertThat(context.getStartupFailure()).isNull();
      assertThat(Jspy.current().callbacks()).isEmpty();
    });
  }

  @Test
  void aModuleThatFailsLeavesTheApplicationRunningWithoutIt() {
    runner.withUserConfiguration(RegistryBean.class).run(context -> {
      assertThat(context.getStartupFailure()).isNull();
      assertThat(new ObservabilityHook(Broken.class.getName(), "jspy.metrics.enabled", context, context.getEnvironment()).callback()).isEmpty();
    });
  }

  @Test
  void theHooksAreConfiguredOnlyWhenTheirModulesAreOnTheClasspath() {
    // The real modules are not test dependencies of the starter: no hook beans.
    // Micrometer and OpenTelemetry's API are (as test dependencies), so the entry classes decide.
    runner.run(context -> {
      assertThat(context.getStartupFailure()).isNull();
      assertThat(context.getBeansOfType(ObservabilityHook.class)).isEmpty();
    });
  }
}
