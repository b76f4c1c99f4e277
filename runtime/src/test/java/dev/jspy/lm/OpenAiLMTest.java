package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.core.ConfigurationException;
import dev.jspy.testing.OpenAiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiLMTest {
  private static final String KEY = "sk-test-secret-key-1234";

  private static LMRequest hello() {
    return LMRequest.of(List.of(Message.system("be brief"), Message.user("hi")));
  }

  @Test
  void sendsModelWithoutProviderPrefixMessagesAndParameters() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> "hello back");
        OpenAiLM lm =
            LM.builder("openai/gpt-4o-mini").cache(false)
                .apiBase(server.baseUrl())
                .apiKey(KEY)
                .temperature(0.5)
                .maxTokens(300)
                .build()) {
      LMResponse response = lm.call(hello().withParam("n", 1).withParam("temperature", 0.0));

      assertThat(response.text()).isEqualTo("hello back");
      assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
      assertThat(response.usage()).isEqualTo(new Usage(11, 7, 18));
      JsonNode body = server.lastRequest();
      assertThat(body.path("model").stringValue()).isEqualTo("gpt-4o-mini");
      assertThat(body.path("messages").toString())
          .isEqualTo(
              "[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"}]");
      assertThat(body.path("temperature").doubleValue()).isEqualTo(0.0); // the call overrides the LM
      assertThat(body.path("max_tokens").intValue()).isEqualTo(300);
      assertThat(body.path("n").intValue()).isEqualTo(1);
      var recorded = server.raw().takeRequest(1, TimeUnit.SECONDS);
      assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
      assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }
  }

  @Test
  void sendsNoAuthorizationHeaderWithoutKey() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> "ok");
        OpenAiLM lm = LM.builder("openai/local").cache(false).apiBase(server.baseUrl()).apiKey(null).build()) {
      lm.call(hello());
      assertThat(server.raw().takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization")).isNull();
    }
  }

  @Test
  void rejectsUnsupportedProviderWithAdvice() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> LM.builder("anthropic/claude-3"));
    assertThat(e).hasMessageThat().contains("'openai/<model>'");
  }

  @Test
  void unauthorizedBecomesAuthenticationExceptionWithoutTheKey() throws Exception {
    String errorBody =
        "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"type\":\"invalid_request_error\"}}";
    try (OpenAiServer server =
            OpenAiServer.answering(b -> new MockResponse.Builder().code(401).body(errorBody).build());
        OpenAiLM lm = LM.builder("openai/gpt-4o-mini").cache(false).apiBase(server.baseUrl()).apiKey(KEY).build()) {
      AuthenticationException e = assertThrows(AuthenticationException.class, () -> lm.call(hello()));
      assertThat(e.status()).isEqualTo(401);
      assertThat(e).hasMessageThat().contains("Incorrect API key provided");
      assertThat(e).hasMessageThat().contains("[openai/gpt-4o-mini]");
      assertThat(e.getMessage()).doesNotContain(KEY);
      assertThat(lm.toString()).doesNotContain(KEY);
    }
  }

  @Test
  void statusCodesMapToTypedExceptions() throws Exception {
    List<MockResponse> replies = new ArrayList<>();
    replies.add(new MockResponse.Builder().code(429).body("{\"error\":{\"message\":\"slow down\"}}").build());
    replies.add(
        new MockResponse.Builder()
            .code(503)
            .addHeader("Content-Type", "text/html")
            .body("<html><body>Service Unavailable</body></html>")
            .build());
    replies.add(new MockResponse.Builder().code(400).body("{\"error\":\"bad thing\"}").build());
    AtomicInteger i = new AtomicInteger();
    try (OpenAiServer server = OpenAiServer.answering(b -> replies.get(i.getAndIncrement()));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).numRetries(0).build()) {
      RateLimitException rate = assertThrows(RateLimitException.class, () -> lm.call(hello()));
      assertThat(rate.serverMessage()).isEqualTo("slow down");
      LMHttpException unavailable = assertThrows(LMHttpException.class, () -> lm.call(hello()));
      assertThat(unavailable.status()).isEqualTo(503);
      assertThat(unavailable.serverMessage()).contains("Service Unavailable");
      LMHttpException bad = assertThrows(LMHttpException.class, () -> lm.call(hello()));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.serverMessage()).isEqualTo("bad thing");
    }
  }

  @Test
  void replyThatIsNotACompletionIsAnLMException() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.answering(b -> new MockResponse.Builder().body("{\"choices\": [{\"mess").build());
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      LMException e = assertThrows(LMException.class, () -> lm.call(hello()));
      assertThat(e).hasMessageThat().contains("not JSON");
      assertThat(e).hasMessageThat().contains("{\"choices\": [{\"mess");
    }
  }

  @Test
  void truncatedReplyKeepsItsFinishReason() throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(b -> OpenAiServer.completion("[[ ## ans", "length"));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      LMResponse r = lm.call(hello());
      assertThat(r.choices().get(0).truncated()).isTrue();
    }
  }

  @Test
  void cancellingTheFutureCancelsTheHttpCall() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    try (OpenAiServer server =
            OpenAiServer.answering(
                b -> {
                  arrived.countDown();
                  return new MockResponse.Builder()
                      .headersDelay(30, TimeUnit.SECONDS)
                      .body("{}")
                      .build();
                });
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      CompletableFuture<LMResponse> f = lm.acall(hello());
      assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(lm.inFlight()).isEqualTo(1);

      assertThat(f.cancel(true)).isTrue();

      assertThrows(CancellationException.class, f::join);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (lm.inFlight() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(lm.inFlight()).isEqualTo(0);
    }
  }

  @Test
  void defaultConcurrencyIsNotOkHttpsFivePerHost() throws Exception {
    int calls = 20;
    CountDownLatch allArrived = new CountDownLatch(calls);
    try (OpenAiServer server =
            OpenAiServer.answering(
                b -> {
                  allArrived.countDown();
                  try {
                    // Answer only once every call is in flight at the same time.
                    if (!allArrived.await(10, TimeUnit.SECONDS)) {
                      return new MockResponse.Builder().code(500).body("not all calls arrived").build();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return OpenAiServer.completion("ok", "stop");
                });
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      List<CompletableFuture<LMResponse>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        futures.add(lm.acall(hello()));
      }
      for (CompletableFuture<LMResponse> f : futures) {
        assertThat(f.get(20, TimeUnit.SECONDS).text()).isEqualTo("ok");
      }
    }
  }

  @Test
  void maxConcurrencyBoundsRequestsInFlightAndQueuesTheRest() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    try (OpenAiServer server =
            OpenAiServer.answering(
                b -> {
                  peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  now.decrementAndGet();
                  return OpenAiServer.completion("ok", "stop");
                });
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).maxConcurrency(3).build()) {
      List<CompletableFuture<LMResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        futures.add(lm.acall(hello()));
      }
      assertThat(lm.queued()).isAtLeast(1);
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
      assertThat(peak.get()).isEqualTo(3);
    }
  }

  @Test
  void connectionRefusedIsAnLMException() throws Exception {
    String base;
    try (OpenAiServer server = OpenAiServer.replying(b -> "x")) {
      base = server.baseUrl();
    }
    try (OpenAiLM lm =
        LM.builder("openai/m").cache(false)
            .apiBase(base)
            .numRetries(2)
            .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .build()) {
      LMException e = assertThrows(LMException.class, () -> lm.call(hello()));
      assertThat(e).hasMessageThat().contains("failed");
      assertThat(e.getSuppressed()).hasLength(2); // one per earlier attempt
    }
  }

  @Test
  void retriesRateLimitsAndServerErrorsThenSucceeds() throws Exception {
    List<MockResponse> replies = new ArrayList<>();
    replies.add(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").body("{\"error\":\"wait\"}").build());
    replies.add(new MockResponse.Builder().code(503).body("<html>busy</html>").build());
    replies.add(OpenAiServer.completion("third time lucky", "stop"));
    AtomicInteger i = new AtomicInteger();
    try (OpenAiServer server = OpenAiServer.answering(b -> replies.get(i.getAndIncrement()));
        OpenAiLM lm =
            LM.builder("openai/m").cache(false)
                .apiBase(server.baseUrl())
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(10))
                .build()) {
      assertThat(lm.acall(hello()).get(10, TimeUnit.SECONDS).text()).isEqualTo("third time lucky");
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void givesUpAfterNumRetriesKeepingEachAttemptsFailure() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.answering(b -> new MockResponse.Builder().code(500).body("{\"error\":\"boom\"}").build());
        OpenAiLM lm =
            LM.builder("openai/m").cache(false)
                .apiBase(server.baseUrl())
                .numRetries(3)
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(10))
                .build()) {
      LMHttpException e = assertThrows(LMHttpException.class, () -> lm.call(hello()));
      assertThat(e.status()).isEqualTo(500);
      assertThat(e.getSuppressed()).hasLength(3);
      assertThat(server.requests()).hasSize(4);
    }
  }

  @Test
  void doesNotRetryClientErrors() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.answering(b -> new MockResponse.Builder().code(400).body("{\"error\":\"bad\"}").build());
        OpenAiLM lm =
            LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).build()) {
      assertThrows(LMHttpException.class, () -> lm.call(hello()));
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void readsRetryAfterAsSecondsOrDate() {
    assertThat(OpenAiTransport.retryAfter("2")).isEqualTo(Duration.ofSeconds(2));
    assertThat(OpenAiTransport.retryAfter("0.5")).isEqualTo(Duration.ofMillis(500));
    assertThat(OpenAiTransport.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(OpenAiTransport.retryAfter("soon")).isNull();
    assertThat(OpenAiTransport.retryAfter(null)).isNull();
  }

  @Test
  void closingTheLmFailsCallsInFlightAtOnceWithoutRetrying() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    try (OpenAiServer server =
        OpenAiServer.answering(
            b -> {
              arrived.countDown();
              return new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).body("{}").build();
            })) {
      OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build();
      CompletableFuture<LMResponse> f = lm.acall(hello());
      assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
      lm.close();
      Exception e = assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS));
      assertThat(e).hasCauseThat().hasMessageThat().contains("the LM was closed");
      assertThat(server.requests()).hasSize(1);
      Exception after = assertThrows(Exception.class, () -> lm.acall(hello()).get(5, TimeUnit.SECONDS));
      assertThat(after).hasCauseThat().hasMessageThat().contains("the LM is closed");
    }
  }

  @Test
  void retryAfterLongerThanTheLongestBackoffFailsAtOnceSayingSo() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.answering(
                b -> new MockResponse.Builder().code(429).addHeader("Retry-After", "120").body("{}").build());
        OpenAiLM lm =
            LM.builder("openai/m").cache(false).apiBase(server.baseUrl())
                .retryBackoff(Duration.ofMillis(1), Duration.ofSeconds(30)).build()) {
      RateLimitException e = assertThrows(RateLimitException.class, () -> lm.call(hello()));
      assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(120));
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void credentialsInTheBaseUrlAreNeverShown() throws Exception {
    String base;
    try (OpenAiServer server = OpenAiServer.replying(b -> "x")) {
      base = server.baseUrl();
    }
    String withSecrets = base.replace("http://", "http://user:hunter2@") + "?api-key=hunter3";
    try (OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(withSecrets).numRetries(0).build()) {
      LMException e = assertThrows(LMException.class, () -> lm.call(hello()));
      assertThat(e.getMessage()).doesNotContain("hunter");
      assertThat(lm.toString()).doesNotContain("hunter");
    }
  }

  @Test
  void refusesTheApiKeyAsARequestParameter() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LM.builder("openai/m").param("api_key", KEY));
    assertThat(e).hasMessageThat().contains("apiKey(...)");
  }

  @Test
  void authenticationErrorSaysWhatToCheck() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.answering(b -> new MockResponse.Builder().code(401).body("{\"error\":\"nope\"}").build());
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).apiKey(null).build()) {
      AuthenticationException e = assertThrows(AuthenticationException.class, () -> lm.call(hello()));
      assertThat(e.serverMessage()).isEqualTo("nope");
      assertThat(e).hasMessageThat().contains("no API key was sent: set OPENAI_API_KEY");
    }
  }

  @Test
  void toStringShowsSettingsButNotTheKey() {
    try (OpenAiLM lm =
        LM.builder("openai/m").cache(false).apiBase("http://127.0.0.1:1/v1").apiKey(KEY).param("seed", 7).build()) {
      assertThat(lm.toString()).contains("apiKey=***");
      assertThat(lm.toString()).contains("seed=7");
      assertThat(lm.toString()).doesNotContain(KEY);
      assertThat(lm.defaults()).isEqualTo(Map.of("seed", 7));
    }
  }
}
