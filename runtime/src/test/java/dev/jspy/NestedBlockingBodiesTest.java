package dev.jspy;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.internal.Workers;
import dev.jspy.signature.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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

  /** Only {@code forward}: waits (after every lane slot is taken) for what {@code nested} starts. */
  static final class Waiting extends Module<Integer, Object> {
    final CountDownLatch allStarted;
    final Function<Integer, CompletableFuture<?>> nested;

    Waiting(CountDownLatch allStarted, Function<Integer, CompletableFuture<?>> nested) {
      this.allStarted = allStarted;
      this.nested = nested;
    }

    @Override
    public Object forward(Integer x) {
      try {
        allStarted.countDown();
        allStarted.await(10, TimeUnit.SECONDS);
        return nested.apply(x).get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the nested work never ran: " + e, e);
      }
    }
  }

  private static void runAll(Function<CountDownLatch, Module<Integer, Object>> outer) throws Exception {
    int lane = Math.max(1, Workers.maxThreads() / 2);
    CountDownLatch allStarted = new CountDownLatch(lane);
    List<CompletableFuture<Object>> calls = new ArrayList<>();
    for (int i = 0; i < lane + 4; i++) {
      calls.add(outer.apply(allStarted).acall(i));
    }
    for (CompletableFuture<Object> c : calls) {
      assertThat(c.get(60, TimeUnit.SECONDS)).isNotNull();
    }
  }

  /** The nested body is started from another thread, by a continuation: the settings carry the nesting. */
  @Test
  void aNestedBodyStartedFromAContinuationOnAnotherThreadDoesNotQueueBehindItsParent() throws Exception {
    ExecutorService elsewhere = Executors.newFixedThreadPool(2);
    try {
      Module<Integer, Integer> first = new Module<>() {
        @Override
        public CompletableFuture<Integer> aforward(Integer x) {
          return CompletableFuture.supplyAsync(() -> x, elsewhere);
        }
      };
      Inner inner = new Inner();
      runAll(latch -> new Waiting(latch, x -> first.acall(x).thenCompose(inner::acall)));
    } finally {
      elsewhere.shutdownNow();
    }
  }

  /** A ReAct agent's synchronous tool, run for an agent started inside a body, does not queue behind it. */
  @Test
  void aReActToolInsideABodyDoesNotQueueBehindIt() throws Exception {
    GateLM lm = new GateLM("agents", ModuleCallTest::reply);
    lm.open();
    try {
      Tool lookup = Tool.of("lookup", "Looks up.", List.of(), (Values a) -> "found");
      ReAct<PredictTest.QaIn, Object[]> agent = new ReAct<>(PredictTest.QA, List.of(lookup), 5, Values::toArray);
      agent.lm(lm);
      runAll(latch -> new Waiting(latch, x -> agent.aforward(new PredictTest.QaIn("q" + x))));
    } finally {
      lm.close();
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
