package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.jspy.Callback;
import dev.jspy.Jspy;
import dev.jspy.Module;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every public way to run a generated predictor (the typed overloads and the input-record forms of
 * {@code forward}/{@code aforward}, {@code call}/{@code acall}) is one module call: the same callbacks,
 * with the same parents.
 */
@Timeout(60)
class EntryPointTest {
  /** "module X in parent", "lm in X", "end X", with the module's class as its name. */
  static final class Recorder implements Callback {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final Map<Long, String> names = new ConcurrentHashMap<>();

    @Override
    public void onModuleStart(long callId, long parentCallId, Module<?, ?> module, Object input) {
      String name = module.getClass().getSimpleName();
      names.put(callId, name);
      events.add("module " + name + " in " + (parentCallId == 0 ? "top" : names.get(parentCallId)));
    }

    @Override
    public void onModuleEnd(long callId, Object output, Throwable error) {
      events.add("end " + names.get(callId));
    }

    @Override
    public void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {
      events.add("lm in " + (parentCallId == 0 ? "top" : names.get(parentCallId)));
    }

    List<String> during(Supplier<?> run) {
      events.clear();
      Object unused = run.get();
      synchronized (events) {
        return List.copyOf(events);
      }
    }
  }

  @AfterEach
  void reset() {
    Wire.resetGlobalSettings();
  }

  @Test
  void theTypedAndRecordFormsOfAGeneratedPredictorAreOneCall() throws Exception {
    Recorder rec = new Recorder();
    try (OpenAiServer server = OpenAiServer.replying(b -> Wire.reply("reasoning", "r", "answer", "A"));
        OpenAiLM lm = Wire.lm(server)) {
      Jspy.configure(s -> s.lm(lm).callbacks(List.of(rec)));
      QaPredict qa = new QaPredict();
      List<String> predict = List.of("module QaPredict in top", "lm in QaPredict", "end QaPredict");
      assertThat(rec.during(() -> qa.forward("q"))).containsExactlyElementsIn(predict).inOrder();
      assertThat(rec.during(() -> qa.forward(new QaInput("q")))).containsExactlyElementsIn(predict).inOrder();
      assertThat(rec.during(() -> qa.call(new QaInput("q")))).containsExactlyElementsIn(predict).inOrder();
      assertThat(rec.during(() -> qa.aforward("q").join())).containsExactlyElementsIn(predict).inOrder();
      assertThat(rec.during(() -> qa.aforward(new QaInput("q")).join())).containsExactlyElementsIn(predict).inOrder();
      assertThat(rec.during(() -> qa.acall(new QaInput("q")).join())).containsExactlyElementsIn(predict).inOrder();

      QaChainOfThought cot = new QaChainOfThought();
      List<String> chain =
          List.of("module QaChainOfThought in top", "module Predict in QaChainOfThought", "lm in Predict", "end Predict",
              "end QaChainOfThought");
      assertThat(rec.during(() -> cot.forward("q"))).containsExactlyElementsIn(chain).inOrder();
      assertThat(rec.during(() -> cot.forward(new QaInput("q")))).containsExactlyElementsIn(chain).inOrder();
      assertThat(rec.during(() -> cot.aforward("q").orTimeout(30, SECONDS).join())).containsExactlyElementsIn(chain).inOrder();
      assertThat(rec.during(() -> cot.aforward(new QaInput("q")).orTimeout(30, SECONDS).join()))
          .containsExactlyElementsIn(chain)
          .inOrder();
    }
  }
}
