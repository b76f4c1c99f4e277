package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Jspy;
import dev.jspy.Module;
import dev.jspy.Tool;
import dev.jspy.ToolException;
import dev.jspy.Trajectory;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * DSPy's async-to-sync rule for tools: {@code tool.call} on an async tool fails unless
 * {@code allowToolAsyncSyncConversion} is on in the settings in force — globally ({@code configure}), in a
 * scope ({@code context}), or as captured by a call started in that scope and running on another thread.
 */
@Timeout(60)
@SuppressWarnings("try")
class AsyncToSyncTest {
  static final Map<String, Object> ARGS = Map.of("title", "Dune", "edition", 2);

  private final ExecutorService toolExecutor = Executors.newFixedThreadPool(2);
  private final Library library = new Library(toolExecutor, 0);
  private final Tool pageCount = LibraryTools.of(library).get(1);

  @AfterEach
  void reset() {
    Wire.resetGlobalSettings();
    toolExecutor.shutdownNow();
  }

  /** Runs {@code tool.call} on a new plain thread and gives what it returned or threw. */
  private static Object callOnNewThread(Tool tool) throws InterruptedException {
    AtomicReference<Object> result = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.set(tool.call(ARGS));
              } catch (RuntimeException e) {
                result.set(e);
              }
            });
    t.start();
    t.join(SECONDS.toMillis(30));
    assertThat(t.isAlive()).isFalse();
    return result.get();
  }

  private static void assertRefused(Object outcome) {
    assertThat(outcome).isInstanceOf(ToolException.class);
    assertThat(((ToolException) outcome).tool()).isEqualTo("page_count");
    assertThat(((ToolException) outcome)).hasMessageThat().contains("allowToolAsyncSyncConversion");
  }

  @Test
  void offByDefaultCallFailsNamingTheSettingAndAcallWorks() throws Exception {
    assertThat(Jspy.current().allowToolAsyncSyncConversion()).isFalse();

    ToolException e = assertThrows(ToolException.class, () -> pageCount.call(ARGS));

    assertRefused(e);
    assertThat(e).hasMessageThat().contains("acall");
    assertThat(library.pageCalls.get()).isEqualTo(0); // refused before the tool ran
    assertThat(pageCount.acall(ARGS).get(30, SECONDS)).isEqualTo(402);
    assertThat(LibraryTools.of(library).get(0).call(Map.of("title", "Dune"))).isEqualTo("Frank Herbert");
  }

  @Test
  void offByDefaultReActForwardShowsTheRefusalToTheLm() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.replying(
                body ->
                    !Wire.isReActStep(body)
                        ? Wire.reply("reasoning", "The tool was refused.", "answer", "unknown")
                        : Wire.stepsSoFar(body) == 0
                            ? Wire.step("Count the pages.", "page_count", "{\"title\": \"Dune\", \"edition\": 2}")
                            : Wire.step("Give up.", "finish", "{}"));
        OpenAiLM lm = Wire.lm(server);
        var scope = Jspy.context(s -> s.lm(lm))) {
      QaReActOutput out = new QaReAct(LibraryTools.of(library)).forward("How long is Dune?");

      Trajectory.Step step = out.trajectory().steps().get(0);
      assertThat(String.valueOf(step.observation())).startsWith("Execution error in page_count: ");
      assertThat(String.valueOf(step.observation())).contains("allowToolAsyncSyncConversion");
      assertThat(Wire.field(Wire.user(server.requests().get(1)), "observation_0"))
          .isEqualTo(step.observation());
      assertThat(out.answer()).isEqualTo("unknown");
      assertThat(library.pageCalls.get()).isEqualTo(0);
    }
  }

  @Test
  void configureAllowsItEverywhere() throws Exception {
    Jspy.configure(s -> s.allowToolAsyncSyncConversion(true));

    assertThat(pageCount.call(ARGS)).isEqualTo(402);
    assertThat(callOnNewThread(pageCount)).isEqualTo(402);

    Jspy.configure(s -> s.allowToolAsyncSyncConversion(false));
    assertRefused(callOnNewThread(pageCount));
    assertRefused(assertThrows(ToolException.class, () -> pageCount.call(ARGS)));
  }

  @Test
  void contextAllowsItOnlyInsideTheScope() throws Exception {
    try (var scope = Jspy.context(s -> s.allowToolAsyncSyncConversion(true))) {
      assertThat(pageCount.call(ARGS)).isEqualTo(402);
      try (var inner = Jspy.context(s -> s.allowToolAsyncSyncConversion(false))) {
        assertRefused(assertThrows(ToolException.class, () -> pageCount.call(ARGS)));
      }
      assertThat(pageCount.call(ARGS)).isEqualTo(402);
      // A context belongs to its thread: a plain thread started inside it does not see it.
      assertRefused(callOnNewThread(pageCount));
    }
    assertRefused(assertThrows(ToolException.class, () -> pageCount.call(ARGS)));
  }

  @Test
  void contextCanRefuseWhatConfigureAllows() {
    Jspy.configure(s -> s.allowToolAsyncSyncConversion(true));
    try (var scope = Jspy.context(s -> s.allowToolAsyncSyncConversion(false))) {
      assertRefused(assertThrows(ToolException.class, () -> pageCount.call(ARGS)));
    }
    assertThat(pageCount.call(ARGS)).isEqualTo(402);
  }

  /** A module written synchronously that calls the async tool with {@code Tool.call}. */
  static final class SyncToolCaller extends Module<Map<String, Object>, Object> {
    final Tool tool;
    final CountDownLatch go = new CountDownLatch(1);
    final AtomicReference<Thread> ranOn = new AtomicReference<>();

    SyncToolCaller(Tool tool) {
      this.tool = tool;
    }

    @Override
    public Object forward(Map<String, Object> args) {
      ranOn.set(Thread.currentThread());
      try {
        if (!go.await(30, SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return tool.call(args);
    }
  }

  @Test
  void acallStartedInsideTheContextKeepsItOnItsWorkerThread() throws Exception {
    SyncToolCaller module = new SyncToolCaller(pageCount);
    CompletableFuture<Object> result;
    try (var scope = Jspy.context(s -> s.allowToolAsyncSyncConversion(true))) {
      result = module.acall(ARGS);
    }
    // The scope is closed before the module reaches tool.call: what counts is what acall captured.
    module.go.countDown();

    assertThat(result.get(30, SECONDS)).isEqualTo(402);
    assertThat(module.ranOn.get()).isNotSameInstanceAs(Thread.currentThread());
  }

  @Test
  void acallStartedOutsideTheContextIsRefusedOnItsWorkerThread() throws Exception {
    SyncToolCaller module = new SyncToolCaller(pageCount);
    module.go.countDown();
    CompletableFuture<Object> result = module.acall(ARGS);
    // Opening a context afterwards, on the caller's thread, changes nothing for the call in flight.
    try (var scope = Jspy.context(s -> s.allowToolAsyncSyncConversion(true))) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(30, SECONDS));
      assertRefused(e.getCause());
    }
    assertThat(module.ranOn.get()).isNotSameInstanceAs(Thread.currentThread());
    assertThat(library.pageCalls.get()).isEqualTo(0);
  }

  /** A synchronous wrapper whose forward runs the agent's forward, so tools go through Tool.call. */
  static final class SyncAgent extends Module<String, QaReActOutput> {
    final QaReAct agent;
    final AtomicReference<Thread> ranOn = new AtomicReference<>();

    SyncAgent(QaReAct agent) {
      this.agent = agent;
    }

    @Override
    public QaReActOutput forward(String question) {
      ranOn.set(Thread.currentThread());
      return agent.forward(question);
    }
  }

  @Test
  void reActForwardOnAWorkerThreadObeysTheCapturedSetting() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(ReActTest::script);
        OpenAiLM lm = Wire.lm(server)) {
      QaReAct agent = new QaReAct(LibraryTools.of(library));
      agent.lm(lm);
      SyncAgent module = new SyncAgent(agent);

      CompletableFuture<QaReActOutput> allowed;
      try (var scope = Jspy.context(s -> s.allowToolAsyncSyncConversion(true))) {
        allowed = module.acall(ReActTest.QUESTION);
      }
      QaReActOutput out = allowed.get(30, SECONDS);
      assertThat(module.ranOn.get()).isNotSameInstanceAs(Thread.currentThread());
      ReActTest.assertRun(server, out);

      QaReActOutput refused = module.acall(ReActTest.QUESTION).get(30, SECONDS);
      List<Trajectory.Step> steps = refused.trajectory().steps();
      assertThat(steps.get(1).toolName()).isEqualTo("page_count");
      assertThat(String.valueOf(steps.get(1).observation())).contains("allowToolAsyncSyncConversion");
      JsonNode lastStep = server.requests().get(6);
      assertThat(Wire.field(Wire.user(lastStep), "observation_1")).isEqualTo(steps.get(1).observation());
      assertThat(library.pageCalls.get()).isEqualTo(1);
    }
  }
}
