package dev.jspy;

import dev.jspy.lm.LM;
import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.adapters.Adapter;
import dev.jspy.adapters.ChatAdapter;
import dev.jspy.adapters.JSONAdapter;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.lm.Message;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.testing.OpenAiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where and how Predict parses a reply: never on the LM's I/O threads, with the JSON fallback after any
 * failure of the first adapter's parse (as DSPy's ChatAdapter falls back on every error but an LM
 * error), and a truncated reply that parses is a result, with a warning.
 */
@Timeout(60) // a hang guard only
class PredictParseTest {
  @AfterEach
  void reset() {
    Jspy.configure(s -> s.lm(null).adapter(ChatAdapter.INSTANCE));
  }

  /** The ChatAdapter's prompt and parse; records the parsing thread and may fail the parse. */
  static final class Probe implements Adapter {
    final List<String> parseThreads = new CopyOnWriteArrayList<>();
    private final RuntimeException parseFailure;
    private final Adapter fallback;

    Probe(RuntimeException parseFailure, Adapter fallback) {
      this.parseFailure = parseFailure;
      this.fallback = fallback;
    }

    @Override
    public String name() {
      return "Probe";
    }

    @Override
    public List<Message> format(
        SignatureSpec<?, ?> signature, List<Map<String, Object>> demos, Map<String, Object> inputs) {
      return ChatAdapter.INSTANCE.format(signature, demos, inputs);
    }

    @Override
    public Object[] parse(SignatureSpec<?, ?> signature, String completion) {
      parseThreads.add(Thread.currentThread().getName());
      if (parseFailure != null) {
        throw parseFailure;
      }
      return ChatAdapter.INSTANCE.parse(signature, completion);
    }

    @Override
    public Adapter fallback() {
      return fallback;
    }
  }

  static OpenAiLM lm(OpenAiServer server) {
    return LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).numRetries(0).build();
  }

  @Test
  void theReplyIsParsedOffTheLmIoThreads() throws Exception {
    Probe probe = new Probe(null, null);
    try (OpenAiServer server = PredictTest.echoServer("A");
        OpenAiLM lm = lm(server)) {
      Jspy.configure(s -> s.adapter(probe));
      Predict<PredictTest.QaIn, PredictTest.QaOut> p = new Predict<>(PredictTest.QA).lm(lm);

      for (int i = 0; i < 3; i++) {
        assertThat(p.acall(new PredictTest.QaIn("q" + i)).get(30, TimeUnit.SECONDS).answer()).isEqualTo("A:q" + i);
      }

      assertThat(probe.parseThreads).hasSize(3);
      for (String thread : probe.parseThreads) {
        // OkHttp names the dispatcher thread "OkHttp <url>" while it runs a call; jspy's LM threads
        // (dispatcher pool, retry scheduler) are "jspy-lm-…".
        assertThat(thread).doesNotContain("OkHttp");
        assertThat(thread).doesNotContain("jspy-lm-");
        assertThat(thread).startsWith("jspy-worker-"); // the runtime's own worker
      }
    }
  }

  @Test
  void anyParseFailureOfTheFirstAdapterFallsBackToJson() throws Exception {
    Probe probe = new Probe(new IllegalStateException("a bug in the parser"), JSONAdapter.INSTANCE);
    try (OpenAiServer server =
            OpenAiServer.replying(
                body ->
                    body.has("response_format")
                        ? "{\"answer\": \"from json\"}"
                        : "[[ ## answer ## ]]\nfrom chat\n\n[[ ## completed ## ]]\n");
        OpenAiLM lm = lm(server)) {
      Jspy.configure(s -> s.adapter(probe));

      PredictTest.QaOut out = new Predict<>(PredictTest.QA).lm(lm).call(new PredictTest.QaIn("q"));

      assertThat(out.answer()).isEqualTo("from json");
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void aParseFailureWithoutFallbackIsRaisedAsItIs() throws Exception {
    Probe probe = new Probe(new IllegalStateException("a bug in the parser"), null);
    try (OpenAiServer server = PredictTest.echoServer("A");
        OpenAiLM lm = lm(server)) {
      Jspy.configure(s -> s.adapter(probe));

      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> new Predict<>(PredictTest.QA).lm(lm).call(new PredictTest.QaIn("q")));

      assertThat(e).hasMessageThat().isEqualTo("a bug in the parser");
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void aTruncatedReplyThatParsesIsAResultWithAWarning() throws Exception {
    // Tests log to target/test-log.txt (src/test/resources/simplelogger.properties): read what this call adds.
    Path logFile = Path.of("target", "test-log.txt");
    try (OpenAiServer server =
            OpenAiServer.answering(b -> OpenAiServer.completion("[[ ## answer ## ]]\nfour and a ha", "length"));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).maxTokens(9).build()) {
      org.slf4j.LoggerFactory.getLogger(PredictParseTest.class).info("truncation test starts"); // opens the file
      long before = Files.size(logFile);
      PredictTest.QaOut out = new Predict<>(PredictTest.QA).lm(lm).call(new PredictTest.QaIn("q"));

      assertThat(out.answer()).isEqualTo("four and a ha");
      assertThat(server.requests()).hasSize(1);
      byte[] all = Files.readAllBytes(logFile);
      String log = new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
      assertThat(log).contains("WARN");
      assertThat(log).contains("truncated");
      assertThat(log).contains("max_tokens=9");
    }
  }
}
