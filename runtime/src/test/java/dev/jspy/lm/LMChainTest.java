package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.cache.LMCache;
import dev.jspy.testing.OpenAiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The LM as a chain: interceptors, observation, cache, retries, transport; for any transport. */
class LMChainTest {
  private static final LMRequest HELLO = LMRequest.of(List.of(Message.user("hello")));
  private static final long WAIT = 60; // seconds; a hang guard only

  private static LMResponse reply(String text) {
    return new LMResponse(List.of(new LMResponse.Choice(text, "stop")), new Usage(3, 2, 5), "t");
  }

  private static LMCache memoryCache() {
    return LMCache.builder().disk(false).build();
  }

  @Test
  void aTransportOfYourOwnGetsTheCacheRetriesAndObservation() throws Exception {
    AtomicInteger sends = new AtomicInteger();
    Transport flaky = (request, sink) -> sends.incrementAndGet() == 1
        ? CompletableFuture.failedFuture(new LMHttpException("own", 503, "busy", Duration.ZERO))
        : CompletableFuture.completedFuture(reply("ok " + request.params().get("temperature")));
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    LMCallback callback = new LMCallback() {
      @Override
      public void onLmEnd(long callId, LMResponse response, Throwable error) {
        events.add(response.text() + " from " + response.cacheTier());
      }
    };
    List<LMResponse> recorded = Collections.synchronizedList(new ArrayList<>());
    CallOptions options = CallOptions.NONE.withCallbacks(List.of(callback), 0)
        .withRecorder((lm, request, response, took) -> recorded.add(response));
    try (LMCache cache = memoryCache();
        OpenAiLM lm = LM.builder("own/model", flaky).temperature(0.5).cache(cache)
            .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).build()) {
      LMResponse first = lm.acall(HELLO, options).get(WAIT, TimeUnit.SECONDS);
      LMResponse second = lm.acall(HELLO, options).get(WAIT, TimeUnit.SECONDS);

      assertThat(first.text()).isEqualTo("ok 0.5"); // the LM's defaults reach the transport
      assertThat(first.retries()).isEqualTo(1);
      assertThat(first.cacheTier()).isEqualTo(CacheTier.NONE);
      assertThat(second.cacheTier()).isEqualTo(CacheTier.MEMORY);
      assertThat(second.retries()).isEqualTo(0);
      assertThat(sends.get()).isEqualTo(2);
      assertThat(events).containsExactly("ok 0.5 from NONE", "ok 0.5 from MEMORY").inOrder();
      assertThat(recorded).hasSize(2);
      assertThat(lm.usage()).isEqualTo(new Usage(3, 2, 5)); // the hit cost nothing
    }
  }

  @Test
  void aFailedCallsExceptionKeepsItsAttempts() throws Exception {
    Transport down = (request, sink) ->
        CompletableFuture.failedFuture(new LMHttpException("own", 503, "busy", Duration.ZERO));
    try (OpenAiLM lm = LM.builder("own", down).cache(false).numRetries(2)
        .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).build()) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> lm.acall(HELLO, CallOptions.NONE).get(WAIT, TimeUnit.SECONDS));
      LMException failure = (LMException) e.getCause();
      assertThat(failure.attempts()).isEqualTo(3);
      assertThat(failure.getSuppressed()).hasLength(2);
    }
  }

  @Test
  void interceptorsRunFirstInOrderAndMayChangeTheRequest() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Transport echo = (request, sink) -> CompletableFuture.completedFuture(reply(String.valueOf(request.params())));
    try (OpenAiLM lm = LM.builder("own", echo).cache(false)
        .interceptor(chain -> {
          seen.add("first " + chain.request().params());
          return chain.proceed(chain.request().withParam("seed", 7));
        })
        .interceptor(chain -> {
          seen.add("second " + chain.request().params());
          return chain.proceed(chain.request());
        })
        .build()) {
      assertThat(lm.acall(HELLO, CallOptions.NONE).get(WAIT, TimeUnit.SECONDS).text()).isEqualTo("{seed=7}");
      assertThat(seen).containsExactly("first {}", "second {seed=7}").inOrder();
    }
  }

  @Test
  void typedCacheControlAndRolloutIdAreNeverSent() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> "r");
        LMCache cache = memoryCache();
        OpenAiLM lm = LM.builder("openai/m").apiBase(server.baseUrl()).cache(cache).build()) {
      lm.acall(HELLO, CallOptions.NONE.withRolloutId(1)).get(WAIT, TimeUnit.SECONDS);
      LMResponse again = lm.acall(HELLO, CallOptions.NONE.withRolloutId(1)).get(WAIT, TimeUnit.SECONDS);
      lm.acall(HELLO, CallOptions.NONE.withRolloutId(2)).get(WAIT, TimeUnit.SECONDS);
      LMResponse bypassed = lm.acall(HELLO, CallOptions.NONE.withRolloutId(1).withCache(false))
          .get(WAIT, TimeUnit.SECONDS);

      assertThat(again.cacheTier()).isEqualTo(CacheTier.MEMORY);
      assertThat(bypassed.cacheTier()).isEqualTo(CacheTier.NONE);
      assertThat(server.requests()).hasSize(3);
      for (var body : server.requests()) {
        assertThat(body.has("rollout_id")).isFalse();
        assertThat(body.has("cache")).isFalse();
      }
    }
  }

  @Test
  void theUsersOkHttpClientSendsTheRequests() throws Exception {
    List<String> intercepted = Collections.synchronizedList(new ArrayList<>());
    OkHttpClient mine = new OkHttpClient.Builder()
        .addInterceptor(chain -> {
          intercepted.add(chain.request().method() + " " + chain.request().url().encodedPath());
          return chain.proceed(chain.request().newBuilder().header("X-Mine", "1").build());
        })
        .build();
    try (OpenAiServer server = OpenAiServer.replying(body -> "r");
        OpenAiLM lm = LM.builder("openai/m").apiBase(server.baseUrl()).cache(false).client(mine).build()) {
      assertThat(lm.call(HELLO).text()).isEqualTo("r");
      assertThat(intercepted).containsExactly("POST /v1/chat/completions");
      assertThat(server.raw().takeRequest(WAIT, TimeUnit.SECONDS).getHeaders().get("X-Mine")).isEqualTo("1");
    } finally {
      mine.dispatcher().executorService().shutdown();
      mine.connectionPool().evictAll();
    }
  }

  @Test
  void aStreamedCallRunsThroughTheChainAndItsRebuiltResponseIsCached() throws Exception {
    List<String> ended = Collections.synchronizedList(new ArrayList<>());
    LMCallback callback = new LMCallback() {
      @Override
      public void onLmEnd(long callId, LMResponse response, Throwable error) {
        ended.add(response.text());
      }
    };
    try (OpenAiServer server = OpenAiServer.answering(
            b -> StreamingLMTest.sse(StreamingLMTest.stream("Par", "is")));
        LMCache cache = memoryCache();
        OpenAiLM lm = LM.builder("openai/m").apiBase(server.baseUrl()).cache(cache).build()) {
      List<String> deltas = Collections.synchronizedList(new ArrayList<>());
      CallOptions streamed = CallOptions.NONE.withCallbacks(List.of(callback), 0).withSink(d -> {
        deltas.add(d);
        return null;
      });
      LMResponse first = lm.acall(HELLO, streamed).get(WAIT, TimeUnit.SECONDS);
      LMResponse plain = lm.acall(HELLO, CallOptions.NONE).get(WAIT, TimeUnit.SECONDS);

      assertThat(deltas).containsExactly("Par", "is").inOrder();
      assertThat(first.text()).isEqualTo("Paris");
      assertThat(ended).containsExactly("Paris");
      assertThat(plain.text()).isEqualTo("Paris");
      assertThat(plain.cacheTier()).isEqualTo(CacheTier.MEMORY);
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void theLmsOwnCallbacksHearEveryCallAfterTheCallsOwn() throws Exception {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    LMCallback calls = new LMCallback() {
      @Override
      public void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {
        heard.add("call's " + parentCallId);
      }
    };
    LMCallback lms = new LMCallback() {
      @Override
      public void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {
        heard.add("lm's " + parentCallId);
      }
    };
    Transport echo = (request, sink) -> CompletableFuture.completedFuture(reply("r"));
    try (OpenAiLM lm = LM.builder("own", echo).cache(false).callback(lms).build()) {
      lm.acall(HELLO, CallOptions.NONE.withCallbacks(List.of(calls), 42)).get(WAIT, TimeUnit.SECONDS);
      lm.acall(HELLO, CallOptions.NONE).get(WAIT, TimeUnit.SECONDS);
    }
    assertThat(heard).containsExactly("call's 42", "lm's 42", "lm's 0").inOrder();
  }
}
