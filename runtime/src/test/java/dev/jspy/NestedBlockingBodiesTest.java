package dev.jspy;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.internal.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Synchronous bodies run by asynchronous callers share a bounded lane of jspy's workers. A body that starts
 * another synchronous body (the {@code aforward} of a module that only has {@code forward}) and waits for
 * it must not queue behind its own parents: with the lane full of parents, that was a deadlock.
 */
class NestedBlockingBodiesTest {

  /** Only {@code forward}: its {@code aforward} runs it on the blocking lane. */
  static final class Inner extends Module<Integer, Integer> {
    @Override
    public Integer forward(Integer x) {
      return x + 1;
    }
  }

  /** Only {@code forward}, which waits (by plain {@code get}) for an inner module's {@code aforward}. */
  static final class Outer extends Module<Integer, Integer> {
    final Inner inner = new Inner();
    final CountDownLatch allStarted;

    Outer(CountDownLatch allStarted) {
      this.allStarted = allStarted;
    }

    @Override
    public Integer forward(Integer x) {
      try {
        allStarted.countDown();
        allStarted.await(10, TimeUnit.SECONDS); // every lane slot is taken by an outer body now
        return inner.aforward(x).get(20, TimeUnit.SECONDS) * 10;
      } catch (Exception e) {
        throw new IllegalStateException("inner body never ran: " + e, e);
      }
    }
  }

  @Test
  void aBodyWaitingForANestedBodyNeverWaitsBehindItsParents() throws Exception {
    int lane = Math.max(1, Workers.maxThreads() / 2);
    CountDownLatch allStarted = new CountDownLatch(lane);
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < lane + 4; i++) {
      calls.add(new Outer(allStarted).acall(i));
    }
    for (int i = 0; i < calls.size(); i++) {
      assertThat(calls.get(i).get(60, TimeUnit.SECONDS)).isEqualTo((i + 1) * 10);
    }
  }
}
