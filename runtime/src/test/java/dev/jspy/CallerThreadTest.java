package dev.jspy;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.core.JspyException;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMException;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Message;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.Values;
import dev.jspy.testing.OpenAiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * A caller that blocks for the reply (a synchronous {@code forward}, {@code LM.call}) gets the HTTP exchange
 * made on its own thread, as OkHttp's {@code execute}: no hand-off to an I/O thread and back, which is what
 * a blocking call used to pay on every request. The bound on requests in flight is one for both kinds.
 */
class CallerThreadTest {
  private static final String REPLY =
      "[[ ## reasoning ## ]]\nadd\n\n[[ ## answer ## ]]\nfour\n\n[[ ## completed ## ]]\n";

  /** An OkHttpClient whose application interceptor records the thread each request is made on. */
  private static OkHttpClient recording(List<Thread> threads) {
    return new OkHttpClient.Builder()
        .addInterceptor(
            chain -> {
              threads.add(Thread.currentThread());
              return chain.proceed(chain.request());
            })
        .build();
  }

  @Test
  void aSynchronousForwardMakesItsExchangeOnTheCallersThread() throws Exception {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    try (OpenAiServer server = OpenAiServer.replying(body -> REPLY);
        OpenAiLM lm =
            LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).client(recording(threads)).build()) {
      ModuleCallTest.QaPredict qa = new ModuleCallTest.QaPredict();
      qa.lm(lm);
      assertThat(qa.forward("2+2?").answer()).isEqualTo("four");
      ChainOfThought<PredictTest.QaIn, Object[]> cot = new ChainOfThought<>(PredictTest.QA, Values::toArray, o -> o);
      assertThat(cot.lm(lm).forward(new PredictTest.QaIn("q"))).asList().containsExactly("add", "four");
      assertThat(lm.call(LMRequest.of(List.of(Message.user("hi")))).text()).isEqualTo(REPLY);

      assertThat(threads).containsExactly(Thread.currentThread(), Thread.currentThread(), Thread.currentThread());
    }
  }

  @Test
  void anAsynchronousCallStillRunsOnTheLmsThreads() throws Exception {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    try (OpenAiServer server = OpenAiServer.replying(body -> REPLY);
        OpenAiLM lm =
            LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).client(recording(threads)).build()) {
      ModuleCallTest.QaPredict qa = new ModuleCallTest.QaPredict();
      qa.lm(lm);
      assertThat(qa.aforward("2+2?").get(30, TimeUnit.SECONDS).answer()).isEqualTo("four");
      assertThat(lm.acall(LMRequest.of(List.of(Message.user("hi")))).get(30, TimeUnit.SECONDS).text())
          .isEqualTo(REPLY);

      assertThat(threads).hasSize(2);
      assertThat(threads).doesNotContain(Thread.currentThread());
    }
  }

  /** Blocking callers beyond {@code maxConcurrency} wait their turn behind the queued asynchronous calls. */
  @Test
  void blockingAndAsynchronousCallsShareOneBoundOnRequestsInFlight() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger arrived = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    try (OpenAiServer server =
            OpenAiServer.answering(
                b -> {
                  peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                  arrived.incrementAndGet();
                  try {
                    release.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  now.decrementAndGet();
                  return OpenAiServer.completion(REPLY, "stop");
                });
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).maxConcurrency(2).build()) {
      List<CompletableFuture<LMResponse>> async = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        async.add(lm.acall(LMRequest.of(List.of(Message.user("a" + i)))));
      }
      awaitTrue(() -> arrived.get() == 2 && lm.queued() == 1);

      List<CompletableFuture<String>> blocking = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ModuleCallTest.QaPredict qa = new ModuleCallTest.QaPredict();
        qa.lm(lm);
        String q = "b" + i;
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
          try {
            f.complete(qa.forward(q).answer());
          } catch (RuntimeException | Error e) {
            f.completeExceptionally(e);
          }
        });
        t.start();
        blocking.add(f);
      }
      awaitTrue(() -> lm.queued() == 4);
      assertThat(arrived.get()).isEqualTo(2);
      assertThat(lm.inFlight()).isEqualTo(2);

      release.countDown();
      for (CompletableFuture<LMResponse> f : async) {
        assertThat(f.get(30, TimeUnit.SECONDS).text()).isEqualTo(REPLY);
      }
      for (CompletableFuture<String> f : blocking) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("four");
      }
      assertThat(peak.get()).isEqualTo(2);
      assertThat(arrived.get()).isEqualTo(6);
      awaitTrue(() -> lm.inFlight() == 0 && lm.queued() == 0);
    }
  }

  /**
   * A blocking call made on its caller's thread fails as it did on the I/O threads: the typed exception,
   * retried first; and closing the LM fails a blocking call still waiting for a slot.
   */
  @Test
  void aBlockingCallWaitingForASlotFailsWhenTheLmCloses() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (OpenAiServer server =
        OpenAiServer.answering(
            b -> {
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return OpenAiServer.completion(REPLY, "stop");
            })) {
      OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).maxConcurrency(1).build();
      CompletableFuture<LMResponse> first = lm.acall(LMRequest.of(List.of(Message.user("first"))));
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread t = new Thread(() -> {
        try {
          lm.call(LMRequest.of(List.of(Message.user("second"))));
        } catch (RuntimeException e) {
          failure.set(e);
        }
      });
      t.start();
      awaitTrue(() -> lm.queued() == 1);
      lm.close();
      t.join(30_000);
      assertThat(t.isAlive()).isFalse();
      assertThat(failure.get()).isInstanceOf(LMException.class);
      assertThat(failure.get()).hasMessageThat().contains("closed");
      release.countDown();
      assertThrows(Exception.class, () -> first.get(30, TimeUnit.SECONDS));
    }
  }

  /** On an LM I/O thread a blocking call is still refused at once, not made there. */
  @Test
  void aBlockingCallOnAnLmIoThreadIsStillRefused() throws Exception {
    CountDownLatch attached = new CountDownLatch(1);
    try (OpenAiServer server =
            OpenAiServer.answering(
                b -> {
                  try {
                    attached.await(30, TimeUnit.SECONDS); // the continuation is attached before the reply
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return OpenAiServer.completion(REPLY, "stop");
                });
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      ModuleCallTest.QaPredict qa = new ModuleCallTest.QaPredict();
      qa.lm(lm);
      CompletableFuture<Throwable> inner = new CompletableFuture<>();
      CompletableFuture<LMResponse> outer = lm.acall(LMRequest.of(List.of(Message.user("outer"))));
      CompletableFuture<Void> done = outer
          .thenAccept(
              r -> {
                try {
                  qa.forward("nested");
                  inner.complete(null);
                } catch (RuntimeException e) {
                  inner.complete(e);
                }
              });
      attached.countDown();
      done.get(30, TimeUnit.SECONDS);
      assertThat(inner.get(30, TimeUnit.SECONDS)).isInstanceOf(JspyException.class);
      assertThat(inner.get().getMessage()).contains("LM I/O thread");
    }
  }

  /** Interrupting a thread blocked in a call made on it ends the call, as when it waited for the I/O thread. */
  @Test
  void interruptingABlockingCallEndsItAndFreesItsSlot() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    try (OpenAiServer server =
            OpenAiServer.answering(
                b -> {
                  arrived.countDown();
                  return new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).body("{}").build();
                });
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread t = new Thread(() -> {
        try {
          lm.call(LMRequest.of(List.of(Message.user("slow"))));
        } catch (RuntimeException e) {
          failure.set(e);
        }
      });
      long start = System.nanoTime();
      t.start();
      assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
      t.interrupt();
      t.join(20_000);
      assertThat(t.isAlive()).isFalse();
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(20));
      assertThat(failure.get()).isInstanceOf(JspyException.class);
      assertThat(failure.get()).hasMessageThat().contains("interrupted");
      assertThat(server.requests()).hasSize(1); // cancelled, not retried
      awaitTrue(() -> lm.inFlight() == 0);
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      Thread.sleep(5);
    }
  }
}
