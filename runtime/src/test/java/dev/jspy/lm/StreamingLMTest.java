package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.cache.LMCache;
import dev.jspy.testing.OpenAiServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

/**
 * The streamed LM call over Server-Sent Events against scripted chunk sequences on a loopback server: deltas in
 * order, the whole response rebuilt, and every way a stream can go wrong ending in a typed error.
 */
class StreamingLMTest {
  private static final List<Message> HELLO = List.of(Message.user("hi"));

  static String chunk(String content, String finish) {
    Map<String, Object> delta = content == null ? Map.of() : Map.of("content", content);
    Map<String, Object> choice = new java.util.LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finish);
    return "data: " + OpenAiServer.JSON.writeValueAsString(
        Map.of("object", "chat.completion.chunk", "model", "served", "choices", List.of(choice))) + "\n\n";
  }

  static String usageChunk() {
    return "data: " + OpenAiServer.JSON.writeValueAsString(Map.of("object", "chat.completion.chunk",
        "choices", List.of(), "usage", Map.of("prompt_tokens", 5, "completion_tokens", 3, "total_tokens", 8)))
        + "\n\n";
  }

  /** An SSE reply of these events, as written. */
  static MockResponse sse(String... events) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "text/event-stream")
        .body(String.join("", events))
        .build();
  }

  static String stream(String... deltas) {
    StringBuilder b = new StringBuilder();
    for (String d : deltas) {
      b.append(chunk(d, null));
    }
    return b.append(chunk(null, "stop")).append(usageChunk()).append("data: [DONE]\n\n").toString();
  }

  private static OpenAiLM lm(OpenAiServer server) {
    return LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).numRetries(0).build();
  }

  private static <T extends Throwable> T failure(CompletableFuture<?> f, Class<T> type) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS)); // hang guard
    assertThat(e).hasCauseThat().isInstanceOf(type);
    return type.cast(e.getCause());
  }

  @Test
  void deltasArriveInOrderAndTheWholeResponseIsRebuilt() throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(b -> sse(stream("[[ ## ans", "wer ## ]]\nPar", "is", "\n\n[[ ## completed ## ]]")));
        OpenAiLM lm = lm(server)) {
      List<String> deltas = Collections.synchronizedList(new ArrayList<>());
      LMResponse r = lm.astream(LMRequest.of(HELLO), d -> {
        deltas.add(d);
        return null;
      }).get(60, TimeUnit.SECONDS);
      assertThat(deltas).containsExactly("[[ ## ans", "wer ## ]]\nPar", "is", "\n\n[[ ## completed ## ]]").inOrder();
      assertThat(r.text()).isEqualTo("[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]");
      assertThat(r.choices().get(0).finishReason()).isEqualTo("stop");
      assertThat(r.usage()).isEqualTo(new Usage(5, 3, 8)); // from the last, choice-less chunk
      assertThat(r.model()).isEqualTo("served");
      assertThat(lm.usage()).isEqualTo(new Usage(5, 3, 8));
      assertThat(server.lastRequest().path("stream").asBoolean()).isTrue();
      assertThat(server.lastRequest().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }
  }

  @Test
  void aStreamedResponseCarriesTheCompletionsId() throws Exception {
    String first = "data: " + OpenAiServer.JSON.writeValueAsString(Map.of("id", "chatcmpl-streamed", "object",
        "chat.completion.chunk", "model", "served", "choices",
        List.of(Map.of("index", 0, "delta", Map.of("content", "ok"))))) + "\n\n";
    try (OpenAiServer server = OpenAiServer.answering(b -> sse(first, chunk(null, "stop"), "data: [DONE]\n\n"));
        OpenAiLM lm = lm(server)) {
      LMResponse r = lm.astream(LMRequest.of(HELLO), d -> null).get(60, TimeUnit.SECONDS);
      assertThat(r.text()).isEqualTo("ok");
      assertThat(r.id()).isEqualTo("chatcmpl-streamed");
    }
  }

  @Test
  void oneGiantChunkIsOneDelta() throws Exception {
    String all = "[[ ## answer ## ]]\n" + "x".repeat(100_000) + "\n\n[[ ## completed ## ]]";
    try (OpenAiServer server = OpenAiServer.answering(b -> sse(stream(all)));
        OpenAiLM lm = lm(server)) {
      List<String> deltas = new ArrayList<>();
      LMResponse r = lm.astream(LMRequest.of(HELLO), d -> {
        deltas.add(d);
        return null;
      }).get(60, TimeUnit.SECONDS);
      assertThat(deltas).containsExactly(all);
      assertThat(r.text()).isEqualTo(all);
    }
  }

  @Test
  void plainCallIsUnchangedAndSendsNoStreamFlag() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(b -> "hello");
        OpenAiLM lm = lm(server)) {
      assertThat(lm.acall(LMRequest.of(HELLO)).get(60, TimeUnit.SECONDS).text()).isEqualTo("hello");
      assertThat(server.lastRequest().has("stream")).isFalse();
      assertThat(server.lastRequest().has("stream_options")).isFalse();
    }
  }

  @Test
  void aServerThatIgnoresStreamTrueIsReadWholeAsOneDelta() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(b -> "whole");
        OpenAiLM lm = lm(server)) {
      List<String> deltas = new ArrayList<>();
      LMResponse r = lm.astream(LMRequest.of(HELLO), d -> {
        deltas.add(d);
        return null;
      }).get(60, TimeUnit.SECONDS);
      assertThat(deltas).containsExactly("whole");
      assertThat(r.text()).isEqualTo("whole");
    }
  }

  @Test
  void anErrorEventMidStreamIsAnHttpErrorAndIsNotRetried() throws Exception {
    String events = chunk("[[ ## answer ## ]]\nPa", null)
        + "data: {\"error\": {\"message\": \"the model crashed\", \"code\": 500}}\n\n";
    try (OpenAiServer server = OpenAiServer.answering(b -> sse(events));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).numRetries(3)
            .retryBackoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2)).build()) {
      LMHttpException e = failure(lm.astream(LMRequest.of(HELLO), d -> null), LMHttpException.class);
      assertThat(e).hasMessageThat().contains("the model crashed");
      assertThat(server.requests()).hasSize(1); // a delta went out: no retry
    }
  }

  @Test
  void aFailureBeforeTheFirstDeltaIsRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (OpenAiServer server = OpenAiServer.answering(b -> calls.incrementAndGet() == 1
            ? new MockResponse.Builder().code(503).body("{\"error\": {\"message\": \"busy\"}}").build()
            : sse(stream("ok")));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).numRetries(2)
            .retryBackoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2)).build()) {
      List<String> deltas = new ArrayList<>();
      LMResponse r = lm.astream(LMRequest.of(HELLO), d -> {
        deltas.add(d);
        return null;
      }).get(60, TimeUnit.SECONDS);
      assertThat(r.text()).isEqualTo("ok");
      assertThat(deltas).containsExactly("ok");
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void aStreamThatBreaksOffWithoutDoneOrFinishReasonIsATypedErrorKeepingTheText() throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(b -> sse(chunk("[[ ## answer ## ]]\n", null), chunk("Par", null)));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).numRetries(3)
            .retryBackoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2)).build()) {
      LMStreamException e = failure(lm.astream(LMRequest.of(HELLO), d -> null), LMStreamException.class);
      assertThat(e).hasMessageThat().contains("without 'data: [DONE]'");
      assertThat(e.partialText()).isEqualTo("[[ ## answer ## ]]\nPar");
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void aStreamWithAFinishReasonButNoDoneIsComplete() throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(b -> sse(chunk("hel", null), chunk("lo", "length")));
        OpenAiLM lm = lm(server)) {
      LMResponse r = lm.astream(LMRequest.of(HELLO), d -> null).get(60, TimeUnit.SECONDS);
      assertThat(r.text()).isEqualTo("hello");
      assertThat(r.choices().get(0).truncated()).isTrue();
    }
  }

  @Test
  void malformedLinesAreTypedErrors() throws Exception {
    for (String bad : List.of("data: {not json\n\n", "garbage line\n\n", "data: {\"object\": \"x\"}\n\n")) {
      try (OpenAiServer server = OpenAiServer.answering(b -> sse(chunk("a", null), bad, "data: [DONE]\n\n"));
          OpenAiLM lm = lm(server)) {
        LMStreamException e = failure(lm.astream(LMRequest.of(HELLO), d -> null), LMStreamException.class);
        assertThat(e.partialText()).isEqualTo("a");
        assertThat(e).hasMessageThat().containsMatch("not JSON|malformed|neither choices nor usage");
      }
    }
  }

  @Test
  void commentsAndEventFieldsAreIgnored() throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(b -> sse(": keep-alive\n\n", "event: message\n", chunk("ok", "stop"), "data: [DONE]\n\n"));
        OpenAiLM lm = lm(server)) {
      assertThat(lm.astream(LMRequest.of(HELLO), d -> null).get(60, TimeUnit.SECONDS).text()).isEqualTo("ok");
    }
  }

  @Test
  void theReplySizeLimitCountsTheWholeStream() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      many.append(chunk("y".repeat(500), null));
    }
    try (OpenAiServer server = OpenAiServer.answering(b -> sse(many.toString(), "data: [DONE]\n\n"));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).maxResponseBytes(20_000).build()) {
      failure(lm.astream(LMRequest.of(HELLO), d -> null), LMResponseTooLargeException.class);
    }
  }

  @Test
  void aCacheHitSendsNoDeltas() throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(b -> sse(stream("cac", "hed")));
        LMCache cache = LMCache.builder().disk(false).build();
        OpenAiLM lm = LM.builder("openai/m").cache(cache).apiBase(server.baseUrl()).build()) {
      List<String> first = new ArrayList<>();
      LMResponse r1 = lm.astream(LMRequest.of(HELLO), d -> {
        first.add(d);
        return null;
      }).get(60, TimeUnit.SECONDS);
      List<String> second = new ArrayList<>();
      LMResponse r2 = lm.astream(LMRequest.of(HELLO), d -> {
        second.add(d);
        return null;
      }).get(60, TimeUnit.SECONDS);
      assertThat(first).containsExactly("cac", "hed").inOrder();
      assertThat(second).isEmpty();
      assertThat(r2.cacheHit()).isTrue();
      assertThat(r2.text()).isEqualTo(r1.text());
      assertThat(server.requests()).hasSize(1);
    }
  }

  /** A body that writes one delta, then waits until the test lets it go on or the client hangs up. */
  private static final class Held implements MockResponseBody {
    final CountDownLatch release = new CountDownLatch(1);
    final CompletableFuture<IOException> hungUp = new CompletableFuture<>();
    final String first;
    final String rest;

    Held(String first, String rest) {
      this.first = first;
      this.rest = rest;
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try {
        sink.writeUtf8(first).flush();
        if (!release.await(60, TimeUnit.SECONDS)) {
          // The client never hung up: keep writing so the connection sees it.
        }
        for (int i = 0; i < 2000; i++) {
          sink.writeUtf8(rest).flush();
          Thread.sleep(1);
        }
        hungUp.complete(null);
      } catch (IOException e) {
        hungUp.complete(e);
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void cancellingMidStreamCancelsTheHttpCall() throws Exception {
    Held body = new Held(chunk("[[ ## answer ## ]]\nPa", null), chunk("r", null));
    try (OpenAiServer server = OpenAiServer.answering(b -> new MockResponse.Builder()
            .addHeader("Content-Type", "text/event-stream").body(body).build());
        OpenAiLM lm = lm(server)) {
      CompletableFuture<String> firstDelta = new CompletableFuture<>();
      CompletableFuture<LMResponse> f = lm.astream(LMRequest.of(HELLO), d -> {
        firstDelta.complete(d);
        return null;
      });
      assertThat(firstDelta.get(60, TimeUnit.SECONDS)).isEqualTo("[[ ## answer ## ]]\nPa");
      f.cancel(true);
      body.release.countDown();
      assertThat(body.hungUp.get(60, TimeUnit.SECONDS)).isNotNull(); // the server's writes failed: the socket is gone
      assertThrows(CancellationException.class, f::join);
    }
  }

  @Test
  void aPausedSinkStopsTheReadingUntilItIsReady() throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(b -> sse(stream("a", "b", "c")));
        OpenAiLM lm = lm(server)) {
      List<String> deltas = Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<Void> ready = new CompletableFuture<>();
      CompletableFuture<LMResponse> f = lm.astream(LMRequest.of(HELLO), d -> {
        deltas.add(d);
        return d.equals("a") ? ready : null;
      });
      // Nothing can arrive past "a" until the sink is ready; the future cannot complete either.
      assertThrows(java.util.concurrent.TimeoutException.class, () -> f.get(200, TimeUnit.MILLISECONDS));
      assertThat(deltas).containsExactly("a");
      ready.complete(null);
      assertThat(f.get(60, TimeUnit.SECONDS).text()).isEqualTo("abc");
      assertThat(deltas).containsExactly("a", "b", "c").inOrder();
    }
  }
}
