package dev.jspy.spring.boot;

import static com.google.common.truth.Truth.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class JspyHealthIndicatorTest {
  private static final String KEY = "sk-health-secret-42";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String base() {
    return server.url("/v1").toString();
  }

  private static JspyHealthIndicator indicator(String base) {
    return new JspyHealthIndicator("openai/llama", base, KEY, Duration.ofSeconds(30)); // 30 s: a hang guard only
  }

  @Test
  void upWhenTheServerListsItsModelsAndTheKeyIsSentButNotShown() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"object\":\"list\",\"data\":[]}").build());
    Health health = indicator(base()).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("model", "openai/llama");
    assertThat(health.getDetails()).containsEntry("status", 200);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/models");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(health.toString()).doesNotContain(KEY);
  }

  @Test
  void downOnAServerError() {
    server.enqueue(new MockResponse.Builder().code(503).body("loading model").build());
    Health health = indicator(base()).health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("status", 503);
    assertThat(health.toString()).doesNotContain(KEY);
  }

  @Test
  void downWhenTheKeyIsRefused() {
    server.enqueue(new MockResponse.Builder().code(401).body("{\"error\":{\"message\":\"bad key " + KEY + "\"}}").build());
    Health health = indicator(base()).health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(String.valueOf(health.getDetails().get("error"))).contains("refused the API key");
    assertThat(health.toString()).doesNotContain(KEY);
  }

  @Test
  void downWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Health health = indicator("http://127.0.0.1:" + port + "/v1").health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(String.valueOf(health.getDetails().get("error"))).contains("cannot connect");
  }

  @Test
  void theEndpointIsShownWithoutCredentials() {
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    String base = "http://user:" + KEY + "@" + server.getHostName() + ":" + server.getPort() + "/v1";
    Health health = indicator(base).health();
    assertThat(health.toString()).doesNotContain(KEY);
    assertThat(String.valueOf(health.getDetails().get("endpoint"))).contains("***@");
  }

  @Test
  void configuredWithTheLmAndOffOnRequest() {
    ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
        AutoConfigurations.of(JspyAutoConfiguration.class, JspyHealthAutoConfiguration.class));
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    runner.withPropertyValues("jspy.lm.model=openai/llama", "jspy.lm.api-base=" + base(), "jspy.lm.api-key=" + KEY)
        .run(context -> {
          HealthIndicator indicator = context.getBean("jspyHealthIndicator", HealthIndicator.class);
          assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        });
    runner.run(context -> assertThat(context.containsBean("jspyHealthIndicator")).isFalse());
    runner.withPropertyValues("jspy.lm.model=openai/llama", "jspy.lm.api-base=" + base(),
            "management.health.jspy.enabled=false")
        .run(context -> assertThat(context.containsBean("jspyHealthIndicator")).isFalse());
  }
}
