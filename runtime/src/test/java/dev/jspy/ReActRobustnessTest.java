package dev.jspy;

import dev.jspy.lm.LM;
import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.Values;
import dev.jspy.testing.OpenAiServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * ReAct when a step or a tool goes wrong: a step cut off at the token limit ends the trajectory (the outputs
 * are still extracted), a tool that outlives the tool timeout is stopped and becomes an observation, and a
 * tool's {@link Error} propagates from {@code forward} and {@code aforward} alike.
 */
@Timeout(60) // a hang guard only
class ReActRobustnessTest {
  /** An {@link Error}, not an exception: what a tool must not swallow into an observation. */
  static final class ToolBroke extends Error {
    private static final long serialVersionUID = 1L;

    ToolBroke(String message) {
      super(message);
    }
  }

  @AfterEach
  void reset() {
    Jspy.configure(s -> s.lm(null).allowToolAsyncSyncConversion(false));
  }

  static String reply(String... fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      sb.append("[[ ## ").append(fields[i]).append(" ## ]]\n").append(fields[i + 1]).append("\n\n");
    }
    return sb.append("[[ ## completed ## ]]\n").toString();
  }

  static String step(String thought, String tool, String args) {
    return reply("next_thought", thought, "next_tool_name", tool, "next_tool_args", args);
  }

  static boolean isStep(JsonNode body) {
    return body.path("messages").get(0).path("content").stringValue().contains("`next_tool_name`");
  }

  static int stepsSoFar(JsonNode body) {
    JsonNode messages = body.path("messages");
    String user = messages.get(messages.size() - 1).path("content").stringValue();
    int n = 0;
    for (int i = user.indexOf("[[ ## tool_name_"); i >= 0; i = user.indexOf("[[ ## tool_name_", i + 1)) {
      n++;
    }
    return n;
  }

  /** Step 0 calls {@code tool} with no arguments, step 1 finishes, the extraction answers {@code 42}. */
  static OpenAiServer callsThenFinishes(String tool) throws Exception {
    return OpenAiServer.replying(
        body ->
            !isStep(body)
                ? reply("reasoning", "r", "answer", "42")
                : stepsSoFar(body) == 0 ? step("Use " + tool + ".", tool, "{}") : step("Done.", "finish", "{}"));
  }

  static OpenAiLM lm(OpenAiServer server) {
    return LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).numRetries(0).build();
  }

  static ReAct<PredictTest.QaIn, Object[]> agent(Tool tool, OpenAiLM lm) {
    return new ReAct<>(PredictTest.QA, List.of(tool), 5, Values::toArray).lm(lm);
  }

  static Trajectory trajectory(Object[] out) {
    return (Trajectory) out[0];
  }

  // ------------------------------------------------------------------ a truncated step

  /**
   * The second step is cut off at the token limit, by the ChatAdapter and by its JSON fallback alike: the
   * trajectory ends there (as DSPy's loop ends on a step that fails) and the extraction still runs.
   */
  private static OpenAiServer truncatedSecondStep() throws Exception {
    return OpenAiServer.answering(
        body -> {
          if (!isStep(body)) {
            return OpenAiServer.completion(reply("reasoning", "r", "answer", "42"), "stop");
          }
          return stepsSoFar(body) == 0
              ? OpenAiServer.completion(step("Look.", "lookup", "{}"), "stop")
              : OpenAiServer.completion("[[ ## next_thought ## ]]\nNow I will call fin", "length");
        });
  }

  private static final Tool LOOKUP = Tool.of("lookup", "Looks it up.", List.of(), a -> "found it");

  private static void assertEndedAfterOneStep(OpenAiServer server, Object[] out) {
    assertThat(trajectory(out).steps()).hasSize(1);
    assertThat(trajectory(out).steps().get(0).observation()).isEqualTo("found it");
    assertThat(out[2]).isEqualTo("42");
    // step 0, step 1 (ChatAdapter), step 1 (JSON fallback), the extraction
    assertThat(server.requests()).hasSize(4);
    assertThat(isStep(server.lastRequest())).isFalse();
  }

  @Test
  void aforwardEndsTheTrajectoryOnATruncatedStepAndStillExtracts() throws Exception {
    try (OpenAiServer server = truncatedSecondStep();
        OpenAiLM lm = lm(server)) {
      Object[] out = agent(LOOKUP, lm).aforward(new PredictTest.QaIn("q")).get(30, TimeUnit.SECONDS);

      assertEndedAfterOneStep(server, out);
    }
  }

  @Test
  void forwardEndsTheTrajectoryOnATruncatedStepAndStillExtracts() throws Exception {
    try (OpenAiServer server = truncatedSecondStep();
        OpenAiLM lm = lm(server)) {
      Object[] out = agent(LOOKUP, lm).forward(new PredictTest.QaIn("q"));

      assertEndedAfterOneStep(server, out);
    }
  }

  // ------------------------------------------------------------------ tool timeout

  /** A synchronous tool that sleeps until interrupted, and says so. */
  private static Tool sleepy(CountDownLatch started, CountDownLatch interrupted) {
    return Tool.of(
        "sleepy",
        "Sleeps.",
        List.of(),
        a -> {
          started.countDown();
          try {
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw new IllegalStateException("interrupted");
          }
          return "woke up";
        });
  }

  private static void assertTimedOut(Object[] out, String tool) {
    List<Trajectory.Step> steps = trajectory(out).steps();
    assertThat(steps).hasSize(2);
    String observation = String.valueOf(steps.get(0).observation());
    assertThat(observation).startsWith("Execution error in " + tool + ": ");
    assertThat(observation).contains("did not finish within 0.3 s");
    assertThat(steps.get(1).toolName()).isEqualTo("finish");
    assertThat(out[2]).isEqualTo("42");
  }

  @Test
  void defaultToolTimeoutIsSixtySeconds() {
    Tool t = Tool.of("t", "", List.of(), a -> "x");
    assertThat(new ReAct<>(PredictTest.QA, List.of(t), 5, Values::toArray).toolTimeout())
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(ReAct.DEFAULT_TOOL_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReAct<>(PredictTest.QA, List.of(t), 5, Values::toArray).toolTimeout(Duration.ZERO));
  }

  @Test
  void aforwardStopsASyncToolAtTheTimeoutAndTheLmReadsWhy() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (OpenAiServer server = callsThenFinishes("sleepy");
        OpenAiLM lm = lm(server)) {
      ReAct<PredictTest.QaIn, Object[]> agent =
          agent(sleepy(started, interrupted), lm).toolTimeout(Duration.ofMillis(300));

      Object[] out = agent.aforward(new PredictTest.QaIn("q")).get(30, TimeUnit.SECONDS);

      assertTimedOut(out, "sleepy");
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue(); // its worker thread was freed
    }
  }

  @Test
  void aforwardCancelsAnAsyncToolThatNeverCompletes() throws Exception {
    AtomicReference<CompletableFuture<Object>> pending = new AtomicReference<>();
    Tool never =
        Tool.ofAsync(
            "never",
            "Never answers.",
            List.of(),
            a -> {
              CompletableFuture<Object> f = new CompletableFuture<>();
              pending.set(f);
              return f;
            });
    try (OpenAiServer server = callsThenFinishes("never");
        OpenAiLM lm = lm(server)) {
      Object[] out =
          agent(never, lm).toolTimeout(Duration.ofMillis(300)).aforward(new PredictTest.QaIn("q")).get(30, TimeUnit.SECONDS);

      assertTimedOut(out, "never");
      assertThat(pending.get().isCancelled()).isTrue();
    }
  }

  @Test
  void forwardStopsASyncToolAtTheTimeoutWithoutLeavingTheCallerInterrupted() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (OpenAiServer server = callsThenFinishes("sleepy");
        OpenAiLM lm = lm(server)) {
      Object[] out =
          agent(sleepy(started, interrupted), lm).toolTimeout(Duration.ofMillis(300)).forward(new PredictTest.QaIn("q"));

      assertTimedOut(out, "sleepy");
      assertThat(interrupted.getCount()).isEqualTo(0);
      assertThat(Thread.interrupted()).isFalse();
    }
  }

  @Test
  @SuppressWarnings("try") // the scope is in force for the call; its variable is not read
  void forwardCancelsAnAsyncToolThatNeverCompletes() throws Exception {
    AtomicReference<CompletableFuture<Object>> pending = new AtomicReference<>();
    Tool never =
        Tool.ofAsync(
            "never",
            "Never answers.",
            List.of(),
            a -> {
              CompletableFuture<Object> f = new CompletableFuture<>();
              pending.set(f);
              return f;
            });
    try (OpenAiServer server = callsThenFinishes("never");
        OpenAiLM lm = lm(server);
        Jspy.Scope scope = Jspy.context(s -> s.allowToolAsyncSyncConversion(true))) {
      Object[] out = agent(never, lm).toolTimeout(Duration.ofMillis(300)).forward(new PredictTest.QaIn("q"));

      assertTimedOut(out, "never");
      assertThat(pending.get().isCancelled()).isTrue();
      assertThat(Thread.interrupted()).isFalse();
    }
  }

  @Test
  void cancellingAforwardInterruptsTheRunningSyncTool() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (OpenAiServer server = callsThenFinishes("sleepy");
        OpenAiLM lm = lm(server)) {
      CompletableFuture<Object[]> run = agent(sleepy(started, interrupted), lm).aforward(new PredictTest.QaIn("q"));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

      run.cancel(true);

      assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(run.isCancelled()).isTrue();
    }
  }

  // ------------------------------------------------------------------ a tool's Error

  private static final Tool BROKEN_SYNC =
      Tool.of(
          "broken",
          "Breaks.",
          List.of(),
          a -> {
            throw new ToolBroke("the tool broke");
          });

  private static final Tool BROKEN_ASYNC =
      Tool.ofAsync(
          "broken",
          "Breaks later.",
          List.of(),
          a -> CompletableFuture.failedFuture(new ToolBroke("the tool broke")));

  private static void assertErrorPropagates(Tool tool, Function<ReAct<PredictTest.QaIn, Object[]>, Object> run)
      throws Exception {
    try (OpenAiServer server = callsThenFinishes("broken");
        OpenAiLM lm = lm(server)) {
      ToolBroke e = assertThrows(ToolBroke.class, () -> run.apply(agent(tool, lm)));
      assertThat(e).hasMessageThat().isEqualTo("the tool broke");
      assertThat(server.requests()).hasSize(1); // no further step, no extraction
    }
  }

  private static Object aforwardUnwrapped(ReAct<PredictTest.QaIn, Object[]> agent) {
    try {
      return agent.aforward(new PredictTest.QaIn("q")).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause();
      }
      throw new AssertionError("expected the tool's Error, got " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSyncToolsErrorPropagatesFromForwardAndAforward() throws Exception {
    assertErrorPropagates(BROKEN_SYNC, a -> a.forward(new PredictTest.QaIn("q")));
    assertErrorPropagates(BROKEN_SYNC, ReActRobustnessTest::aforwardUnwrapped);
  }

  @Test
  void anAsyncToolsErrorPropagatesFromForwardAndAforward() throws Exception {
    Jspy.configure(s -> s.allowToolAsyncSyncConversion(true));
    assertErrorPropagates(BROKEN_ASYNC, a -> a.forward(new PredictTest.QaIn("q")));
    assertErrorPropagates(BROKEN_ASYNC, ReActRobustnessTest::aforwardUnwrapped);
  }

  @Test
  void aToolsExceptionIsAnObservationInForwardAndAforward() throws Exception {
    Tool failing =
        Tool.of(
            "broken",
            "Fails.",
            List.of(),
            a -> {
              throw new IllegalStateException("no luck");
            });
    try (OpenAiServer server = callsThenFinishes("broken");
        OpenAiLM lm = lm(server)) {
      Object[] sync = agent(failing, lm).forward(new PredictTest.QaIn("q"));
      Object[] async = agent(failing, lm).aforward(new PredictTest.QaIn("q")).get(30, TimeUnit.SECONDS);
      for (Object[] out : List.of(sync, async)) {
        assertThat(trajectory(out).steps().get(0).observation())
            .isEqualTo("Execution error in broken: IllegalStateException: no luck");
      }
    }
  }
}
