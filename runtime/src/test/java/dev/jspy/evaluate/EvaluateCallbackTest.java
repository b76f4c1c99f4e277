package dev.jspy.evaluate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Callback;
import dev.jspy.Example;
import dev.jspy.Jspy;
import dev.jspy.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An evaluation is a call the callbacks see (DSPy's {@code on_evaluate_start}/{@code on_evaluate_end}), and
 * every example's calls run inside it, including those started from other examples' completion threads.
 */
@SuppressWarnings("try")
class EvaluateCallbackTest {
  /** Records evaluation and module events, and each module call's parent. */
  static final class Recorder implements Callback {
    final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    final Map<Long, Long> moduleParent = new ConcurrentHashMap<>();
    final Map<Long, Object> moduleInput = new ConcurrentHashMap<>();
    final Map<Long, Long> evaluateParent = new ConcurrentHashMap<>();
    final Map<Long, Object> evaluateResult = new ConcurrentHashMap<>();
    final Map<Long, Throwable> evaluateError = new ConcurrentHashMap<>();
    final Map<Long, Integer> evaluateSize = new ConcurrentHashMap<>();

    @Override
    public void onModuleStart(long callId, long parentCallId, Module<?, ?> module, Object input) {
      moduleParent.put(callId, parentCallId);
      moduleInput.put(callId, input);
      events.add("module-start:" + callId);
    }

    @Override
    public void onModuleEnd(long callId, Object output, Throwable error) {
      events.add("module-end:" + callId);
    }

    @Override
    public void onEvaluateStart(long callId, long parentCallId, Module<?, ?> program, List<Example> devset) {
      evaluateParent.put(callId, parentCallId);
      evaluateSize.put(callId, devset.size());
      events.add("evaluate-start:" + callId);
    }

    @Override
    public void onEvaluateEnd(long callId, Object result, Throwable error) {
      if (result != null) {
        evaluateResult.put(callId, result);
      }
      if (error != null) {
        evaluateError.put(callId, error);
      }
      events.add("evaluate-end:" + callId);
    }

    long onlyEvaluation() {
      assertThat(evaluateParent).hasSize(1);
      return evaluateParent.keySet().iterator().next();
    }
  }

  private final ExecutorService elsewhere = Executors.newFixedThreadPool(3);

  @AfterEach
  void stop() {
    elsewhere.shutdownNow();
  }

  /** Answers on another thread, so examples after the first window start from completion threads. */
  private Module<String, String> echoElsewhere() {
    return new Module<>() {
      @Override
      public CompletableFuture<String> aforward(String q) {
        return CompletableFuture.supplyAsync(() -> "a" + q.substring(1), elsewhere);
      }
    };
  }

  private static final Metric<String> EXACT = (example, prediction, trace) ->
      example.get("answer").equals(prediction) ? 1.0 : 0.0;

  @Test
  void everyExampleOfAnEvaluationLargerThanItsWindowRunsInsideIt() throws Exception {
    Recorder recorder = new Recorder();
    int n = 25;
    Evaluate evaluate = Evaluate.builder(EvaluateTest.devset(n)).numThreads(3).build();
    EvaluationResult<String> result;
    try (Jspy.Scope scope = Jspy.context(s -> s.callbacks(List.of(recorder)))) {
      result = evaluate.run(echoElsewhere(), e -> (String) e.get("question"), EXACT);
    }
    assertThat(result.score()).isEqualTo(100.0);

    long evaluation = recorder.onlyEvaluation();
    assertThat(recorder.evaluateParent.get(evaluation)).isEqualTo(0L);
    assertThat(recorder.evaluateSize.get(evaluation)).isEqualTo(n);
    assertThat(recorder.moduleParent).hasSize(n);
    recorder.moduleParent.forEach(
        (call, parent) -> assertWithMessage("parent of the call for %s", recorder.moduleInput.get(call))
            .that(parent).isEqualTo(evaluation));
    // The end comes after every example's end and carries the result the caller got.
    List<String> events = new ArrayList<>(recorder.events);
    assertThat(events.get(0)).isEqualTo("evaluate-start:" + evaluation);
    assertThat(events.get(events.size() - 1)).isEqualTo("evaluate-end:" + evaluation);
    assertThat(recorder.evaluateResult.get(evaluation)).isSameInstanceAs(result);
    assertThat(recorder.evaluateError).isEmpty();
  }

  @Test
  void anEvaluationInsideAModuleCallNamesItAsParentAndAStopIsItsEnd() throws Exception {
    Recorder recorder = new Recorder();
    Module<String, String> failing = new Module<>() {
      @Override
      public String forward(String q) {
        throw new IllegalStateException("no answer for " + q);
      }
    };
    Evaluate evaluate = Evaluate.builder(EvaluateTest.devset(6)).numThreads(2).maxErrors(2).build();
    Module<String, String> outer = new Module<>() {
      @Override
      public String forward(String unused) {
        EvaluationCancelledException stop = assertThrows(
            EvaluationCancelledException.class,
            () -> evaluate.run(failing, e -> (String) e.get("question"), EXACT));
        return stop.getClass().getSimpleName();
      }
    };
    try (Jspy.Scope scope = Jspy.context(s -> s.callbacks(List.of(recorder)))) {
      assertThat(outer.call("go")).isEqualTo("EvaluationCancelledException");
    }
    long outerCall = recorder.moduleInput.entrySet().stream()
        .filter(e -> e.getValue().equals("go")).findFirst().orElseThrow().getKey();
    long evaluation = recorder.onlyEvaluation();
    assertThat(recorder.evaluateParent.get(evaluation)).isEqualTo(outerCall);
    recorder.moduleParent.forEach((call, parent) -> {
      if (call != outerCall) {
        assertThat(parent).isEqualTo(evaluation);
      }
    });
    assertThat(recorder.evaluateError.get(evaluation)).isInstanceOf(EvaluationCancelledException.class);
    assertThat(recorder.evaluateResult).isEmpty();
  }

  @Test
  void aCancelledEvaluationEndsOnceWithACancellation() throws Exception {
    Recorder recorder = new Recorder();
    CompletableFuture<String> never = new CompletableFuture<>();
    Module<String, String> hangs = new Module<>() {
      @Override
      public CompletableFuture<String> aforward(String q) {
        return never;
      }
    };
    CompletableFuture<EvaluationResult<String>> run;
    try (Jspy.Scope scope = Jspy.context(s -> s.callbacks(List.of(recorder)))) {
      run = Evaluate.builder(EvaluateTest.devset(4)).numThreads(2).build()
          .arun(hangs, e -> (String) e.get("question"), EXACT, null);
    }
    run.cancel(true);
    long evaluation = recorder.onlyEvaluation();
    assertThat(recorder.evaluateError.get(evaluation))
        .isInstanceOf(java.util.concurrent.CancellationException.class);
    assertThat(recorder.events.stream().filter(e -> e.startsWith("evaluate-end")).count()).isEqualTo(1);
  }
}
