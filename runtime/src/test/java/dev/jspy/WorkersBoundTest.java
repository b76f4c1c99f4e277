package dev.jspy;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.internal.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runtime's own threads stay within one bound, whatever the burst; queued work holds no thread. */
class WorkersBoundTest {
  @AfterEach
  void reset() {
    Jspy.configure(s -> s.lm(null));
  }

  /** Live threads the runtime owns: jspy's, except the LM's I/O and cache threads (the LM's own). */
  private static int runtimeThreads() {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String name = t.getName();
      if (t.isAlive() && name.startsWith("jspy-") && !name.startsWith("jspy-lm-") && !name.startsWith("jspy-cache")
          && !name.startsWith("jspy-loopback")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aBurstOfBlockingAndAsyncCallsStaysWithinTheBound() throws Exception {
    int bound = Workers.maxThreads();
    int n = 3 * bound + 10;
    try (GateLM lm = GateLM.answering("burst", "A")) {
      Jspy.configure(s -> s.lm(lm));
      Predict<PredictTest.QaIn, PredictTest.QaOut> qa = new Predict<>(PredictTest.QA);
      // A module with only forward: each acall runs its body on a runtime thread, blocked on the LM.
      Module<String, String> blocking =
          new Module<>() {
            @Override
            public String forward(String q) {
              return qa.forward(new PredictTest.QaIn(q)).answer();
            }
          };
      AtomicInteger peak = new AtomicInteger();
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler =
          new Thread(
              () -> {
                while (sampling.get()) {
                  peak.accumulateAndGet(runtimeThreads(), Math::max);
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bound-sampler");
      sampler.setDaemon(true);
      sampler.start();

      List<CompletableFuture<String>> bodies = new ArrayList<>();
      List<CompletableFuture<PredictTest.QaOut>> direct = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        bodies.add(blocking.acall("q" + i));
        direct.add(qa.acall(new PredictTest.QaIn("d" + i)));
      }
      // Every direct call and as many bodies as may block at once have reached the LM before it answers.
      long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (lm.requests() < n + bound / 2 && System.nanoTime() < guard) {
        Thread.sleep(5);
      }
      assertThat(lm.requests()).isAtLeast(n + bound / 2);
      lm.open();
      for (CompletableFuture<String> f : bodies) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo("A"); // hang guards: no deadlock
      }
      for (CompletableFuture<PredictTest.QaOut> f : direct) {
        assertThat(f.get(60, TimeUnit.SECONDS).answer()).isEqualTo("A");
      }
      sampling.set(false);
      sampler.join();
      assertThat(peak.get()).isGreaterThan(0);
      assertThat(peak.get()).isAtMost(bound);
      assertThat(lm.requests()).isEqualTo(2 * n);
    }
  }
}
