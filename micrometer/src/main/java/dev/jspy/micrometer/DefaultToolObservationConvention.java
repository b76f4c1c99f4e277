package dev.jspy.micrometer;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of tool-call observations, after the OpenTelemetry GenAI conventions: name
 * {@value #NAME}, contextual name {@code execute_tool <tool name>}, low-cardinality keys
 * {@code gen_ai.operation.name} ({@code execute_tool}) and {@code gen_ai.tool.name}. The arguments and
 * result are content and are not recorded. Subclass and override to change them, and pass the subclass to
 * {@link JspyObservations.Builder#toolConvention}, or register a
 * {@code GlobalObservationConvention<ToolObservationContext>} with the registry.
 */
public class DefaultToolObservationConvention implements ObservationConvention<ToolObservationContext> {
  /** The observation name (a {@code DefaultMeterObservationHandler} times it under this name). */
  public static final String NAME = "jspy.tool.call";

  /** Creates the default convention. */
  public DefaultToolObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(ToolObservationContext context) {
    return "execute_tool " + context.getTool().name();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(ToolObservationContext context) {
    return KeyValues.of(Names.OPERATION, "execute_tool", Names.TOOL, context.getTool().name());
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof ToolObservationContext;
  }
}
