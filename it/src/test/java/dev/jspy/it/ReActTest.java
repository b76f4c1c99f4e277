package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.jspy.Jspy;
import dev.jspy.ReAct;
import dev.jspy.Tool;
import dev.jspy.Trajectory;
import dev.jspy.adapters.ChatAdapter;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * A ReAct run over a real server on loopback that calls a sync tool, then an async tool, then finishes;
 * every request is checked against what DSPy's {@code dspy.ReAct} sends ({@link DspyPrompts}).
 */
@Timeout(60)
@SuppressWarnings("try")
class ReActTest {
  static final String QUESTION = "Who wrote Dune, and how many pages has its 2nd edition?";

  private final ExecutorService toolExecutor = Executors.newFixedThreadPool(2);
  private final Library library = new Library(toolExecutor, 0);

  @AfterEach
  void reset() {
    Wire.resetGlobalSettings();
    toolExecutor.shutdownNow();
  }

  static String script(JsonNode body) {
    if (!Wire.isReActStep(body)) {
      return Wire.reply(
          "reasoning", "Frank Herbert wrote Dune; its 2nd edition has 402 pages.",
          "answer", "Frank Herbert; 402 pages");
    }
    switch (Wire.stepsSoFar(body)) {
      case 0:
        return Wire.step("I should find the author first.", "lookup_author", "{\"title\": \"Dune\"}");
      case 1:
        return Wire.step("Now the page count of the 2nd edition.", "page_count", "{\"title\": \"Dune\", \"edition\": 2}");
      case 2:
        return Wire.step("I have everything I need.", "finish", "{}");
      default:
        throw new AssertionError("no fourth step expected:\n" + Wire.user(body));
    }
  }

  static void assertRun(OpenAiServer server, QaReActOutput out) {
    List<JsonNode> requests = server.requests();
    assertThat(requests).hasSize(4);
    Wire.assertMessages(requests.get(0), DspyPrompts.REACT_STEP_SYSTEM, DspyPrompts.REACT_STEP_0_USER);
    Wire.assertMessages(requests.get(1), DspyPrompts.REACT_STEP_SYSTEM, DspyPrompts.REACT_STEP_1_USER);
    Wire.assertMessages(requests.get(2), DspyPrompts.REACT_STEP_SYSTEM, DspyPrompts.REACT_STEP_2_USER);
    Wire.assertMessages(requests.get(3), DspyPrompts.REACT_EXTRACT_SYSTEM, DspyPrompts.REACT_EXTRACT_USER);

    assertThat(out.answer()).isEqualTo("Frank Herbert; 402 pages");
    assertThat(out.reasoning()).isEqualTo("Frank Herbert wrote Dune; its 2nd edition has 402 pages.");

    Trajectory trajectory = out.trajectory();
    assertThat(trajectory.toMap().keySet())
        .containsExactly(
            "thought_0", "tool_name_0", "tool_args_0", "observation_0",
            "thought_1", "tool_name_1", "tool_args_1", "observation_1",
            "thought_2", "tool_name_2", "tool_args_2", "observation_2")
        .inOrder();
    List<Trajectory.Step> steps = trajectory.steps();
    assertThat(steps.get(0))
        .isEqualTo(
            new Trajectory.Step("I should find the author first.", "lookup_author", Map.of("title", "Dune"), "Frank Herbert"));
    assertThat(steps.get(1).thought()).isEqualTo("Now the page count of the 2nd edition.");
    assertThat(steps.get(1).toolName()).isEqualTo("page_count");
    assertThat(steps.get(1).toolArgs().keySet()).containsExactly("title", "edition").inOrder();
    assertThat(steps.get(1).toolArgs().get("title")).isEqualTo("Dune");
    assertThat(((Number) steps.get(1).toolArgs().get("edition")).intValue()).isEqualTo(2);
    assertThat(((Number) steps.get(1).observation()).intValue()).isEqualTo(402);
    assertThat(steps.get(2)).isEqualTo(new Trajectory.Step("I have everything I need.", "finish", Map.of(), "Completed."));
    // The trajectory the result carries reads exactly as the one the LM saw last.
    assertThat(ChatAdapter.formatTrajectory(trajectory.toMap())).isEqualTo(DspyPrompts.REACT_TRAJECTORY);
  }

  @Test
  void generatedToolsCarryNameDescriptionAndSchema() {
    List<Tool> tools = LibraryTools.of(library);

    assertThat(tools.stream().map(Tool::name).toList()).containsExactly("lookup_author", "page_count").inOrder();
    assertThat(tools.get(0).isAsync()).isFalse();
    assertThat(tools.get(1).isAsync()).isTrue();
    assertThat(tools.get(0).describe())
        .isEqualTo(
            "lookup_author, whose description is <desc>Finds who wrote a book.</desc>. It takes arguments "
                + "{'title': {'type': 'string', 'description': \"the book's exact title\"}}.");
    assertThat(tools.get(1).argsSchema())
        .isEqualTo(
            Map.of(
                "title", Map.of("type", "string", "description", "the book's exact title"),
                "edition", Map.of("type", "integer", "description", "which edition, from 1")));
    QaReAct agent = new QaReAct(tools);
    assertThat(agent.maxIters()).isEqualTo(ReAct.DEFAULT_MAX_ITERS);
    assertThat(agent.tools().keySet()).containsExactly("lookup_author", "page_count", "finish").inOrder();
  }

  @Test
  void forwardCallsTheSyncToolThenTheAsyncToolThenFinishes() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(ReActTest::script);
        OpenAiLM lm = Wire.lm(server);
        // forward runs tools through Tool.call, so the async page_count needs the conversion.
        var scope = Jspy.context(s -> s.lm(lm).allowToolAsyncSyncConversion(true))) {
      QaReAct agent = new QaReAct(LibraryTools.of(library));

      QaReActOutput out = agent.forward(QUESTION);

      assertRun(server, out);
      assertThat(library.authorCalls.get()).isEqualTo(1);
      assertThat(library.pageCalls.get()).isEqualTo(1);
    }
  }

  @Test
  void aforwardCallsTheSyncToolThenTheAsyncToolThenFinishes() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(ReActTest::script);
        OpenAiLM lm = Wire.lm(server)) {
      // No conversion needed: aforward runs every tool through Tool.acall.
      QaReAct agent = new QaReAct(LibraryTools.of(library));
      agent.lm(lm);

      QaReActOutput out = agent.aforward(QUESTION).get(30, SECONDS);

      assertRun(server, out);
      assertThat(library.authorCalls.get()).isEqualTo(1);
      assertThat(library.pageCalls.get()).isEqualTo(1);
    }
  }

  @Test
  void aforwardWithTheInputRecordAndTheGlobalLm() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(ReActTest::script);
        OpenAiLM lm = Wire.lm(server)) {
      Jspy.configure(s -> s.lm(lm));
      QaReAct agent = new QaReAct(LibraryTools.of(library), 5);

      QaReActOutput out = agent.acall(new QaInput(QUESTION)).get(30, SECONDS);

      assertRun(server, out);
    }
  }
}
