package dev.jspy.examples.spring;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.testing.DummyLM;
import dev.jspy.testing.LoopbackLMServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example as run.sh starts it, its LM a loopback server instead of llama.cpp. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"jspy.lm.model=openai/dummy", "jspy.cache.enabled=false"})
@DirtiesContext
class ExampleApplicationTest {
  static LoopbackLMServer lm;

  @BeforeAll
  static void startLm() throws IOException {
    lm = LoopbackLMServer.serving(DummyLM.answers(List.of(Map.of("answer", "Paris."))));
  }

  @AfterAll
  static void stopLm() {
    lm.close();
  }

  @DynamicPropertySource
  static void lmAtLoopback(DynamicPropertyRegistry registry) {
    registry.add("jspy.lm.api-base", () -> lm.baseUrl());
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void answersOverHttp() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ask?question=Capital+of+France%3F"))
            .timeout(Duration.ofSeconds(60)) // a hang guard only
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"answer\":\"Paris.\"}");
    assertThat(lm.requests()).hasSize(1);
    assertThat(lm.requests().get(0).messages().toString()).contains("Capital of France?");
  }
}
