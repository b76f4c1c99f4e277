/**
 * Spring Boot auto-configuration for jspy ({@code jspy-spring-boot-starter}).
 *
 * <p>With the starter on the classpath and {@code jspy.lm.model} set, the context has an {@link dev.jspy.lm.LM}
 * bean built from {@code jspy.lm.*} (see {@link dev.jspy.spring.boot.JspyProperties}), closed when the context
 * closes; {@code Jspy.configure} is called with it, the adapter of {@code jspy.adapter} and every
 * {@link dev.jspy.Callback} bean once the context starts. An LM, {@code Adapter} or {@code LMCache} bean of the
 * application's own replaces the starter's.
 *
 * <p>Generated predictors and modules are plain, thread-safe objects that use the configured settings when
 * they are called, so a bean is one line and injects like any other:
 *
 * <pre>{@code
 * @Bean
 * QaPredict qa() {
 *   return new QaPredict();                 // or new QaPredict().lm(otherLm) for another LM bean
 * }
 *
 * @RestController
 * class QaController {
 *   private final QaPredict qa;
 *   QaController(QaPredict qa) { this.qa = qa; }
 *
 *   @GetMapping("/ask")
 *   QaOutput ask(@RequestParam String question) { return qa.forward(question); }
 * }
 * }</pre>
 *
 * <p>With Actuator, the health indicator {@code jspy} asks the LM's server for {@code GET {api-base}/models}.
 * With jspy-micrometer or jspy-opentelemetry on the classpath, their callbacks ({@code JspyMetrics},
 * {@code JspyObservations}, {@code JspyTracing}) are registered from the context's {@code MeterRegistry},
 * {@code ObservationRegistry} and {@code OpenTelemetry} beans.
 */
package dev.jspy.spring.boot;
