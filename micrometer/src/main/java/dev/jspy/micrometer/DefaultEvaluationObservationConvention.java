package dev.jspy.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of evaluation observations: name {@value #NAME}, contextual name
 * {@code evaluate <program class simple name>}, low-cardinality key {@code module} (the program's class
 * simple name), high-cardinality keys {@code jspy.evaluate.example.count} and, once scored,
 * {@code jspy.evaluate.score} (the percentage). Subclass and override to change them, and pass the subclass
 * to {@link JspyObservations.Builder#evaluationConvention}, or register a
 * {@code GlobalObservationConvention<EvaluationObservationContext>} with the registry.
 */
public class DefaultEvaluationObservationConvention implements ObservationConvention<EvaluationObservationContext> {
  /** The observation name (a {@code DefaultMeterObservationHandler} times it under this name). */
  public static final String NAME = "jspy.evaluate";

  /** Creates the default convention. */
  public DefaultEvaluationObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(EvaluationObservationContext context) {
    return "evaluate " + Names.module(context.getProgram());
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(EvaluationObservationContext context) {
    return KeyValues.of(Names.MODULE, Names.module(context.getProgram()));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(EvaluationObservationContext context) {
    KeyValues values =
        KeyValues.of(KeyValue.of("jspy.evaluate.example.count", Integer.toString(context.getDevset().size())));
    if (context.getResult() != null) {
      values = values.and("jspy.evaluate.score", Double.toString(context.getResult().score()));
    }
    return values;
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof EvaluationObservationContext;
  }
}
