package dev.jspy;

import dev.jspy.lm.LM;
import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchTest {
  @Test
  void runsAtMostTheWindowAtOnceAndKeepsInputOrder() throws Exception {
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    AtomicInteger now = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    Module<Integer, String> slowSquare =
        new Module<>() {
          @Override
          public CompletableFuture<String> aforward(Integer x) {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            CompletableFuture<String> f = new CompletableFuture<>();
            // Later inputs finish sooner: order must come from the inputs, not from completion.
            timer.schedule(
                () -> {
                  now.decrementAndGet();
                  f.complete(x + "^2=" + x * x);
                },
                20 - x,
                TimeUnit.MILLISECONDS);
            return f;
          }
        };
    try {
      List<Integer> inputs = IntStream.range(0, 20).boxed().collect(Collectors.toList());
      List<String> out = slowSquare.abatch(inputs, 4).get(10, TimeUnit.SECONDS);
      for (int i = 0; i < 20; i++) {
        assertThat(out.get(i)).isEqualTo(i + "^2=" + i * i);
      }
      assertThat(peak.get()).isEqualTo(4);
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void tenThousandInputsThatFinishAtOnceDoNotRecurse() {
    Module<Integer, Integer> identity =
        new Module<>() {
          @Override
          public CompletableFuture<Integer> aforward(Integer x) {
            return CompletableFuture.completedFuture(x);
          }
        };
    List<Integer> inputs = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
    assertThat(identity.batch(inputs, 8)).isEqualTo(inputs);
    assertThat(identity.batch(List.of(), 8)).isEmpty();
  }

  @Test
  void aFailureFailsTheBatchAfterTheRunningInputsEnd() {
    AtomicInteger started = new AtomicInteger();
    Module<Integer, Integer> failsOnThree =
        new Module<>() {
          @Override
          public Integer forward(Integer x) {
            started.incrementAndGet();
            if (x == 3) {
              throw new IllegalStateException("three");
            }
            return x;
          }
        };
    List<Integer> inputs = IntStream.range(0, 100).boxed().collect(Collectors.toList());
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> failsOnThree.abatch(inputs, 2).get(10, TimeUnit.SECONDS));
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("three");
    assertThat(started.get()).isLessThan(100); // inputs after the failure were not started
  }

  @Test
  void batchesAPredictorOverHttp() throws Exception {
    try (OpenAiServer server = PredictTest.echoServer("A");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      Predict<PredictTest.QaIn, PredictTest.QaOut> p = new Predict<>(PredictTest.QA).lm(lm);
      List<PredictTest.QaIn> inputs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        inputs.add(new PredictTest.QaIn("q" + i));
      }
      List<PredictTest.QaOut> out = p.batch(inputs, 16);
      for (int i = 0; i < 50; i++) {
        assertThat(out.get(i).answer()).isEqualTo("A:q" + i);
      }
    }
  }
}
