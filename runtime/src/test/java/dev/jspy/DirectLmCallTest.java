package dev.jspy;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.jspy.lm.LM;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Message;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.lm.Usage;
import dev.jspy.testing.OpenAiServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A direct {@code lm.call}/{@code acall}, outside any module, is observed as DSPy's {@code lm(...)} is. */
class DirectLmCallTest {
  private static final LMRequest HELLO = LMRequest.of(List.of(Message.user("hello")));

  @BeforeEach
  @AfterEach
  void reset() {
    Jspy.configure(s -> s.lm(null).callbacks(List.of()).usageTracker(null));
    Jspy.history().clear();
  }

  /** Records every LM event as text. */
  static final class Recording implements Callback {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {
      events.add("start " + callId + " parent " + parentCallId + " " + request.messages().get(0).content());
    }

    @Override
    public void onLmEnd(long callId, LMResponse response, Throwable error) {
      events.add("end " + callId + " " + (response == null ? "error " + error : response.text()));
    }
  }

  @Test
  void aDirectCallFiresTheConfiguredCallbacksAndRecordsHistory() throws Exception {
    Recording recording = new Recording();
    UsageTracker usage = new UsageTracker();
    Jspy.configure(s -> s.callbacks(List.of(recording)).usageTracker(usage));
    try (OpenAiServer server = OpenAiServer.replying(body -> "hi there");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      LMResponse r = lm.call(HELLO);

      assertThat(r.text()).isEqualTo("hi there");
      assertThat(recording.events).hasSize(2);
      String start = recording.events.get(0);
      long id = Long.parseLong(start.split(" ")[1]);
      assertThat(start).isEqualTo("start " + id + " parent 0 hello");
      assertThat(recording.events.get(1)).isEqualTo("end " + id + " hi there");
      List<History.Entry> history = Jspy.history().last(1);
      assertThat(history).hasSize(1);
      assertThat(history.get(0).messages()).isEqualTo(HELLO.messages());
      assertThat(history.get(0).outputs()).containsExactly("hi there");
      assertThat(history.get(0).model()).isEqualTo("openai/m");
      assertThat(usage.byModel()).containsKey("openai/m");
    }
  }

  @Test
  void aDirectAcallOfAnLmOfYourOwnIsObservedToo() throws Exception {
    Recording recording = new Recording();
    Jspy.configure(s -> s.callbacks(List.of(recording)));
    LM own =
        new LM() {
          @Override
          public String model() {
            return "own";
          }

          @Override
          public CompletableFuture<LMResponse> acall(LMRequest request) {
            return CompletableFuture.completedFuture(
                new LMResponse(List.of(new LMResponse.Choice("mine", "stop")), Usage.NONE, "own"));
          }

          @Override
          public void close() {}
        };

    assertThat(own.call(HELLO).text()).isEqualTo("mine");

    assertThat(recording.events).hasSize(2);
    assertThat(recording.events.get(1)).endsWith(" mine");
    assertThat(Jspy.history().last(1).get(0).outputs()).containsExactly("mine");
  }

  @Test
  void anLmWrappingAnotherIsObservedOncePerCall() throws Exception {
    Recording recording = new Recording();
    Jspy.configure(s -> s.callbacks(List.of(recording)));
    try (OpenAiServer server = OpenAiServer.replying(body -> "inner");
        OpenAiLM inner = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      LM wrapper =
          new LM() {
            @Override
            public String model() {
              return "wrapper";
            }

            @Override
            public CompletableFuture<LMResponse> acall(LMRequest request) {
              return inner.acall(request);
            }

            @Override
            public void close() {}
          };

      assertThat(wrapper.call(HELLO).text()).isEqualTo("inner");

      assertThat(recording.events).hasSize(2);
      assertWithMessage(String.valueOf(Jspy.history().entries())).that(Jspy.history().entries()).hasSize(1);
      assertThat(Jspy.history().entries().get(0).model()).isEqualTo("wrapper");
    }
  }

  @Test
  void aPredictorsLmCallIsObservedOnceWithItsModuleAsParent() throws Exception {
    Recording recording = new Recording();
    List<Long> moduleIds = Collections.synchronizedList(new ArrayList<>());
    Callback modules =
        new Callback() {
          @Override
          public void onModuleStart(long callId, long parentCallId, Module<?, ?> module, Object input) {
            moduleIds.add(callId);
          }
        };
    try (OpenAiServer server = PredictTest.echoServer("A");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      Jspy.configure(s -> s.lm(lm).callbacks(List.of(recording, modules)));

      new Predict<>(PredictTest.QA).acall(new PredictTest.QaIn("q")).get(60, TimeUnit.SECONDS);

      assertThat(recording.events).hasSize(2);
      assertThat(moduleIds).hasSize(1);
      assertThat(recording.events.get(0)).contains(" parent " + moduleIds.get(0) + " ");
      assertThat(Jspy.history().last(1).get(0).adapter()).isEqualTo("ChatAdapter");
    }
  }

  @Test
  void configKeysForTheCacheBecomeTypedOptions() throws Exception {
    try (OpenAiServer server = PredictTest.echoServer("A");
        OpenAiLM lm = LM.builder("openai/m").apiBase(server.baseUrl())
            .cache(dev.jspy.cache.LMCache.builder().disk(false).build()).build()) {
      Jspy.configure(s -> s.lm(lm));
      Predict<PredictTest.QaIn, PredictTest.QaOut> p = new Predict<>(PredictTest.QA);

      p.config(Map.of("rollout_id", 7)).call(new PredictTest.QaIn("q"));
      p.config(Map.of("rollout_id", 7)).call(new PredictTest.QaIn("q"));
      p.config(Map.of("rollout_id", 8)).call(new PredictTest.QaIn("q"));
      p.config(Map.of("rollout_id", 8, "cache", false)).call(new PredictTest.QaIn("q"));

      assertThat(server.requests()).hasSize(3); // 7, 8, then 8 again past the cache
      for (var body : server.requests()) {
        assertThat(body.has("rollout_id")).isFalse();
        assertThat(body.has("cache")).isFalse();
      }
    }
  }
}
