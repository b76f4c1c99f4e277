package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Jspy;
import dev.jspy.Module;
import dev.jspy.Tool;
import dev.jspy.ToolException;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regressions for runtime bugs these tests found (each failed before its fix): ReAct keeping the caller's
 * settings across async tools, nested default forward/aforward modules, cancelling a ReAct run, and tool
 * arguments checked against their JSON schema as DSPy does.
 */
@Timeout(60)
@SuppressWarnings("try")
class RuntimeRegressionTest {
  private final ExecutorService toolExecutor = Executors.newFixedThreadPool(4);

  @AfterEach
  void reset() {
    Wire.resetGlobalSettings();
    toolExecutor.shutdownNow();
  }

  /**
   * ReAct.aforward loses the settings it captured once an async tool completes on another thread: the
   * next step's {@code react.acall} runs in the tool's thread and reads {@code Jspy.current()} there (the
   * global settings), so an agent started inside {@code Jspy.context(s -> s.lm(lm))} fails with "no LM is
   * configured" (and would use the wrong LM, adapter or conversion switch if the global ones are set).
   */
  @Test
  void reActAforwardKeepsTheContextLmAfterAnAsyncTool() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(ReActTest::script);
        OpenAiLM lm = Wire.lm(server)) {
      CompletableFuture<QaReActOutput> run;
      try (var scope = Jspy.context(s -> s.lm(lm))) {
        run = new QaReAct(LibraryTools.of(new Library(toolExecutor, 0))).aforward(ReActTest.QUESTION);
      }
      ReActTest.assertRun(server, run.get(30, SECONDS));
    }
  }

  /** The same bug under load: 200 runs, each started in its own context with one of two LMs. */
  @Test
  void concurrentRunsInTheirOwnContextsKeepTheirOwnLm() throws Exception {
    Library library = new Library(toolExecutor, 20);
    try (OpenAiServer a = OpenAiServer.replying(ReActLoadTest::script);
        OpenAiServer b = OpenAiServer.replying(ReActLoadTest::script);
        OpenAiLM lmA = Wire.lm(a);
        OpenAiLM lmB = Wire.lm(b)) {
      QaReAct agent = new QaReAct(LibraryTools.of(library));
      List<CompletableFuture<QaReActOutput>> runs = new ArrayList<>();
      for (int i = 0; i < ReActLoadTest.RUNS; i++) {
        OpenAiLM lm = i % 2 == 0 ? lmA : lmB;
        try (var scope = Jspy.context(s -> s.lm(lm))) {
          runs.add(agent.aforward(ReActLoadTest.question(i)));
        }
      }
      CompletableFuture.allOf(runs.toArray(new CompletableFuture<?>[0])).get(90, SECONDS);
      for (int i = 0; i < ReActLoadTest.RUNS; i++) {
        assertThat(runs.get(i).getNow(null).answer()).isEqualTo(ReActLoadTest.expectedAnswer(i));
      }
      assertThat(a.requests()).hasSize(2 * ReActLoadTest.RUNS);
      assertThat(b.requests()).hasSize(2 * ReActLoadTest.RUNS);
    }
  }

  static final class Exclaim extends Module<String, String> {
    @Override
    public String forward(String s) {
      return s + "!";
    }
  }

  /** Only aforward; it composes a child that only has forward. */
  static final class Bracket extends Module<String, String> {
    final Exclaim child = new Exclaim();

    @Override
    public CompletableFuture<String> aforward(String s) {
      return child.acall(s).thenApply(x -> "<" + x + ">");
    }
  }

  /**
   * Module.forward's default sets a thread-wide flag while it calls aforward; the child's default aforward,
   * called synchronously from the parent's aforward on that thread, sees the flag and throws "overrides
   * neither forward nor aforward". acall works; call fails.
   */
  @Test
  void syncCallOfAnAsyncModuleComposingAForwardOnlyModule() throws Exception {
    assertThat(new Bracket().acall("a").get(30, SECONDS)).isEqualTo("<a!>");
    assertThat(new Bracket().call("a")).isEqualTo("<a!>");
  }

  /**
   * Cancelling ReAct.aforward's future (the generated Javadoc: "cancelling the future cancels the LM
   * requests in flight") neither cancels the step request in flight nor stops the loop: the agent goes on
   * calling tools and the LM for a caller that has gone.
   */
  @Test
  void cancellingAReActRunStopsIt() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch secondStepArrived = new CountDownLatch(1);
    try (OpenAiServer server =
            OpenAiServer.replying(
                body -> {
                  if (Wire.isReActStep(body) && Wire.stepsSoFar(body) == 1) {
                    secondStepArrived.countDown();
                    try {
                      gate.await(10, SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  return ReActTest.script(body);
                });
        OpenAiLM lm = Wire.lm(server)) {
      QaReAct agent = new QaReAct(LibraryTools.of(new Library(toolExecutor, 0)));
      agent.lm(lm);
      CompletableFuture<QaReActOutput> run = agent.aforward(ReActTest.QUESTION);
      try {
        assertThat(secondStepArrived.await(10, SECONDS)).isTrue();

        run.cancel(true);
        assertThrows(CancellationException.class, () -> run.get(1, SECONDS));
        long deadline = System.nanoTime() + SECONDS.toNanos(5);
        while (lm.inFlight() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(lm.inFlight()).isEqualTo(0);
      } finally {
        gate.countDown();
      }
      Thread.sleep(500);
      assertThat(server.requests()).hasSize(2); // no step after the cancelled one
    }
  }

  /**
   * DSPy validates tool arguments against their JSON schema before converting them
   * ({@code Tool._validate_and_parse_args}: {@code "Arg edition is invalid: '2' is not of type 'integer'"});
   * jspy's Tool converts leniently, so a string for an {@code integer} or a number for a {@code string}
   * argument runs the tool instead of giving the LM an error naming the argument.
   */
  @Test
  void toolArgumentsThatDoNotFitTheSchemaTypeAreRefused() {
    List<Tool> tools = LibraryTools.of(new Library(toolExecutor, 0));
    ExecutionException wrongInt =
        assertThrows(
            ExecutionException.class,
            () -> tools.get(1).acall(Map.of("title", "Dune", "edition", "2")).get(10, SECONDS));
    assertThat(wrongInt).hasCauseThat().isInstanceOf(ToolException.class);
    assertThat(wrongInt).hasCauseThat().hasMessageThat().contains("edition");
    ToolException wrongString = assertThrows(ToolException.class, () -> tools.get(0).call(Map.of("title", 5)));
    assertThat(wrongString).hasMessageThat().contains("title");
  }
}
