package dev.jspy.micrometer;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of batch observations: name {@value #NAME}, contextual name
 * {@code batch <module class simple name>}, low-cardinality key {@code module}, high-cardinality key
 * {@code jspy.batch.input.count}. Subclass and override to change them, and pass the subclass to
 * {@link JspyObservations.Builder#batchConvention}, or register a
 * {@code GlobalObservationConvention<BatchObservationContext>} with the registry.
 */
public class DefaultBatchObservationConvention implements ObservationConvention<BatchObservationContext> {
  /** The observation name (a {@code DefaultMeterObservationHandler} times it under this name). */
  public static final String NAME = "jspy.batch";

  /** Creates the default convention. */
  public DefaultBatchObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(BatchObservationContext context) {
    return "batch " + Names.module(context.getModule());
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(BatchObservationContext context) {
    return KeyValues.of(Names.MODULE, Names.module(context.getModule()));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(BatchObservationContext context) {
    return KeyValues.of("jspy.batch.input.count", Integer.toString(context.getInputs().size()));
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof BatchObservationContext;
  }
}
