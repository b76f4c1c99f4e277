package dev.jspy.spring.boot;

import dev.jspy.Callback;
import dev.jspy.core.ConfigurationException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Turns an observability module of jspy (jspy-micrometer, jspy-opentelemetry) into the {@link Callback} it
 * exposes, from beans of the context, without a compile-time dependency on the module.
 *
 * <p>The module's entry class (say {@code dev.jspy.micrometer.JspyMetrics}) has a public static
 * {@code create(...)} whose parameters are beans ({@code MeterRegistry}, {@code ObservationRegistry},
 * {@code OpenTelemetry}, ...). The factory with the most parameters that the context can all supply is
 * called; what it returns is the callback, or has a no-argument {@code callback()} method that gives it. If no
 * factory fits (the registry bean is missing), there is no callback; if one fits but fails, that is logged
 * and the application starts without it: observation must never stop the service. A switch property
 * ({@code jspy.metrics.enabled}, {@code jspy.observations.enabled}, {@code jspy.tracing.enabled}) set to
 * {@code false} turns a module off, e.g. jspy's own spans when Boot's tracing bridge already turns jspy's
 * observations into spans.
 *
 * <p>This is the one place that knows the modules' API; when their entry points are settled it can call them
 * directly.
 */
final class ObservabilityHook {
  private static final Logger log = LoggerFactory.getLogger(ObservabilityHook.class);

  private final String entryClass;
  private final String switchProperty;
  private final ListableBeanFactory beans;
  private final Environment environment;

  /**
   * @param entryClass the module's entry class
   * @param switchProperty the property that turns it off when {@code false}, e.g. {@code jspy.tracing.enabled}
   * @param beans where the factory's arguments come from
   * @param environment where the switch is read
   */
  ObservabilityHook(String entryClass, String switchProperty, ListableBeanFactory beans, Environment environment) {
    this.entryClass = entryClass;
    this.switchProperty = switchProperty;
    this.beans = beans;
    this.environment = environment;
  }

  String entryClass() {
    return entryClass;
  }

  /** @return the module's callback for this context's beans, or empty if the context lacks what it needs */
  Optional<Callback> callback() {
    String on = environment.getProperty(switchProperty, "true").trim();
    if (!on.equalsIgnoreCase("true") && !on.equalsIgnoreCase("false")) {
      throw new ConfigurationException(switchProperty + " must be true or false, got '" + on + "'");
    }
    if (on.equalsIgnoreCase("false")) {
      log.info("jspy: {} is off ({}=false)", entryClass, switchProperty);
      return Optional.empty();
    }
    Class<?> type;
    try {
      type = Class.forName(entryClass, true, getClass().getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
    Method[] methods = type.getMethods();
    java.util.Arrays.sort(methods, Comparator.comparingInt(Method::getParameterCount).reversed());
    for (Method m : methods) {
      if (!m.getName().equals("create") || !Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Object[] args = new Object[m.getParameterCount()];
      boolean all = true;
      for (int i = 0; i < args.length && all; i++) {
        args[i] = beans.getBeanProvider(m.getParameterTypes()[i]).getIfUnique();
        all = args[i] != null;
      }
      if (!all) {
        continue;
      }
      try {
        Callback callback = asCallback(m.invoke(null, args));
        log.info("jspy: {} registered as a callback ({})", entryClass, callback.getClass().getName());
        return Optional.of(callback);
      } catch (InvocationTargetException e) {
        fail(m, e.getCause());
        return Optional.empty();
      } catch (ReflectiveOperationException | RuntimeException e) {
        fail(m, e);
        return Optional.empty();
      }
    }
    log.info("jspy: {} is on the classpath, but the context has none of the beans its create(...) needs; "
        + "it is not registered", entryClass);
    return Optional.empty();
  }

  private static Callback asCallback(Object made) throws ReflectiveOperationException {
    if (made instanceof Callback) {
      return (Callback) made;
    }
    Object callback = made.getClass().getMethod("callback").invoke(made);
    if (callback instanceof Callback) {
      return (Callback) callback;
    }
    throw new IllegalStateException(
        "callback() returned " + (callback == null ? "null" : callback.getClass().getName()) + ", not a dev.jspy.Callback");
  }

  private void fail(Method m, Throwable e) {
    log.warn("jspy: could not register {} through {}; the application runs without it: {}", entryClass, m, e.toString(), e);
  }

  @Override
  public String toString() {
    return "ObservabilityHook{" + entryClass + "}";
  }
}
