package dev.jspy.e2e;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.lm.AuthenticationException;
import dev.jspy.History;
import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMTruncatedException;
import dev.jspy.Tool;
import dev.jspy.signature.FieldType;
import dev.jspy.adapters.JSONAdapter;
import dev.jspy.lm.OpenAiLM;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jspy against llama.cpp's server with a real (tiny) model. The model only writes children's stories, so
 * these tests check the protocol, parsing and types, never whether answers are right.
 */
@SuppressWarnings("try") // scopes are opened for their effect on the block
class LlamaServerTest {
  private static LlamaServer server;
  private static LlamaServer keyed;
  private static OpenAiLM lm;

  @BeforeAll
  static void startServers() throws Exception {
    server = LlamaServer.start("");
    keyed = LlamaServer.start("--api-key e2e-secret");
    lm = LM.builder("openai/stories260K").apiBase(server.baseUrl()).apiKey(null).maxTokens(400).cache(false)
        .param("seed", 1).build();
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (lm != null) {
      lm.close();
    }
    if (server != null) {
      server.close();
    }
    if (keyed != null) {
      keyed.close();
    }
  }

  @Test
  void stringFormTypedOutputsThroughTheJsonAdapter() {
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).adapter(JSONAdapter.INSTANCE))) {
      BookOutput out = new BookPredict().forward("dragons");

      assertThat(out.title()).isNotNull();
      assertThat(Double.isNaN(out.rating())).isFalse();
      for (Object tag : out.tags()) {
        assertThat(tag).isInstanceOf(String.class);
      }
      History.Entry call = Jspy.history().last(1).get(0);
      assertThat(call.adapter()).isEqualTo("JSONAdapter");
      assertThat(call.model()).isEqualTo("openai/stories260K");
    }
  }

  @Test
  void defaultChatAdapterFallsBackToJsonWhenTheReplyDoesNotParse() {
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      StoryQaOutput out = new StoryQaPredict().forward("Who is in the story?");

      assertThat(out.answer()).isNotNull();
      List<History.Entry> calls = Jspy.history().last(2);
      assertThat(calls.get(0).adapter()).isEqualTo("ChatAdapter");
      assertThat(calls.get(1).adapter()).isEqualTo("JSONAdapter");
    }
  }

  @Test
  void interfaceFormWithEnumAndInt() {
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).adapter(JSONAdapter.INSTANCE))) {
      MoodOutput out = new MoodPredict().forward("The cat found its ball and purred.");

      assertThat(out.feeling()).isIn(List.of(Signatures.Mood.Feeling.values()));
      assertThat(out.toString()).startsWith("Prediction(\n    feeling=");
    }
  }

  @Test
  void thirtyTwoConcurrentAsyncCalls() throws Exception {
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).adapter(JSONAdapter.INSTANCE))) {
      MoodPredict predict = new MoodPredict();
      List<CompletableFuture<MoodOutput>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        calls.add(predict.aforward("Story number " + i + " about a happy dog."));
      }
      for (CompletableFuture<MoodOutput> f : calls) {
        assertThat(f.get(120, TimeUnit.SECONDS).feeling()).isNotNull();
      }
    }
  }

  @Test
  void wrongApiKeyIsAnAuthenticationError() {
    try (OpenAiLM wrong =
        LM.builder("openai/stories260K").apiBase(keyed.baseUrl()).apiKey("not-the-key").cache(false).build()) {
      StoryQaPredict predict = new StoryQaPredict();
      predict.lm(wrong);
      AuthenticationException e = assertThrows(AuthenticationException.class, () -> predict.forward("q"));
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.serverMessage()).isEqualTo("Invalid API Key");
      assertThat(e.getMessage()).doesNotContain("not-the-key");
    }
    try (OpenAiLM right =
        LM.builder("openai/stories260K").apiBase(keyed.baseUrl()).apiKey("e2e-secret").maxTokens(400)
            .cache(false).build()) {
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(right).adapter(JSONAdapter.INSTANCE))) {
        assertThat(new StoryQaPredict().forward("q").answer()).isNotNull();
      }
    }
  }

  @Test
  void tooSmallMaxTokensIsATruncationError() {
    try (OpenAiLM tiny =
        LM.builder("openai/stories260K").apiBase(server.baseUrl()).apiKey(null).maxTokens(5).cache(false).build()) {
      BookPredict predict = new BookPredict();
      predict.lm(tiny);
      LMTruncatedException e = assertThrows(LMTruncatedException.class, () -> predict.forward("cats"));
      assertThat(e).hasMessageThat().contains("maxTokens 5");
    }
  }

  @Test
  void reactRunsToTheEndOnTheScriptsDefaultServer() throws Exception {
    // The script's defaults give each request 8,192 tokens: ReAct's prompts fit (with 512 they were refused
    // with HTTP 400), and a step the model cuts off or garbles ends the trajectory instead of failing the run.
    Tool lookup =
        Tool.of("lookup", "Looks a word up.", List.of(Tool.arg("word", FieldType.STRING)), a -> "a small animal");
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      StoryQaReActOutput out =
          new StoryQaReAct(List.of(lookup), 2).aforward("What is a cat?").get(600, TimeUnit.SECONDS);

      assertThat(out.answer()).isNotNull();
      assertThat(out.trajectory()).isNotNull();
      List<History.Entry> calls = Jspy.history().last(3);
      for (History.Entry call : calls) {
        assertThat(call.model()).isEqualTo("openai/stories260K");
      }
    }
  }
}
