package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.jspy.Trajectory;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * 200 ReAct runs at once through {@code aforward}, sharing one agent and one LM, with an async tool that
 * completes on another executor after a random delay. The server's replies depend on each run's question
 * and on the observations in its trajectory, so a run that saw another's step or tool result would end
 * with the wrong answer.
 */
@Timeout(120)
class ReActLoadTest {
  static final int RUNS = 200;
  static final Pattern BOOK = Pattern.compile("Who wrote Book (\\d+)\\?");

  private final ExecutorService toolExecutor = Executors.newFixedThreadPool(4);

  @AfterEach
  void reset() {
    Wire.resetGlobalSettings();
    toolExecutor.shutdownNow();
  }

  static String question(int i) {
    return "Who wrote Book " + i + "?";
  }

  static int edition(int i) {
    return i % 5 + 1;
  }

  static String expectedAnswer(int i) {
    return "Author of Book " + i + " / " + Library.pages("Book " + i, edition(i)) + " pages";
  }

  static String script(JsonNode body) {
    String user = Wire.user(body);
    Matcher m = BOOK.matcher(Wire.field(user, "question"));
    if (!m.matches()) {
      throw new AssertionError("unexpected question in:\n" + user);
    }
    int i = Integer.parseInt(m.group(1));
    if (!Wire.isReActStep(body)) {
      return Wire.reply(
          "reasoning", "Run " + i + " read its trajectory.",
          "answer", Wire.field(user, "observation_0") + " / " + Wire.field(user, "observation_1") + " pages");
    }
    int k = Wire.stepsSoFar(body);
    switch (k) {
      case 0:
        return Wire.step("Run " + i + ", step 0.", "lookup_author", "{\"title\": \"Book " + i + "\"}");
      case 1:
        return Wire.step(
            "Run " + i + ", step 1.",
            "page_count",
            "{\"title\": \"Book " + i + "\", \"edition\": " + edition(i) + "}");
      case 2:
        return Wire.step("Run " + i + ", step 2.", "finish", "{}");
      default:
        throw new AssertionError("run " + i + " has too many steps:\n" + user);
    }
  }

  @Test
  void concurrentAsyncRunsEachGetTheirOwnResult() throws Exception {
    Library library = new Library(toolExecutor, 20);
    try (OpenAiServer server = OpenAiServer.replying(ReActLoadTest::script);
        OpenAiLM lm = Wire.lm(server)) {
      QaReAct agent = new QaReAct(LibraryTools.of(library));
      agent.lm(lm);

      List<CompletableFuture<QaReActOutput>> runs = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        runs.add(agent.aforward(question(i)));
      }
      CompletableFuture.allOf(runs.toArray(new CompletableFuture<?>[0])).get(90, SECONDS);

      for (int i = 0; i < RUNS; i++) {
        QaReActOutput out = runs.get(i).getNow(null);
        assertThat(out.answer()).isEqualTo(expectedAnswer(i));
        assertThat(out.reasoning()).isEqualTo("Run " + i + " read its trajectory.");
        List<Trajectory.Step> steps = out.trajectory().steps();
        assertThat(steps).hasSize(3);
        for (int k = 0; k < 3; k++) {
          assertThat(steps.get(k).thought()).isEqualTo("Run " + i + ", step " + k + ".");
        }
        assertThat(steps.get(0).toolArgs()).containsExactly("title", "Book " + i);
        assertThat(steps.get(0).observation()).isEqualTo("Author of Book " + i);
        assertThat(((Number) steps.get(1).toolArgs().get("edition")).intValue()).isEqualTo(edition(i));
        assertThat(((Number) steps.get(1).observation()).intValue())
            .isEqualTo(Library.pages("Book " + i, edition(i)));
        assertThat(steps.get(2).toolName()).isEqualTo("finish");
      }
      assertThat(server.requests()).hasSize(4 * RUNS);
      assertThat(library.authorCalls.get()).isEqualTo(RUNS);
      assertThat(library.pageCalls.get()).isEqualTo(RUNS);
    }
  }
}
