/**
 * OpenTelemetry tracing for jspy: {@link dev.jspy.opentelemetry.JspyTracing} is a {@link dev.jspy.Callback}
 * that makes a span of every module, predictor, LM and tool call, and of every evaluation and batch, nested
 * as the program runs (an evaluation is one trace), with the OpenTelemetry GenAI semantic conventions on LM
 * and tool spans.
 *
 * <pre>{@code
 * Jspy.configure(s -> s.callbacks(List.of(JspyTracing.create(openTelemetry))));
 * }</pre>
 *
 * <p>This module depends on the OpenTelemetry API only; the application brings the SDK (or the Java agent)
 * and its exporters.
 */
package dev.jspy.opentelemetry;
