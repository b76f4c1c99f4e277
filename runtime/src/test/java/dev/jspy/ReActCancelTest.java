package dev.jspy;

import dev.jspy.lm.LM;
import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.Values;
import dev.jspy.testing.OpenAiServer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancelling a ReAct run cancels the LM call in flight and runs no tool afterwards. */
class ReActCancelTest {
  @AfterEach
  void reset() {
    Jspy.configure(s -> s.lm(null));
  }

  @Test
  void cancellingDuringTheFirstStepCancelsItsCallAndRunsNoTool() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger toolRuns = new AtomicInteger();
    Tool counter = Tool.of("counter", "Counts.", List.of(), (Values a) -> toolRuns.incrementAndGet());
    try (OpenAiServer server =
            OpenAiServer.answering(
                body -> {
                  arrived.countDown();
                  try {
                    release.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return OpenAiServer.completion(
                      "[[ ## next_thought ## ]]\nthink\n\n[[ ## next_tool_name ## ]]\ncounter\n\n"
                          + "[[ ## next_tool_args ## ]]\n{}\n\n[[ ## completed ## ]]",
                      "stop");
                });
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).numRetries(0).build()) {
      ReAct<PredictTest.QaIn, Object[]> agent =
          new ReAct<>(PredictTest.QA, List.of(counter), 5, Values::toArray).lm(lm);
      CompletableFuture<Object[]> run = agent.aforward(new PredictTest.QaIn("q"));
      assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

      run.cancel(true);

      assertThrows(CancellationException.class, () -> run.get(1, TimeUnit.SECONDS));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (lm.inFlight() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(lm.inFlight()).isEqualTo(0);
      release.countDown();
      Thread.sleep(300); // room for a wrongly continuing loop to call the tool
      assertThat(toolRuns.get()).isEqualTo(0);
      assertThat(server.requests()).hasSize(1);
    }
  }

  /**
   * A continuation attached after the future completed runs on the attaching thread and sees that thread's
   * settings (the rule in {@link Jspy}); one bound with {@link Jspy#bind} inside the context sees the
   * context's, whenever and wherever it runs.
   */
  @Test
  void continuationsAttachedAfterCompletionSeeTheAttachingThreadsSettingsUnlessBound() throws Exception {
    try (OpenAiServer a = PredictTest.echoServer("A");
        OpenAiServer b = PredictTest.echoServer("B");
        OpenAiLM lmA = LM.builder("openai/m").cache(false).apiBase(a.baseUrl()).build();
        OpenAiLM lmB = LM.builder("openai/m").cache(false).apiBase(b.baseUrl()).build()) {
      Jspy.configure(s -> s.lm(lmB));
      Predict<PredictTest.QaIn, PredictTest.QaOut> p = new Predict<>(PredictTest.QA);
      CompletableFuture<PredictTest.QaOut> first;
      java.util.function.Function<PredictTest.QaOut, CompletableFuture<PredictTest.QaOut>> bound;
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(lmA))) {
        first = p.acall(new PredictTest.QaIn("one"));
        bound = Jspy.bind(o -> p.acall(new PredictTest.QaIn("two")));
      }
      first.get(10, TimeUnit.SECONDS); // complete before the continuation is attached, outside the scope
      assertThat(first.thenCompose(o -> p.acall(new PredictTest.QaIn("two"))).get(10, TimeUnit.SECONDS).answer())
          .isEqualTo("B:two");
      assertThat(first.thenCompose(bound).get(10, TimeUnit.SECONDS).answer()).isEqualTo("A:two");

      // The same for a module that only has forward: its acall completes on a worker thread.
      Module<String, String> forwardOnly =
          new Module<>() {
            @Override
            public String forward(String q) {
              return p.call(new PredictTest.QaIn(q)).answer();
            }
          };
      CompletableFuture<String> started;
      java.util.function.Function<String, CompletableFuture<String>> boundToA;
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(lmA))) {
        started = forwardOnly.acall("three");
        boundToA = Jspy.bind(x -> forwardOnly.acall("four"));
      }
      assertThat(started.get(10, TimeUnit.SECONDS)).isEqualTo("A:three");
      assertThat(started.thenCompose(x -> forwardOnly.acall("four")).get(10, TimeUnit.SECONDS)).isEqualTo("B:four");
      assertThat(started.thenCompose(boundToA).get(10, TimeUnit.SECONDS)).isEqualTo("A:four");
    }
  }
}
