package dev.jspy.opentelemetry;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.jspy.Jspy;
import dev.jspy.lm.OpenAiLM;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tracing that fails never fails the program, and says so once. */
@Timeout(60)
@SuppressWarnings("try")
class TracingFailureTest {
  /** An OpenTelemetry whose tracer throws on every span, as a broken SDK or bridge might. */
  static final class Broken implements OpenTelemetry {
    @Override
    public TracerProvider getTracerProvider() {
      Tracer tracer =
          name -> {
            throw new IllegalStateException("the tracer is broken");
          };
      return new TracerProvider() {
        @Override
        public Tracer get(String name) {
          return tracer;
        }

        @Override
        public Tracer get(String name, String version) {
          return tracer;
        }
      };
    }

    @Override
    public ContextPropagators getPropagators() {
      return ContextPropagators.noop();
    }
  }

  @Test
  void aTracerThatThrowsLeavesTheCallsAloneAndIsLoggedOnce() throws Exception {
    List<String> logged = new CopyOnWriteArrayList<>();
    JspyTracing tracing =
        JspyTracing.builder(new Broken()).failureLog(new FailureLog(() -> 0L, (m, e) -> logged.add(m))).build();
    try (LmServer server = LmServer.replying(JspyTracingTest::script);
        OpenAiLM lm = server.lm().build();
        var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(tracing)))) {
      assertThat(new JspyTracingTest.Pipeline().call(JspyTracingTest.QUESTION)).isEqualTo("Frank Herbert");
      assertThat(new JspyTracingTest.TwoStep().acall(JspyTracingTest.QUESTION).get(30, SECONDS)).isEqualTo("Herbert");
      assertThat(new QaReAct(List.of(JspyTracingTest.lookupAuthor())).forward(JspyTracingTest.QUESTION).answer())
          .isEqualTo("Frank Herbert");
    }
    assertThat(logged).hasSize(1);
    assertThat(logged.get(0)).contains("the tracer is broken");
  }

  @Test
  void theCallbackItselfNeverThrows() {
    List<String> logged = new CopyOnWriteArrayList<>();
    JspyTracing tracing =
        JspyTracing.builder(new Broken()).failureLog(new FailureLog(() -> 0L, (m, e) -> logged.add(m))).build();
    // Every event, including ends whose start never made a span and arguments a caller got wrong.
    tracing.onModuleStart(1, 0, new JspyTracingTest.Pipeline(), "q");
    tracing.onLmStart(2, 1, null, null);
    tracing.onToolStart(3, 1, JspyTracingTest.lookupAuthor(), null);
    tracing.onToolEnd(3, null, new IllegalStateException("tool failed"));
    tracing.onLmEnd(2, null, null);
    tracing.onModuleEnd(1, "a", null);
    tracing.onModuleEnd(99, null, null);

    assertThat(logged).hasSize(1);
  }
}
