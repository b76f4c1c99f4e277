package dev.jspy;

import dev.jspy.adapters.AdapterParseException;
import dev.jspy.core.ConfigurationException;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMException;
import dev.jspy.lm.LMTruncatedException;
import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.cache.LMCache;
import dev.jspy.lm.OpenAiLM;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.testing.OpenAiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class PredictTest {
  private static final String KEY = "sk-cache-test-key-5678";

  record QaIn(String question) {}

  record QaOut(String answer) {}

  /** What the processor generates for {@code @Signature("question -> answer") interface Qa}. */
  static final SignatureSpec<QaIn, QaOut> QA =
      SignatureSpec.<QaIn, QaOut>builder("Qa")
          .instructions("Given the fields `question`, produce the fields `answer`.")
          .input("question", "", FieldType.STRING)
          .output("answer", "", FieldType.STRING)
          .inputValues(in -> new Object[] {in.question()})
          .outputs(v -> new QaOut(v.get(0)))
          .outputValues(out -> new Object[] {out.answer()})
          .build();

  /** Answers {@code <tag>:<question>} in ChatAdapter's format. */
  static OpenAiServer echoServer(String tag) throws Exception {
    return OpenAiServer.replying(body -> "[[ ## answer ## ]]\n" + tag + ":" + question(body) + "\n\n[[ ## completed ## ]]\n");
  }

  static String question(JsonNode body) {
    JsonNode messages = body.path("messages");
    String user = messages.get(messages.size() - 1).path("content").stringValue();
    String rest = user.substring(user.indexOf("[[ ## question ## ]]\n") + "[[ ## question ## ]]\n".length());
    return rest.substring(0, rest.indexOf("\n\n"));
  }

  @AfterEach
  void resetGlobalSettings() {
    Jspy.configure(s -> s.lm(null));
  }

  @Test
  void forwardSendsDspyMessagesAndReturnsTypedOutput() throws Exception {
    try (OpenAiServer server = echoServer("A");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      Jspy.configure(s -> s.lm(lm));

      QaOut out = new Predict<>(QA).call(new QaIn("What is 2+2?"));

      assertThat(out.answer()).isEqualTo("A:What is 2+2?");
      JsonNode messages = server.lastRequest().path("messages");
      assertThat(messages.get(0).path("role").stringValue()).isEqualTo("system");
      // DSPy's own ChatAdapter messages for dspy.Predict("question -> answer"): adapters/chat_format.json
      JsonNode dspy = dspyMessages("STRING_SIGNATURE");
      assertThat(messages.get(0).path("content").stringValue()).isEqualTo(dspy.get(0).get(1).stringValue());
      assertThat(messages.get(1).path("content").stringValue()).isEqualTo(dspy.get(1).get(1).stringValue());
    }
  }

  /** A case of {@code dev/jspy/adapters/chat_format.json}, made by DSPy's own code (it/dspyref/chat_format.py). */
  private static JsonNode dspyMessages(String name) throws java.io.IOException {
    try (java.io.InputStream in = PredictTest.class.getResourceAsStream("/dev/jspy/adapters/chat_format.json")) {
      JsonNode messages = OpenAiServer.JSON.readTree(in).path(name);
      assertThat(messages.isArray()).isTrue();
      return messages;
    }
  }

  @Test
  void historyRecordsEachCallAndPrintsLikeDspy() throws Exception {
    try (OpenAiServer server = echoServer("A");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      new Predict<>(QA).lm(lm).call(new QaIn("hi"));

      History.Entry e = Jspy.history().last(1).get(0);
      assertThat(e.model()).isEqualTo("openai/m");
      assertThat(e.adapter()).isEqualTo("ChatAdapter");
      assertThat(e.outputs()).containsExactly("[[ ## answer ## ]]\nA:hi\n\n[[ ## completed ## ]]\n");
      assertThat(e.usage().totalTokens()).isEqualTo(18);
      assertThat(e.cacheHit()).isFalse();
      String printed = Jspy.inspectHistory(1);
      assertThat(printed).startsWith("\n\n\n\n[");
      JsonNode dspy = dspyMessages("STRING_SIGNATURE_HI");
      assertThat(printed).contains("]\n\nSystem message:\n\n" + dspy.get(0).get(1).stringValue() + "\n\n\n");
      assertThat(printed)
          .endsWith(
              "User message:\n\n" + dspy.get(1).get(1).stringValue() + "\n\n\n"
                  + "Response:\n\n[[ ## answer ## ]]\nA:hi\n\n[[ ## completed ## ]]\n\n\n\n\n\n");
    }
  }

  @Test
  void usageIsSummedPerTrackedRunAndPerLm() throws Exception {
    try (OpenAiServer server = echoServer("A");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      Predict<QaIn, QaOut> p = new Predict<>(QA).lm(lm);
      UsageTracker usage = new UsageTracker();
      try (Jspy.Scope scope = Jspy.context(s -> s.usageTracker(usage))) {
        p.call(new QaIn("one"));
        p.acall(new QaIn("two")).thenCompose(o -> p.acall(new QaIn("three"))).get(10, TimeUnit.SECONDS);
      }
      p.call(new QaIn("untracked"));
      assertThat(usage.total().totalTokens()).isEqualTo(3 * 18);
      assertThat(usage.byModel().keySet()).containsExactly("openai/m");
      assertThat(lm.usage().totalTokens()).isEqualTo(4 * 18);
    }
  }

  @Test
  void cacheAnswersRepeatedCallsWithoutHttpAndSharesConcurrentOnes(@TempDir Path dir) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (OpenAiServer server =
            OpenAiServer.answering(
                body -> {
                  try {
                    release.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return OpenAiServer.completion(
                      "[[ ## answer ## ]]\n" + question(body) + "!\n\n[[ ## completed ## ]]", "stop");
                });
        LMCache cache = LMCache.builder().directory(dir).build();
        OpenAiLM lm = LM.builder("openai/m").cache(cache).apiBase(server.baseUrl()).apiKey(KEY).build()) {
      Predict<QaIn, QaOut> p = new Predict<>(QA).lm(lm);
      List<CompletableFuture<QaOut>> same = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        same.add(p.acall(new QaIn("q")));
      }
      release.countDown();
      for (CompletableFuture<QaOut> f : same) {
        assertThat(f.get(10, TimeUnit.SECONDS).answer()).isEqualTo("q!");
      }
      assertThat(p.call(new QaIn("q")).answer()).isEqualTo("q!");
      assertThat(server.requests()).hasSize(1); // 51 calls, one HTTP request
      assertThat(Jspy.history().last(1).get(0).cacheHit()).isTrue();

      // Per call: cache=false skips the cache; a new rollout_id is a new entry; neither is sent.
      p.config(Map.of("cache", false)).call(new QaIn("q"));
      p.config(Map.of("rollout_id", 7)).call(new QaIn("q"));
      p.config(Map.of("rollout_id", 7)).call(new QaIn("q"));
      assertThat(server.requests()).hasSize(3);
      assertThat(server.lastRequest().has("rollout_id")).isFalse();
      assertThat(server.lastRequest().has("cache")).isFalse();
    }
    // The entry outlives the LM: a new cache over the same directory answers from disk.
    try (LMCache reopened = LMCache.builder().directory(dir).build();
        OpenAiLM lm =
            LM.builder("openai/m").cache(reopened).apiBase("http://127.0.0.1:9/v1").numRetries(0).build()) {
      assertThat(reopened.stats().hits()).isEqualTo(0);
      // Same model, messages and parameters, but another apiBase: the key includes the server, so a miss
      // that fails fast (nothing listens on port 9) proves the server is part of the key.
      assertThrows(LMException.class, () -> new Predict<>(QA).lm(lm).call(new QaIn("q")));
    }
    assertThat(new String(Files.readAllBytes(dir.resolve("cache.db")), StandardCharsets.ISO_8859_1))
        .doesNotContain(KEY);
  }

  @Test
  void callWithoutLmSaysHowToConfigureOne() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> new Predict<>(QA).call(new QaIn("q")));
    assertThat(e).hasMessageThat().contains("Jspy.configure(s -> s.lm(LM.of(\"openai/<model>\")))");
    CompletableFuture<QaOut> f = new Predict<>(QA).acall(new QaIn("q"));
    Exception async = assertThrows(Exception.class, f::join);
    assertThat(async).hasCauseThat().isInstanceOf(ConfigurationException.class);
  }

  @Test
  void nullInputNamesTheField() throws Exception {
    try (OpenAiServer server = echoServer("A");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      Predict<QaIn, QaOut> p = new Predict<>(QA).lm(lm);
      NullPointerException e = assertThrows(NullPointerException.class, () -> p.call(new QaIn(null)));
      assertThat(e).hasMessageThat().contains("'question'");
    }
  }

  @Test
  void predictorsOwnLmWinsOverSettings() throws Exception {
    try (OpenAiServer a = echoServer("A");
        OpenAiServer b = echoServer("B");
        OpenAiLM lmA = LM.builder("openai/m").cache(false).apiBase(a.baseUrl()).build();
        OpenAiLM lmB = LM.builder("openai/m").cache(false).apiBase(b.baseUrl()).build()) {
      Jspy.configure(s -> s.lm(lmA));
      assertThat(new Predict<>(QA).lm(lmB).call(new QaIn("x")).answer()).isEqualTo("B:x");
    }
  }

  @Test
  void contextOverridesGlobalOnlyInsideTheScope() throws Exception {
    try (OpenAiServer a = echoServer("A");
        OpenAiServer b = echoServer("B");
        OpenAiLM lmA = LM.builder("openai/m").cache(false).apiBase(a.baseUrl()).build();
        OpenAiLM lmB = LM.builder("openai/m").cache(false).apiBase(b.baseUrl()).build()) {
      Jspy.configure(s -> s.lm(lmA));
      Predict<QaIn, QaOut> p = new Predict<>(QA);
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(lmB))) {
        assertThat(p.call(new QaIn("in")).answer()).isEqualTo("B:in");
        try (Jspy.Scope inner = Jspy.context(s -> s.allowToolAsyncSyncConversion(true))) {
          assertThat(Jspy.current().lm()).isSameInstanceAs(lmB); // inherited from the outer scope
          assertThat(Jspy.current().allowToolAsyncSyncConversion()).isTrue();
        }
        assertThat(Jspy.current().allowToolAsyncSyncConversion()).isFalse();
      }
      assertThat(p.call(new QaIn("out")).answer()).isEqualTo("A:out");
    }
  }

  @Test
  void continuationsKeepTheSettingsOfTheCallThatStartedThem() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (OpenAiServer a =
            OpenAiServer.answering(
                body -> {
                  try {
                    release.await(10, TimeUnit.SECONDS); // hold the first reply until the scope is closed
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return OpenAiServer.completion(
                      "[[ ## answer ## ]]\nA:" + question(body) + "\n\n[[ ## completed ## ]]", "stop");
                });
        OpenAiServer b = echoServer("B");
        OpenAiLM lmA = LM.builder("openai/m").cache(false).apiBase(a.baseUrl()).build();
        OpenAiLM lmB = LM.builder("openai/m").cache(false).apiBase(b.baseUrl()).build()) {
      Jspy.configure(s -> s.lm(lmB));
      Predict<QaIn, QaOut> p = new Predict<>(QA);
      CompletableFuture<QaOut> chained;
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(lmA))) {
        chained = p.acall(new QaIn("first")).thenCompose(o -> p.acall(new QaIn("then " + o.answer())));
      }
      release.countDown(); // the second call starts on an OkHttp thread, after the scope closed
      assertThat(chained.get(10, TimeUnit.SECONDS).answer()).isEqualTo("A:then A:first");
      assertThat(b.requests()).isEmpty();
    }
  }

  @Test
  void concurrentContextsNeverSeeEachOthersLm() throws Exception {
    int perContext = 200;
    try (OpenAiServer a = echoServer("A");
        OpenAiServer b = echoServer("B");
        OpenAiLM lmA = LM.builder("openai/m").cache(false).apiBase(a.baseUrl()).build();
        OpenAiLM lmB = LM.builder("openai/m").cache(false).apiBase(b.baseUrl()).build()) {
      Predict<QaIn, QaOut> shared = new Predict<>(QA);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<List<String>>> results = new ArrayList<>();
        for (var entry : List.of(List.of("A", lmA), List.of("B", lmB))) {
          String tag = (String) entry.get(0);
          LM lm = (LM) entry.get(1);
          results.add(
              pool.submit(
                  () -> {
                    List<CompletableFuture<QaOut>> futures = new ArrayList<>();
                    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
                      for (int i = 0; i < perContext; i++) {
                        String q = tag + "-" + i;
                        // Each call chains a second one, which runs on whatever thread completes the first.
                        futures.add(shared.acall(new QaIn(q)).thenCompose(o -> shared.acall(new QaIn(o.answer()))));
                      }
                    }
                    List<String> answers = new ArrayList<>();
                    for (CompletableFuture<QaOut> f : futures) {
                      answers.add(f.get(60, TimeUnit.SECONDS).answer());
                    }
                    return answers;
                  }));
        }
        for (int c = 0; c < 2; c++) {
          String tag = c == 0 ? "A" : "B";
          List<String> answers = results.get(c).get(120, TimeUnit.SECONDS);
          for (int i = 0; i < perContext; i++) {
            assertThat(answers.get(i)).isEqualTo(tag + ":" + tag + ":" + tag + "-" + i);
          }
        }
        assertThat(a.requests()).hasSize(2 * perContext);
        assertThat(b.requests()).hasSize(2 * perContext);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void cancellingAforwardCancelsTheHttpCall() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    try (OpenAiServer server =
            OpenAiServer.answering(
                body -> {
                  arrived.countDown();
                  return new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).body("{}").build();
                });
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      CompletableFuture<QaOut> f = new Predict<>(QA).lm(lm).acall(new QaIn("slow"));
      assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();

      f.cancel(true);

      assertThrows(CancellationException.class, f::join);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (lm.inFlight() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(lm.inFlight()).isEqualTo(0);
    }
  }

  @Test
  void unparseableReplyRaisesAdapterParseExceptionWithRawReply() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> "I think the answer is 4.");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      AdapterParseException e =
          assertThrows(AdapterParseException.class, () -> new Predict<>(QA).lm(lm).call(new QaIn("2+2?")));
      assertThat(e.rawReply()).isEqualTo("I think the answer is 4.");
      assertThat(e.problemFields()).containsExactly("answer");
    }
  }

  @Test
  void truncatedReplyIsReportedAsTruncationNotParseFailure() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.answering(b -> OpenAiServer.completion("[[ ## answ", "length"));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).maxTokens(5).build()) {
      LMTruncatedException e =
          assertThrows(LMTruncatedException.class, () -> new Predict<>(QA).lm(lm).call(new QaIn("2+2?")));
      assertThat(e.rawReply()).isEqualTo("[[ ## answ");
      assertThat(e).hasMessageThat().contains("maxTokens 5");
    }
  }
}
