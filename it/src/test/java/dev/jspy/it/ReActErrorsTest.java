package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.jspy.Jspy;
import dev.jspy.Tool;
import dev.jspy.Trajectory;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * What goes wrong in a step becomes an observation the LM reads in the next request, as in DSPy's
 * {@code ReAct} ({@code "Execution error in <tool>: …"}), never a crash; {@code maxIters} ends the loop
 * and the outputs are still extracted.
 */
@Timeout(60)
@SuppressWarnings("try")
class ReActErrorsTest {
  static final String QUESTION = "What can go wrong in a library?";

  /** Each step's tool call, and what its observation must say. */
  record Call(String tool, String args, String observationPrefix, String observationMentions) {}

  static final List<Call> CALLS =
      List.of(
          new Call("web_search", "{\"query\": \"Dune\"}", "Execution error in web_search: ", "web_search"),
          new Call(
              "page_count", "{\"title\": \"Dune\", \"edition\": \"second\"}", "Execution error in page_count: ", "edition"),
          new Call("page_count", "{\"title\": \"Dune\"}", "Execution error in page_count: ", "edition"),
          new Call(
              "lookup_author", "{\"title\": \"Dune\", \"year\": 1965}", "Execution error in lookup_author: ", "year"),
          new Call(
              "explode",
              "{\"why\": \"too many books\"}",
              "Execution error in explode: ",
              "the shelf collapsed: too many books"),
          new Call("read_card", "{\"title\": \"Dune\"}", "Execution error in read_card: ", "card for Dune is missing"),
          new Call(
              "ask_archive",
              "{\"topic\": \"maps\"}",
              "Execution error in ask_archive: ",
              "the archive is closed for maps"),
          new Call("lookup_author", "{\"title\": \"Dune\"}", "Frank Herbert", "Frank Herbert"),
          new Call("finish", "{}", "Completed.", "Completed."));

  private final ExecutorService toolExecutor = Executors.newFixedThreadPool(2);
  private final Library library = new Library(toolExecutor, 0);

  @AfterEach
  void reset() {
    Wire.resetGlobalSettings();
    toolExecutor.shutdownNow();
  }

  private List<Tool> tools() {
    List<Tool> tools = new ArrayList<>(LibraryTools.of(library));
    tools.addAll(TroublesTools.of(new Troubles()));
    return tools;
  }

  static String script(JsonNode body) {
    if (!Wire.isReActStep(body)) {
      return Wire.reply("reasoning", "Almost everything failed.", "answer", "Frank Herbert, eventually");
    }
    int k = Wire.stepsSoFar(body);
    Call c = CALLS.get(k);
    return Wire.step("Step " + k + ": try " + c.tool() + ".", c.tool(), c.args());
  }

  private void assertErrorsSeen(OpenAiServer server, QaReActOutput out) {
    List<JsonNode> requests = server.requests();
    assertThat(requests).hasSize(CALLS.size() + 1);
    List<Trajectory.Step> steps = out.trajectory().steps();
    assertThat(steps).hasSize(CALLS.size());
    for (int k = 0; k < CALLS.size(); k++) {
      Call c = CALLS.get(k);
      Trajectory.Step step = steps.get(k);
      assertThat(step.toolName()).isEqualTo(c.tool());
      String observation = String.valueOf(step.observation());
      assertThat(observation).startsWith(c.observationPrefix());
      assertThat(observation).contains(c.observationMentions());
      // The next request (a step, or the extraction after finish) shows the LM that observation.
      String seen = Wire.user(requests.get(k + 1));
      assertThat(Wire.field(seen, "tool_name_" + k)).isEqualTo(c.tool());
      assertThat(Wire.field(seen, "tool_args_" + k)).isEqualTo(c.args());
      assertThat(Wire.field(seen, "observation_" + k)).isEqualTo(observation);
    }
    assertThat(Wire.isReActStep(requests.get(CALLS.size()))).isFalse();
    assertThat(out.answer()).isEqualTo("Frank Herbert, eventually");
    // Only the well-formed lookup ran the tool; the bad arguments never reached it.
    assertThat(library.authorCalls.get()).isEqualTo(1);
    assertThat(library.pageCalls.get()).isEqualTo(0);
  }

  @Test
  void forwardTurnsEveryFailureIntoAnObservation() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(ReActErrorsTest::script);
        OpenAiLM lm = Wire.lm(server);
        var scope = Jspy.context(s -> s.lm(lm).allowToolAsyncSyncConversion(true))) {
      QaReActOutput out = new QaReAct(tools()).forward(QUESTION);

      assertErrorsSeen(server, out);
    }
  }

  @Test
  void aforwardTurnsEveryFailureIntoAnObservation() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(ReActErrorsTest::script);
        OpenAiLM lm = Wire.lm(server)) {
      QaReAct agent = new QaReAct(tools());
      agent.lm(lm);

      QaReActOutput out = agent.aforward(QUESTION).get(30, SECONDS);

      assertErrorsSeen(server, out);
    }
  }

  /** A list result is shown as DSPy shows a list in a str field: its numbered «» form. */
  @Test
  void aListObservationReadsAsInDspy() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.replying(
                body ->
                    !Wire.isReActStep(body)
                        ? Wire.reply("reasoning", "r", "answer", "two shelves")
                        : Wire.stepsSoFar(body) == 0
                            ? Wire.step("Which shelves are there?", "shelves", "{}")
                            : Wire.step("Done.", "finish", "{}"));
        OpenAiLM lm = Wire.lm(server)) {
      QaReAct agent = new QaReAct(TroublesTools.of(new Troubles()));
      agent.lm(lm);

      QaReActOutput out = agent.aforward(QUESTION).get(30, SECONDS);

      assertThat(out.answer()).isEqualTo("two shelves");
      String seen = Wire.user(server.requests().get(1));
      assertThat(seen).contains("[[ ## trajectory ## ]]\n" + DspyPrompts.LIST_OBSERVATION_TRAJECTORY + "\n\nRespond with");
    }
  }

  private static String alwaysLookUp(JsonNode body) {
    return Wire.isReActStep(body)
        ? Wire.step("Look it up again (" + Wire.stepsSoFar(body) + ").", "lookup_author", "{\"title\": \"Dune\"}")
        : Wire.reply("reasoning", "Ran out of steps.", "answer", "Frank Herbert");
  }

  private void assertStoppedAfterTwo(OpenAiServer server, QaReActOutput out) {
    List<JsonNode> requests = server.requests();
    assertThat(requests).hasSize(3);
    assertThat(Wire.isReActStep(requests.get(0))).isTrue();
    assertThat(Wire.isReActStep(requests.get(1))).isTrue();
    assertThat(Wire.isReActStep(requests.get(2))).isFalse();
    String extractUser = Wire.user(requests.get(2));
    assertThat(extractUser).contains("[[ ## observation_1 ## ]]\nFrank Herbert");
    assertThat(extractUser).doesNotContain("thought_2");
    assertThat(out.trajectory().toMap()).hasSize(8);
    assertThat(out.trajectory().steps().stream().map(Trajectory.Step::thought).toList())
        .containsExactly("Look it up again (0).", "Look it up again (1).")
        .inOrder();
    assertThat(out.answer()).isEqualTo("Frank Herbert");
    assertThat(out.reasoning()).isEqualTo("Ran out of steps.");
    assertThat(library.authorCalls.get()).isEqualTo(2);
  }

  @Test
  void forwardStopsAtMaxItersAndStillExtracts() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(ReActErrorsTest::alwaysLookUp);
        OpenAiLM lm = Wire.lm(server);
        var scope = Jspy.context(s -> s.lm(lm))) {
      QaReActOutput out = new QaReAct(LibraryTools.of(library), 2).forward(QUESTION);

      assertStoppedAfterTwo(server, out);
    }
  }

  @Test
  void aforwardStopsAtMaxItersAndStillExtracts() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(ReActErrorsTest::alwaysLookUp);
        OpenAiLM lm = Wire.lm(server)) {
      QaReAct agent = new QaReAct(LibraryTools.of(library), 2);
      agent.lm(lm);

      QaReActOutput out = agent.aforward(QUESTION).get(30, SECONDS);

      assertStoppedAfterTwo(server, out);
    }
  }

  /** A step reply that cannot be parsed (even by the JSON fallback) ends the loop, as in DSPy; the outputs are still extracted. */
  @Test
  void anUnparseableStepEndsTheLoopAndStillExtracts() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.replying(
                body ->
                    !Wire.isReActStep(body)
                        ? Wire.reply("reasoning", "No steps.", "answer", "unknown")
                        : Wire.stepsSoFar(body) == 0
                            ? Wire.step("Look it up.", "lookup_author", "{\"title\": \"Dune\"}")
                            : "I refuse to use the format."); // ChatAdapter and JSONAdapter both fail
        OpenAiLM lm = Wire.lm(server)) {
      QaReAct agent = new QaReAct(LibraryTools.of(library));
      agent.lm(lm);

      QaReActOutput out = agent.aforward(QUESTION).get(30, SECONDS);
      QaReActOutput sync;
      try (var scope = Jspy.context(s -> s.lm(lm))) {
        sync = agent.forward(QUESTION);
      }

      for (QaReActOutput o : List.of(out, sync)) {
        assertThat(o.answer()).isEqualTo("unknown");
        assertThat(o.trajectory().steps()).hasSize(1);
        assertThat(o.trajectory().steps().get(0).observation()).isEqualTo("Frank Herbert");
      }
    }
  }
}
