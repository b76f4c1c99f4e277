/**
 * Micrometer for jspy: {@link dev.jspy.micrometer.JspyMetrics} records meters (latency, tokens, errors by
 * type, cache hits, calls in flight) for every LM, module and tool call, and
 * {@link dev.jspy.micrometer.JspyObservations} makes a Micrometer {@code Observation} of each call (and of
 * each evaluation and batch), nested as the program runs, for Spring Boot's tracing bridge and observation handlers. Both are jspy
 * {@link dev.jspy.Callback}s:
 *
 * <pre>{@code
 * Jspy.configure(s -> s.callbacks(List.of(
 *     JspyMetrics.create(meterRegistry),
 *     JspyObservations.create(observationRegistry))));
 * }</pre>
 *
 * <p>Names follow Micrometer's conventions (dot-separated, lowercase, base units) and the OpenTelemetry
 * GenAI names where those exist ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage},
 * {@code gen_ai.request.model}, …). Tags are low-cardinality: the model, the module class, the tool name,
 * the exception type; never prompts, answers or arguments. Neither ever fails a call: a failure inside them
 * is logged once.
 */
package dev.jspy.micrometer;
