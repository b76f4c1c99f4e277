package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.core.ConfigurationException;
import dev.jspy.testing.OpenAiServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * Where an LM sends its calls and how messages show that place: a missing key for the hosted API, the URL
 * in HTTP errors, credentials in URLs, redirects.
 */
class EndpointTest {
  private static final List<Message> HELLO = List.of(Message.user("hi"));

  /** A builder that sees only {@code env}, whatever the machine running the test has set. */
  private static OpenAiLM.Builder builder(Map<String, String> env) {
    return OpenAiLM.builder("openai/gpt-4o-mini", env::get).cache(false);
  }

  @Test
  void noKeyAndNoBaseUrlFailsAtBuildSayingWhatToSet() {
    for (Map<String, String> env :
        List.of(Map.<String, String>of(), Map.of("OPENAI_API_KEY", " ", "OPENAI_BASE_URL", ""))) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> builder(env).build());
      assertThat(e).hasMessageThat().contains("OPENAI_API_KEY");
      assertThat(e).hasMessageThat().contains("OPENAI_BASE_URL");
      assertThat(e).hasMessageThat().contains("apiBase(");
      assertThat(e).hasMessageThat().contains("openai/gpt-4o-mini");
    }
    // An explicit null key to the hosted API is the same mistake.
    assertThrows(ConfigurationException.class, () -> builder(Map.of("OPENAI_API_KEY", "sk-x")).apiKey(null).build());
  }

  @Test
  void aKeyAloneOrABaseUrlAloneIsEnough() throws Exception {
    try (OpenAiLM hosted = builder(Map.of("OPENAI_API_KEY", "sk-abc")).build()) {
      assertThat(hosted.toString()).contains("https://api.openai.com/v1/chat/completions");
    }
    try (OpenAiServer server = OpenAiServer.replying(b -> "local");
        OpenAiLM fromEnv = builder(Map.of("OPENAI_BASE_URL", server.baseUrl())).build();
        OpenAiLM explicit = builder(Map.of()).apiBase(server.baseUrl()).build()) {
      assertThat(fromEnv.call(LMRequest.of(HELLO)).text()).isEqualTo("local");
      assertThat(explicit.call(LMRequest.of(HELLO)).text()).isEqualTo("local");
      for (int i = 0; i < 2; i++) {
        assertThat(server.raw().takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isNull();
      }
    }
  }

  @Test
  void httpErrorsNameTheUrlWithoutItsCredentials() throws Exception {
    List<MockResponse> replies =
        List.of(
            new MockResponse.Builder().code(404).body("File Not Found").build(),
            new MockResponse.Builder().code(401).body("{\"error\":\"who are you\"}").build(),
            new MockResponse.Builder().code(429).body("{\"error\":\"slow down\"}").build());
    java.util.concurrent.atomic.AtomicInteger i = new java.util.concurrent.atomic.AtomicInteger();
    try (OpenAiServer server = OpenAiServer.answering(b -> replies.get(i.getAndIncrement()));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).numRetries(0).build()) {
      String url = server.baseUrl() + "/chat/completions";
      LMHttpException notFound = assertThrows(LMHttpException.class, () -> lm.call(LMRequest.of(HELLO)));
      assertThat(notFound).hasMessageThat().contains("HTTP 404 from " + url + ": File Not Found");
      assertThat(notFound.url()).hasValue(url);
      AuthenticationException auth = assertThrows(AuthenticationException.class, () -> lm.call(LMRequest.of(HELLO)));
      assertThat(auth).hasMessageThat().contains("HTTP 401 from " + url);
      RateLimitException rate = assertThrows(RateLimitException.class, () -> lm.call(LMRequest.of(HELLO)));
      assertThat(rate).hasMessageThat().contains("HTTP 429 from " + url);
    }
    try (OpenAiServer server =
            OpenAiServer.answering(b -> new MockResponse.Builder().code(404).body("File Not Found").build());
        OpenAiLM lm =
            LM.builder("openai/m").cache(false).numRetries(0)
                .apiBase(server.baseUrl().replace("http://", "http://user:hunter2@") + "?api-key=hunter3&v=2")
                .build()) {
      LMHttpException e = assertThrows(LMHttpException.class, () -> lm.call(LMRequest.of(HELLO)));
      assertThat(e).hasMessageThat().doesNotContain("hunter");
      assertThat(e).hasMessageThat().contains("/v1/chat/completions?api-key=***&v=***");
      assertThat(e.url().get()).doesNotContain("hunter");
    }
  }

  @Test
  void anInvalidBaseUrlIsQuotedWithoutItsCredentials() {
    for (String bad :
        List.of(
            "127.0.0.1:9/v1?api-key=sk-hunter2",
            "htp://user:hunter2@127.0.0.1:9/v1",
            "user:hunter2@127.0.0.1/v1",
            "ftp://127.0.0.1/v1#hunter2")) {
      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> LM.builder("openai/m").cache(false).apiBase(bad).build());
      assertThat(e).hasMessageThat().doesNotContain("hunter2");
      assertThat(e).hasMessageThat().contains("127.0.0.1");
      assertThat(e).hasMessageThat().contains("expected something like http://127.0.0.1:8080/v1");
    }
  }

  @Test
  void redirectsAreNotFollowedAndSaySoWithTheTarget() throws Exception {
    try (OpenAiServer elsewhere = OpenAiServer.replying(b -> "an answer from another host")) {
      String target = elsewhere.baseUrl() + "/chat/completions";
      String targetWithSecrets = target.replace("http://", "http://user:hunter2@") + "?key=hunter3";
      for (int code : new int[] {301, 302, 303, 307, 308}) {
        try (OpenAiServer redirecting =
                OpenAiServer.answering(
                    b -> new MockResponse.Builder().code(code).addHeader("Location", targetWithSecrets).build());
            OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(redirecting.baseUrl()).build()) {
          CompletableFuture<LMResponse> f = lm.acall(LMRequest.of(HELLO));
          ExecutionException failed = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
          assertThat(failed).hasCauseThat().isInstanceOf(LMHttpException.class);
          LMHttpException e = (LMHttpException) failed.getCause();
          assertThat(e.status()).isEqualTo(code);
          assertThat(e).hasMessageThat().contains("redirected to " + target.replace("http://", "http://***@"));
          assertThat(e).hasMessageThat().contains("base URL");
          assertThat(e).hasMessageThat().doesNotContain("hunter");
          assertThat(redirecting.requests()).hasSize(1); // not retried either
        }
      }
      assertThat(elsewhere.requests()).isEmpty();
    }
  }
}
