package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.adapters.AdapterParseException;
import dev.jspy.Predict;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.testing.OpenAiServer;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a production service meets: rate limits, failing and slow servers, broken replies. Every case ends
 * in success after retrying or in a typed exception that says what happened; every future completes.
 */
class LMFaultTest {
  record In(String question) {}

  record Out(String answer, int count) {}

  static final SignatureSpec<In, Out> SPEC =
      SignatureSpec.<In, Out>builder("Count")
          .instructions("Count.")
          .input("question", "", FieldType.STRING)
          .output("answer", "", FieldType.STRING)
          .output("count", "", FieldType.INT)
          .inputValues(in -> new Object[] {in.question()})
          .outputs(v -> new Out(v.get(0), v.get(1)))
          .outputValues(o -> new Object[] {o.answer(), o.count()})
          .build();

  private static final List<Message> HELLO = List.of(Message.user("hi"));

  private static OpenAiLM.Builder lm(OpenAiServer server) {
    return LM.builder("openai/m")
        .cache(false)
        .apiBase(server.baseUrl())
        .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(20));
  }

  /** A server answering the i-th request with {@code replies.get(i)}, the last one from then on. */
  private static OpenAiServer scripted(MockResponse... replies) throws Exception {
    AtomicInteger i = new AtomicInteger();
    return OpenAiServer.answering(b -> replies[Math.min(i.getAndIncrement(), replies.length - 1)]);
  }

  private static MockResponse ok(String content) {
    return OpenAiServer.completion(content, "stop");
  }

  private static MockResponse status(int code, String body) {
    return new MockResponse.Builder().code(code).body(body).build();
  }

  @Test
  void rateLimitWithRetryAfterIsHonouredThenSucceeds() throws Exception {
    try (OpenAiServer server =
            scripted(
                new MockResponse.Builder().code(429).addHeader("Retry-After", "0.05").body("{}").build(), ok("fine"));
        OpenAiLM lm = lm(server).retryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5)).build()) {
      long start = System.nanoTime();
      assertThat(lm.call(LMRequest.of(HELLO)).text()).isEqualTo("fine");
      // Retry-After (50 ms) was used instead of the 5 s backoff; generous bound for a loaded machine.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void rateLimitWithoutRetryAfterBacksOffThenSucceeds() throws Exception {
    try (OpenAiServer server = scripted(status(429, "{\"error\":{\"message\":\"slow down\"}}"), ok("fine"));
        OpenAiLM lm = lm(server).build()) {
      assertThat(lm.call(LMRequest.of(HELLO)).text()).isEqualTo("fine");
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void persistentRateLimitEndsInRateLimitException() throws Exception {
    try (OpenAiServer server = scripted(status(429, "{\"error\":{\"message\":\"quota\"}}"));
        OpenAiLM lm = lm(server).numRetries(2).build()) {
      RateLimitException e = assertThrows(RateLimitException.class, () -> lm.call(LMRequest.of(HELLO)));
      assertThat(e.serverMessage()).isEqualTo("quota");
      assertThat(e.getSuppressed()).hasLength(2);
    }
  }

  @Test
  void serverErrorThenSuccess() throws Exception {
    try (OpenAiServer server = scripted(status(500, "{\"error\":\"oops\"}"), ok("fine"));
        OpenAiLM lm = lm(server).build()) {
      assertThat(lm.call(LMRequest.of(HELLO)).text()).isEqualTo("fine");
    }
  }

  @Test
  void unavailableWithHtmlBodyQuotesThePage() throws Exception {
    try (OpenAiServer server =
            scripted(
                new MockResponse.Builder()
                    .code(503)
                    .addHeader("Content-Type", "text/html")
                    .body("<html><h1>503 Service Temporarily Unavailable</h1></html>")
                    .build());
        OpenAiLM lm = lm(server).numRetries(1).build()) {
      LMHttpException e = assertThrows(LMHttpException.class, () -> lm.call(LMRequest.of(HELLO)));
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.serverMessage()).contains("503 Service Temporarily Unavailable");
    }
  }

  @Test
  void connectionResetIsRetried() throws Exception {
    try (OpenAiServer server =
            scripted(
                new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build(),
                new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build(),
                ok("fine"));
        OpenAiLM lm = lm(server).build()) {
      assertThat(lm.call(LMRequest.of(HELLO)).text()).isEqualTo("fine");
    }
  }

  @Test
  void emptyReplyIsAnLMException() throws Exception {
    try (OpenAiServer server = scripted(new MockResponse.Builder().code(200).body("").build());
        OpenAiLM lm = lm(server).build()) {
      LMException e = assertThrows(LMException.class, () -> lm.call(LMRequest.of(HELLO)));
      assertThat(e).hasMessageThat().contains("empty reply");
      assertThat(server.requests()).hasSize(1); // a malformed 200 is not retried
    }
  }

  @Test
  void truncatedJsonBodyIsAnLMExceptionQuotingIt() throws Exception {
    try (OpenAiServer server =
            scripted(new MockResponse.Builder().body("{\"choices\":[{\"message\":{\"content\":\"[[ ## ans").build());
        OpenAiLM lm = lm(server).build()) {
      LMException e = assertThrows(LMException.class, () -> lm.call(LMRequest.of(HELLO)));
      assertThat(e).hasMessageThat().contains("[[ ## ans");
    }
  }

  @Test
  void bodySlowerThanTheReadTimeoutIsRetriedThenReported() throws Exception {
    try (OpenAiServer server =
            scripted(
                new MockResponse.Builder()
                    .body(OpenAiServer.JSON.writeValueAsString(java.util.Map.of("choices", List.of())))
                    .bodyDelay(3, TimeUnit.SECONDS)
                    .build());
        OpenAiLM lm = lm(server).readTimeout(Duration.ofMillis(200)).numRetries(1).build()) {
      CompletableFuture<LMResponse> f = lm.acall(LMRequest.of(HELLO));
      Exception e = assertThrows(Exception.class, () -> f.get(20, TimeUnit.SECONDS));
      assertThat(e).hasCauseThat().isInstanceOf(LMException.class);
      assertThat(e.getCause()).hasCauseThat().isInstanceOf(InterruptedIOException.class); // a timeout
      assertThat(e.getCause().getSuppressed()).hasLength(1);
    }
  }

  @Test
  void finishReasonLengthIsTruncationNotParseFailure() throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(b -> OpenAiServer.completion("[[ ## answer ## ]]\nfo", "length"));
        OpenAiLM lm = lm(server).maxTokens(8).build()) {
      Predict<In, Out> p = new Predict<>(SPEC).lm(lm);
      LMTruncatedException e = assertThrows(LMTruncatedException.class, () -> p.call(new In("q")));
      assertThat(e).hasMessageThat().contains("maxTokens 8");
      // the JSON fallback (structured outputs, then json_object, as DSPy) was cut off too
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void replyMissingAnOutputFieldNamesIt() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.replying(b -> "[[ ## answer ## ]]\nfour\n\n[[ ## completed ## ]]");
        OpenAiLM lm = lm(server).build()) {
      Predict<In, Out> p = new Predict<>(SPEC).lm(lm);
      AdapterParseException e = assertThrows(AdapterParseException.class, () -> p.call(new In("q")));
      assertThat(e.problemFields()).contains("count");
    }
  }

  @Test
  void replyWithAFieldOfTheWrongTypeNamesItAndQuotesTheReply() throws Exception {
    String reply = "[[ ## answer ## ]]\nfour\n\n[[ ## count ## ]]\nmany\n\n[[ ## completed ## ]]";
    try (OpenAiServer server = OpenAiServer.replying(b -> reply);
        OpenAiLM lm = lm(server).build()) {
      Predict<In, Out> p = new Predict<>(SPEC).lm(lm);
      AdapterParseException e = assertThrows(AdapterParseException.class, () -> p.call(new In("q")));
      assertThat(e.problemFields()).contains("count");
      assertThat(e.rawReply()).isEqualTo(reply);
      // The ChatAdapter's failure is kept beside the JSON fallback's.
      assertThat(e.getSuppressed()).isNotEmpty();
    }
  }

  @Test
  void tenThousandAsyncCallsWithFivePercentFaultsEachCompleteOnceWithTheirOwnResult() throws Exception {
    int calls = 10_000;
    AtomicInteger served = new AtomicInteger();
    Function<JsonNode, MockResponse> answer =
        body -> {
          String q = body.path("messages").get(1).path("content").stringValue();
          q = q.substring(q.indexOf("]]\n") + 3, q.indexOf("\n\n"));
          int n = served.incrementAndGet();
          if (n % 20 == 0) { // 5% faults: a 500, or a reset connection
            return n % 40 == 0
                ? status(500, "{\"error\":\"injected\"}")
                : new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
          }
          return ok("[[ ## answer ## ]]\n" + q + "\n\n[[ ## count ## ]]\n" + q.length() + "\n\n[[ ## completed ## ]]");
        };
    Set<String> lmThreadsBefore = lmThreads();
    try (OpenAiServer server = OpenAiServer.answering(answer)) {
      OpenAiLM lm = lm(server).maxConcurrency(32).numRetries(5).build();
      Predict<In, Out> p = new Predict<>(SPEC).lm(lm);
      ConcurrentHashMap<Integer, AtomicInteger> completions = new ConcurrentHashMap<>();
      List<CompletableFuture<Out>> futures = new ArrayList<>(calls);
      for (int i = 0; i < calls; i++) {
        int id = i;
        futures.add(
            p.acall(new In("q" + id))
                .whenComplete((o, e) -> completions.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet()));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
      for (int i = 0; i < calls; i++) {
        Out out = futures.get(i).join();
        assertThat(out.answer()).isEqualTo("q" + i);
        assertThat(out.count()).isEqualTo(("q" + i).length());
        assertThat(completions.get(i).get()).isEqualTo(1);
      }
      // 10,000 calls submitted at once were served by at most maxConcurrency threads: the queue holds none.
      Set<String> during = lmThreads();
      during.removeAll(lmThreadsBefore);
      assertThat(during.size()).isAtMost(32);
      if (Runtime.version().feature() < 21) {
        assertThat(during.size()).isAtLeast(2); // the LM's platform threads are the ones counted
      } else {
        assertThat(during).isEmpty(); // calls ran on virtual threads, which hold no platform thread
      }
      assertThat(lm.inFlight()).isEqualTo(0);
      lm.close();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!lmThreads().equals(lmThreadsBefore) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(lmThreads()).isEqualTo(lmThreadsBefore);
  }

  /** Names of live threads that belong to an LM's dispatcher. */
  private static Set<String> lmThreads() {
    Set<String> names = new java.util.TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("jspy-lm-") && !t.getName().equals("jspy-lm-retry")) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
