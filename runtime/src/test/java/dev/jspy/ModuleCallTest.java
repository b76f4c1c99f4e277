package dev.jspy;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.lm.LM;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.Message;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.lm.RateLimitException;
import dev.jspy.signature.Values;
import dev.jspy.testing.OpenAiServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * One entry point per module call: every public way to run a built-in module fires the same callbacks,
 * with the right parents, on the settings the call started with; a failing synchronous call shows its
 * caller.
 */
class ModuleCallTest {
  @AfterEach
  void reset() {
    Jspy.configure(s -> s.lm(null).callbacks(List.of()));
  }

  /** What the processor generates: typed overloads that only adapt the arguments. */
  static final class QaPredict extends Predict<PredictTest.QaIn, PredictTest.QaOut> {
    QaPredict() {
      super(PredictTest.QA);
    }

    PredictTest.QaOut forward(String question) {
      return call(new PredictTest.QaIn(question));
    }

    CompletableFuture<PredictTest.QaOut> aforward(String question) {
      return acall(new PredictTest.QaIn(question));
    }
  }

  /** Records calls as "kind label in parent-label" and ends as "end label". */
  static final class Recorder implements Callback {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final Map<Long, String> names = new ConcurrentHashMap<>();
    final Map<Object, String> labels = new ConcurrentHashMap<>();

    private String label(Module<?, ?> m) {
      String l = labels.get(m);
      if (l != null) {
        return l;
      }
      return m.getClass().getSimpleName() + (m instanceof Predict ? ":" + ((Predict<?, ?>) m).signature().name() : "");
    }

    private String parent(long id) {
      return id == 0 ? "top" : names.getOrDefault(id, "unknown " + id);
    }

    @Override
    public void onModuleStart(long callId, long parentCallId, Module<?, ?> module, Object input) {
      names.put(callId, label(module));
      events.add("module " + label(module) + " in " + parent(parentCallId));
    }

    @Override
    public void onModuleEnd(long callId, Object output, Throwable error) {
      events.add("end " + names.get(callId) + (error == null ? "" : " failed"));
    }

    @Override
    public void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {
      names.put(callId, "lm");
      events.add("lm in " + parent(parentCallId));
    }

    @Override
    public void onToolStart(long callId, long parentCallId, Tool tool, Map<String, Object> args) {
      names.put(callId, "tool " + tool.name());
      events.add("tool " + tool.name() + " in " + parent(parentCallId));
    }

    @Override
    public void onToolEnd(long callId, Object result, Throwable error) {
      events.add("end " + names.get(callId));
    }

    List<String> take() {
      synchronized (events) {
        List<String> out = List.copyOf(events);
        events.clear();
        names.clear();
        return out;
      }
    }
  }

  /** Replies to Qa, its ChainOfThought and a ReAct agent that calls {@code lookup} once, then finishes. */
  static String reply(LMRequest r) {
    String system = r.messages().get(0).content();
    List<Message> m = r.messages();
    String last = m.get(m.size() - 1).content();
    if (system.contains("next_tool_name")) {
      String tool = last.contains("tool_name_0") ? "finish" : "lookup";
      return "[[ ## next_thought ## ]]\nthink\n\n[[ ## next_tool_name ## ]]\n" + tool
          + "\n\n[[ ## next_tool_args ## ]]\n{}\n\n[[ ## completed ## ]]\n";
    }
    return "[[ ## reasoning ## ]]\nbecause\n\n[[ ## answer ## ]]\nA\n\n[[ ## completed ## ]]\n";
  }

  private static GateLM openLm(String name) {
    GateLM lm = new GateLM(name, ModuleCallTest::reply);
    lm.open();
    return lm;
  }

  @Test
  void typedAndRecordFormsOfEveryBuiltInFireTheSameCallbacks() throws Exception {
    Recorder rec = new Recorder();
    try (GateLM lm = openLm("m")) {
      Jspy.configure(s -> s.lm(lm).callbacks(List.of(rec)));
      QaPredict qa = new QaPredict();

      qa.forward("q");
      List<String> typed = rec.take();
      qa.forward(new PredictTest.QaIn("q"));
      List<String> record = rec.take();
      qa.aforward("q").get(30, TimeUnit.SECONDS);
      List<String> typedAsync = rec.take();
      qa.aforward(new PredictTest.QaIn("q")).get(30, TimeUnit.SECONDS);
      List<String> recordAsync = rec.take();

      List<String> expected = List.of("module QaPredict:Qa in top", "lm in QaPredict:Qa", "end QaPredict:Qa");
      assertThat(typed).containsExactlyElementsIn(expected).inOrder();
      assertThat(record).containsExactlyElementsIn(expected).inOrder();
      assertThat(typedAsync).containsExactlyElementsIn(expected).inOrder();
      assertThat(recordAsync).containsExactlyElementsIn(expected).inOrder();

      ChainOfThought<PredictTest.QaIn, Object[]> cot = new ChainOfThought<>(PredictTest.QA, Values::toArray, o -> o);
      rec.labels.put(cot, "cot");
      cot.forward(new PredictTest.QaIn("q"));
      List<String> cotForward = rec.take();
      cot.aforward(new PredictTest.QaIn("q")).get(30, TimeUnit.SECONDS);
      List<String> cotAforward = rec.take();
      cot.call(new PredictTest.QaIn("q"));
      List<String> cotCall = rec.take();
      List<String> cotExpected =
          List.of("module cot in top", "module Predict:Qa in cot", "lm in Predict:Qa", "end Predict:Qa", "end cot");
      assertThat(cotForward).containsExactlyElementsIn(cotExpected).inOrder();
      assertThat(cotAforward).containsExactlyElementsIn(cotExpected).inOrder();
      assertThat(cotCall).containsExactlyElementsIn(cotExpected).inOrder();

      ReAct<PredictTest.QaIn, Object[]> agent = agent();
      rec.labels.put(agent, "agent");
      agent.forward(new PredictTest.QaIn("q"));
      List<String> reactForward = rec.take();
      agent.aforward(new PredictTest.QaIn("q")).get(30, TimeUnit.SECONDS);
      List<String> reactAforward = rec.take();
      agent.acall(new PredictTest.QaIn("q")).get(30, TimeUnit.SECONDS);
      List<String> reactAcall = rec.take();
      assertThat(reactForward).containsExactlyElementsIn(agentTree()).inOrder();
      assertThat(reactAforward).containsExactlyElementsIn(agentTree()).inOrder();
      assertThat(reactAcall).containsExactlyElementsIn(agentTree()).inOrder();
    }
  }

  private static ReAct<PredictTest.QaIn, Object[]> agent() {
    Tool lookup = Tool.of("lookup", "Looks up.", List.of(), (Values a) -> "found");
    return new ReAct<>(PredictTest.QA, List.of(lookup), 5, Values::toArray);
  }

  /** The calls of one agent run: two steps (a tool, then finish), then the extraction. */
  private static List<String> agentTree() {
    return List.of(
        "module agent in top",
        "module Predict:QaReActStep in agent",
        "lm in Predict:QaReActStep",
        "end Predict:QaReActStep",
        "tool lookup in agent",
        "end tool lookup",
        "module Predict:QaReActStep in agent",
        "lm in Predict:QaReActStep",
        "end Predict:QaReActStep",
        "tool finish in agent",
        "end tool finish",
        "module ChainOfThought in agent",
        "module Predict:QaReActExtract in ChainOfThought",
        "lm in Predict:QaReActExtract",
        "end Predict:QaReActExtract",
        "end ChainOfThought",
        "end agent");
  }

  /** A custom module, as DSPy writes one, composing two predictors asynchronously. */
  static final class TwoStep extends Module<String, String> {
    final QaPredict first = new QaPredict();
    final QaPredict second = new QaPredict();

    @Override
    public CompletableFuture<String> aforward(String q) {
      return first.aforward(q).thenCompose(a -> second.aforward(a.answer() + "?")).thenApply(PredictTest.QaOut::answer);
    }
  }

  /** The same, synchronously. */
  static final class TwoStepSync extends Module<String, String> {
    final QaPredict first = new QaPredict();
    final QaPredict second = new QaPredict();

    @Override
    public String forward(String q) {
      return second.forward(first.forward(q).answer() + "?").answer();
    }
  }

  @Test
  void aContinuationInACustomModuleKeepsTheContextsLmAndItsParent() throws Exception {
    Recorder rec = new Recorder();
    try (GateLM global = openLm("global");
        GateLM other = new GateLM("other", ModuleCallTest::reply)) {
      Jspy.configure(s -> s.lm(global).callbacks(List.of(rec)));
      TwoStep two = new TwoStep();
      rec.labels.put(two, "two");
      rec.labels.put(two.first, "first");
      rec.labels.put(two.second, "second");
      CompletableFuture<String> out;
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(other))) {
        out = two.acall("q"); // a user's module: acall is its entry point (aforward is its body, as in DSPy)
      }
      assertThat(out.isDone()).isFalse(); // the thenCompose was attached before the first reply
      other.open(); // the second call starts on the LM's reply, after the scope closed
      assertThat(out.get(30, TimeUnit.SECONDS)).isEqualTo("A");
      assertThat(other.requests()).isEqualTo(2);
      assertThat(global.requests()).isEqualTo(0);
      assertThat(rec.take())
          .containsExactly(
              "module two in top",
              "module first in two",
              "lm in first",
              "end first",
              "module second in two",
              "lm in second",
              "end second",
              "end two")
          .inOrder();

      TwoStepSync sync = new TwoStepSync();
      rec.labels.put(sync, "sync");
      rec.labels.put(sync.first, "first");
      rec.labels.put(sync.second, "second");
      CompletableFuture<String> viaWorker;
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(other))) {
        assertThat(sync.call("q")).isEqualTo("A");
        viaWorker = sync.acall("q"); // forward-only: its body runs on a jspy worker
      }
      assertThat(viaWorker.get(30, TimeUnit.SECONDS)).isEqualTo("A");
      assertThat(other.requests()).isEqualTo(6);
      assertThat(global.requests()).isEqualTo(0);
      List<String> once =
          List.of(
              "module sync in top",
              "module first in sync",
              "lm in first",
              "end first",
              "module second in sync",
              "lm in second",
              "end second",
              "end sync");
      List<String> twice = new ArrayList<>(once);
      twice.addAll(once);
      assertThat(rec.take()).containsExactlyElementsIn(twice).inOrder();
    }
  }

  @Test
  void anAsyncToolInReActAforwardRunsUnderTheAgent() throws Exception {
    Recorder rec = new Recorder();
    try (GateLM lm = openLm("m")) {
      Jspy.configure(s -> s.lm(lm).callbacks(List.of(rec)));
      CompletableFuture<LM> seenByTool = new CompletableFuture<>();
      Tool lookup =
          Tool.ofAsync(
              "lookup",
              "Looks up.",
              List.of(),
              a -> {
                seenByTool.complete(Jspy.current().lm());
                return CompletableFuture.supplyAsync(() -> "found");
              });
      ReAct<PredictTest.QaIn, Object[]> agent = new ReAct<>(PredictTest.QA, List.of(lookup), 5, Values::toArray);
      rec.labels.put(agent, "agent");
      agent.aforward(new PredictTest.QaIn("q")).get(30, TimeUnit.SECONDS);
      assertThat(rec.take()).containsExactlyElementsIn(agentTree()).inOrder();
      assertThat(seenByTool.get(30, TimeUnit.SECONDS)).isSameInstanceAs(lm);
    }
  }

  @Test
  void aFailingSynchronousCallShowsItsCallerWithTheAsyncFailureAsCause(TestInfo info) throws Exception {
    String testMethod = info.getTestMethod().orElseThrow().getName();
    try (OpenAiServer server =
            OpenAiServer.answering(
                body -> new MockResponse.Builder().code(429).body("{\"error\":{\"message\":\"slow down\"}}").build());
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).numRetries(0).build()) {
      QaPredict qa = new QaPredict();
      qa.lm(lm);

      RateLimitException sync = assertThrows(RateLimitException.class, () -> qa.forward(new PredictTest.QaIn("q")));
      assertThat(frames(sync)).contains(testMethod);
      assertThat(sync.getCause()).isInstanceOf(RateLimitException.class); // as thrown where the reply was read
      assertThat(sync).hasMessageThat().isEqualTo(sync.getCause().getMessage());
      assertThat(sync.status()).isEqualTo(429);

      RateLimitException typed = assertThrows(RateLimitException.class, () -> qa.forward("q"));
      assertThat(frames(typed)).contains(testMethod);

      ChainOfThought<PredictTest.QaIn, Object[]> cot =
          new ChainOfThought<>(PredictTest.QA, Values::toArray, o -> o).lm(lm);
      RateLimitException viaCot = assertThrows(RateLimitException.class, () -> cot.forward(new PredictTest.QaIn("q")));
      assertThat(frames(viaCot)).contains(testMethod);

      // The asynchronous failure is the same type, with the I/O side's stack.
      Throwable async = Futures_unwrap(qa.aforward("q"));
      assertThat(async).isInstanceOf(RateLimitException.class);
      assertThat(frames(async)).doesNotContain(testMethod);
    }
  }

  /**
   * A continuation that runs on an LM's I/O thread and blocks on another call fails at once (the thread
   * holds a concurrency slot, so waiting could deadlock), recognised by a mark the thread carries, not by
   * its name.
   */
  @Test
  void aBlockingCallOnAnLmIoThreadFailsFastInsteadOfDeadlocking() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (OpenAiServer server =
            OpenAiServer.answering(
                body -> {
                  try {
                    release.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return OpenAiServer.completion("[[ ## answer ## ]]\nA\n\n[[ ## completed ## ]]", "stop");
                });
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).numRetries(0).maxConcurrency(1).build()) {
      QaPredict qa = new QaPredict();
      qa.lm(lm);
      CompletableFuture<String> nested =
          lm.acall(LMRequest.of(List.of(Message.user("hi"))))
              .thenApply(r -> Thread.currentThread().getName() + ": " + qa.forward("q").answer());
      release.countDown();
      java.util.concurrent.ExecutionException e =
          assertThrows(java.util.concurrent.ExecutionException.class, () -> nested.get(30, TimeUnit.SECONDS));
      assertThat(e.getCause()).isInstanceOf(dev.jspy.core.JspyException.class);
      assertThat(e.getCause()).hasMessageThat().contains("on an LM I/O thread");
    }
  }

  private static Throwable Futures_unwrap(CompletableFuture<?> f) throws InterruptedException {
    try {
      f.get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("hang guard", e);
    }
  }

  private static List<String> frames(Throwable t) {
    return Arrays.stream(t.getStackTrace()).map(StackTraceElement::getMethodName).toList();
  }
}
