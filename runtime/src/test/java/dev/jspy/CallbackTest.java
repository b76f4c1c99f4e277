package dev.jspy;

import dev.jspy.core.ConfigurationException;
import dev.jspy.lm.LM;
import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.Values;
import dev.jspy.testing.OpenAiServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallbackTest {
  /** Records every event as "kind:id:detail". */
  static final class Recorder implements Callback {
    final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

    @Override
    public void onModuleStart(long id, long parentCallId, Module<?, ?> module, Object input) {
      events.add("module-start:" + id + ":" + input);
    }

    @Override
    public void onModuleEnd(long id, Object output, Throwable error) {
      events.add("module-end:" + id + ":" + (error != null ? "error " + error.getClass().getSimpleName() : output));
    }

    @Override
    public void onLmStart(long id, long parentCallId, LM lm, LMRequest request) {
      events.add("lm-start:" + id + ":" + lm.model() + ":" + request.messages().size());
    }

    @Override
    public void onLmEnd(long id, LMResponse response, Throwable error) {
      events.add("lm-end:" + id + ":" + (error != null ? "error" : response.usage().totalTokens()));
    }

    @Override
    public void onToolStart(long id, long parentCallId, Tool tool, Map<String, Object> args) {
      events.add("tool-start:" + id + ":" + tool.name() + args);
    }

    @Override
    public void onToolEnd(long id, Object result, Throwable error) {
      events.add("tool-end:" + id + ":" + (error != null ? "error " + error.getMessage() : result));
    }

    List<String> kinds() {
      return events.stream().map(e -> e.substring(0, e.indexOf(':'))).toList();
    }
  }

  @AfterEach
  void reset() {
    Jspy.configure(s -> s.lm(null).callbacks(List.of()));
  }

  @Test
  void seesModuleAndLmCallsSyncAndAsyncWithMatchingIds() throws Exception {
    Recorder recorder = new Recorder();
    try (OpenAiServer server = PredictTest.echoServer("A");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      Jspy.configure(s -> s.lm(lm).callbacks(List.of(recorder)));
      Predict<PredictTest.QaIn, PredictTest.QaOut> p = new Predict<>(PredictTest.QA);

      p.call(new PredictTest.QaIn("one"));
      assertThat(recorder.kinds()).containsExactly("module-start", "lm-start", "lm-end", "module-end").inOrder();
      List<String> events = List.copyOf(recorder.events);
      String moduleId = events.get(0).split(":")[1];
      assertThat(events.get(3)).startsWith("module-end:" + moduleId + ":");
      assertThat(events.get(1)).isEqualTo("lm-start:" + events.get(1).split(":")[1] + ":openai/m:2");
      assertThat(events.get(2)).endsWith(":18"); // usage reported

      recorder.events.clear();
      p.acall(new PredictTest.QaIn("two")).get(10, TimeUnit.SECONDS);
      assertThat(recorder.kinds()).containsExactly("module-start", "lm-start", "lm-end", "module-end");
    }
  }

  @Test
  void seesFailuresAndToolCallsAndSurvivesAThrowingCallback() throws Exception {
    Recorder recorder = new Recorder();
    Callback broken =
        new Callback() {
          @Override
          public void onModuleStart(long id, long parentCallId, Module<?, ?> module, Object input) {
            throw new IllegalStateException("a broken metrics exporter");
          }
        };
    Tool add =
        Tool.of(
            "add", "Adds.", List.of(Tool.arg("a", FieldType.INT), Tool.arg("b", FieldType.INT)),
            (Values v) -> v.<Integer>get(0) + v.<Integer>get(1));
    try (Jspy.Scope scope = Jspy.context(s -> s.callbacks(List.of(broken, recorder)))) {
      assertThat(add.call(Map.of("a", 2, "b", 3))).isEqualTo(5);
      assertThat(add.acall(Map.of("a", 1, "b", 1)).get(10, TimeUnit.SECONDS)).isEqualTo(2);
      assertThrows(ToolException.class, () -> add.call(Map.of("a", "x", "b", 1)));
      ConfigurationException noLm =
          assertThrows(ConfigurationException.class, () -> new Predict<>(PredictTest.QA).call(new PredictTest.QaIn("q")));
      assertThat(noLm).isNotNull();
    }
    assertThat(recorder.kinds())
        .containsExactly(
            "tool-start", "tool-end", "tool-start", "tool-end", "tool-start", "tool-end", "module-start", "module-end")
        .inOrder();
    List<String> events = List.copyOf(recorder.events);
    assertThat(events.get(1)).endsWith(":5");
    assertThat(events.get(5)).contains("error tool 'add': Arg a is invalid");
    assertThat(events.get(7)).endsWith("error ConfigurationException");
  }
}
