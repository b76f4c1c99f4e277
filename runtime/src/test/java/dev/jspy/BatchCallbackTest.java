package dev.jspy;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A batch is a call the callbacks see, and every input's call runs inside it, whichever thread starts it. */
@SuppressWarnings("try")
class BatchCallbackTest {
  static final class Recorder implements Callback {
    final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    final Map<Long, Long> moduleParent = new ConcurrentHashMap<>();
    final Map<Long, Object> moduleInput = new ConcurrentHashMap<>();
    final Map<Long, Long> batchParent = new ConcurrentHashMap<>();
    final Map<Long, List<?>> batchInputs = new ConcurrentHashMap<>();
    final Map<Long, List<?>> batchOutputs = new ConcurrentHashMap<>();
    final Map<Long, Throwable> batchError = new ConcurrentHashMap<>();

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
    public void onBatchStart(long callId, long parentCallId, Module<?, ?> module, List<?> inputs) {
      batchParent.put(callId, parentCallId);
      batchInputs.put(callId, inputs);
      events.add("batch-start:" + callId);
    }

    @Override
    public void onBatchEnd(long callId, List<?> outputs, Throwable error) {
      if (outputs != null) {
        batchOutputs.put(callId, outputs);
      }
      if (error != null) {
        batchError.put(callId, error);
      }
      events.add("batch-end:" + callId);
    }

    long onlyBatch() {
      assertThat(batchParent).hasSize(1);
      return batchParent.keySet().iterator().next();
    }
  }

  private final ExecutorService elsewhere = Executors.newFixedThreadPool(3);

  @AfterEach
  void stop() {
    elsewhere.shutdownNow();
  }

  private Module<Integer, Integer> squareElsewhere() {
    return new Module<>() {
      @Override
      public CompletableFuture<Integer> aforward(Integer x) {
        return CompletableFuture.supplyAsync(() -> x * x, elsewhere);
      }
    };
  }

  @Test
  void everyInputOfABatchLargerThanItsWindowRunsInsideIt() throws Exception {
    Recorder recorder = new Recorder();
    List<Integer> inputs = IntStream.range(0, 20).boxed().collect(Collectors.toList());
    List<Integer> out;
    try (Jspy.Scope scope = Jspy.context(s -> s.callbacks(List.of(recorder)))) {
      out = squareElsewhere().abatch(inputs, 3).get(30, TimeUnit.SECONDS);
    }
    long batch = recorder.onlyBatch();
    assertThat(recorder.batchParent.get(batch)).isEqualTo(0L);
    assertThat(recorder.batchInputs.get(batch)).isEqualTo(inputs);
    assertThat(recorder.moduleParent).hasSize(20);
    recorder.moduleParent.forEach((call, parent) -> assertThat(parent).isEqualTo(batch));
    List<String> events = new ArrayList<>(recorder.events);
    assertThat(events.get(0)).isEqualTo("batch-start:" + batch);
    assertThat(events.get(events.size() - 1)).isEqualTo("batch-end:" + batch);
    assertThat(recorder.batchOutputs.get(batch)).isEqualTo(out);
  }

  @Test
  void aBatchInsideAModuleCallNamesItAsParentAndItsFailureIsItsEnd() {
    Recorder recorder = new Recorder();
    Module<Integer, Integer> failsOnThree = new Module<>() {
      @Override
      public Integer forward(Integer x) {
        if (x == 3) {
          throw new IllegalStateException("three");
        }
        return x;
      }
    };
    Module<String, Integer> outer = new Module<>() {
      @Override
      public Integer forward(String unused) {
        return failsOnThree.batch(List.of(1, 2, 3, 4, 5), 2).size();
      }
    };
    try (Jspy.Scope scope = Jspy.context(s -> s.callbacks(List.of(recorder)))) {
      assertThrows(IllegalStateException.class, () -> outer.call("go"));
    }
    long outerCall = recorder.moduleInput.entrySet().stream()
        .filter(e -> e.getValue().equals("go")).findFirst().orElseThrow().getKey();
    long batch = recorder.onlyBatch();
    assertThat(recorder.batchParent.get(batch)).isEqualTo(outerCall);
    recorder.moduleParent.forEach((call, parent) -> {
      if (call != outerCall) {
        assertThat(parent).isEqualTo(batch);
      }
    });
    assertThat(recorder.batchError.get(batch)).hasMessageThat().isEqualTo("three");
    assertThat(recorder.batchOutputs).isEmpty();
  }

  @Test
  void aCancelledBatchEndsOnceWithACancellation() {
    Recorder recorder = new Recorder();
    Module<Integer, Integer> hangs = new Module<>() {
      @Override
      public CompletableFuture<Integer> aforward(Integer x) {
        return new CompletableFuture<>();
      }
    };
    CompletableFuture<List<Integer>> running;
    try (Jspy.Scope scope = Jspy.context(s -> s.callbacks(List.of(recorder)))) {
      running = hangs.abatch(List.of(1, 2, 3), 2);
    }
    running.cancel(true);
    long batch = recorder.onlyBatch();
    assertThat(recorder.batchError.get(batch)).isInstanceOf(CancellationException.class);
    assertThat(recorder.events.stream().filter(e -> e.startsWith("batch-end")).count()).isEqualTo(1);
  }

  @Test
  void anEmptyBatchStartsAndEnds() {
    Recorder recorder = new Recorder();
    try (Jspy.Scope scope = Jspy.context(s -> s.callbacks(List.of(recorder)))) {
      assertThat(squareElsewhere().batch(List.of(), 2)).isEmpty();
    }
    long batch = recorder.onlyBatch();
    assertThat(recorder.batchOutputs.get(batch)).isEmpty();
    assertThat(recorder.events).hasSize(2);
  }
}
