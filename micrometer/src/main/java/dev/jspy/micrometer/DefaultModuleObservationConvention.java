package dev.jspy.micrometer;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of module-call observations: name {@value #NAME}, contextual name the module's class
 * simple name, low-cardinality key {@code module} (that name). Subclass and override to change them, and
 * pass the subclass to {@link JspyObservations.Builder#moduleConvention}, or register a
 * {@code GlobalObservationConvention<ModuleObservationContext>} with the registry.
 */
public class DefaultModuleObservationConvention implements ObservationConvention<ModuleObservationContext> {
  /** The observation name (a {@code DefaultMeterObservationHandler} times it under this name). */
  public static final String NAME = "jspy.module.call";

  /** Creates the default convention. */
  public DefaultModuleObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(ModuleObservationContext context) {
    return Names.module(context.getModule());
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(ModuleObservationContext context) {
    return KeyValues.of(Names.MODULE, Names.module(context.getModule()));
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof ModuleObservationContext;
  }
}
