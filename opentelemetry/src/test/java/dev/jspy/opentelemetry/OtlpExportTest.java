package dev.jspy.opentelemetry;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.jspy.Jspy;
import dev.jspy.lm.OpenAiLM;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spans through the real OTLP exporter (HTTP/protobuf, the JDK's HttpClient) to a receiver on loopback, and
 * calls that go on when the receiver is gone or never answers.
 */
@Timeout(120)
@SuppressWarnings("try")
class OtlpExportTest {
  /** Held so that java.util.logging keeps the level set on it. */
  private static final Logger EXPORTER_LOG = Logger.getLogger("io.opentelemetry");

  static OpenTelemetrySdk sdk(String endpoint) {
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setTimeout(Duration.ofSeconds(2)).build();
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofMillis(5)).build())
                .build())
        .build();
  }

  @Test
  void aReceiverOnLoopbackGetsTheSpansAsProtobuf() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-protobuf").build();
            }
          });
      receiver.start(0);
      OpenTelemetrySdk otel = sdk(receiver.url("/v1/traces").toString());
      try (LmServer server = LmServer.replying(JspyTracingTest::script);
          OpenAiLM lm = server.lm().build();
          var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
        assertThat(new JspyTracingTest.Pipeline().call(JspyTracingTest.QUESTION)).isEqualTo("Frank Herbert");
      }
      assertThat(otel.getSdkTracerProvider().forceFlush().join(30, SECONDS).isSuccess()).isTrue();

      // The batch processor may have sent the spans in more than one export: read them all.
      StringBuilder bodies = new StringBuilder();
      int exports = receiver.getRequestCount();
      assertThat(exports).isAtLeast(1);
      for (int i = 0; i < exports; i++) {
        RecordedRequest request = receiver.takeRequest(30, SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/traces");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/x-protobuf");
        // Protobuf writes strings as UTF-8 bytes, so the span names and attribute keys are there to read.
        bodies.append(new String(request.getBody().toByteArray(), StandardCharsets.UTF_8));
      }
      String body = bodies.toString();
      assertThat(body).contains("chat test-model");
      assertThat(body).contains("QaChainOfThought");
      assertThat(body).contains("Pipeline");
      assertThat(body).contains("gen_ai.operation.name");
      assertThat(body).contains("gen_ai.request.model");
      assertThat(body).contains("gen_ai.usage.input_tokens");
      assertThat(body).contains(JspyTracing.INSTRUMENTATION_NAME);
      otel.close();
    }
  }

  @Test
  void aReceiverThatIsDownOrNeverAnswersNeverFailsOrHoldsACall() throws Exception {
    // The exporter's failures are expected here; keep their stack traces out of the build log.
    Level level = EXPORTER_LOG.getLevel();
    EXPORTER_LOG.setLevel(Level.OFF);
    try {
      downOrSilent();
    } finally {
      EXPORTER_LOG.setLevel(level);
    }
  }

  private void downOrSilent() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    // Accepts connections and never answers.
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(blackHole.accept());
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      for (String endpoint :
          List.of(
              "http://127.0.0.1:" + closedPort + "/v1/traces",
              "http://127.0.0.1:" + blackHole.getLocalPort() + "/v1/traces")) {
        OpenTelemetrySdk otel = sdk(endpoint);
        try (LmServer server = LmServer.replying(JspyTracingTest::script);
            OpenAiLM lm = server.lm().build();
            var scope = Jspy.context(s -> s.lm(lm).callbacks(List.of(JspyTracing.create(otel))))) {
          // Enough calls that the batch processor exports (and fails or waits) while they run; the class
          // timeout is the hang guard.
          for (int i = 0; i < 30; i++) {
            assertThat(new JspyTracingTest.Pipeline().call(JspyTracingTest.QUESTION)).isEqualTo("Frank Herbert");
          }
          assertThat(server.requestCount()).isEqualTo(30);
        }
        // The calls are done; only now may the test wait for the exporter to give up (its timeout is 2 s).
        otel.getSdkTracerProvider().shutdown().join(30, SECONDS);
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
