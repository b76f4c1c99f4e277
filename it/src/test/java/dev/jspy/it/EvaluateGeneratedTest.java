package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Example;
import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.evaluate.Evaluate;
import dev.jspy.evaluate.EvaluationResult;
import dev.jspy.evaluate.Metrics;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Evaluate over a generated predictor: examples read from JSONL are turned into the generated input
 * record by the signature's own conversion (no reflection), and scored against a loopback server.
 */
@Timeout(60)
@SuppressWarnings("try")
class EvaluateGeneratedTest {
  @Test
  void jsonlExamplesRunThroughTheGeneratedPredictorAndAreScored(@TempDir Path dir) throws Exception {
    Path dev = dir.resolve("dev.jsonl");
    Files.writeString(
        dev,
        "{\"question\": \"capital of France?\", \"answer\": \"Paris\"}\n"
            + "{\"question\": \"capital of Italy?\", \"answer\": \"Rome\"}\n"
            + "{\"question\": \"capital of Spain?\", \"answer\": \"Madrid\"}\n"
            + "{\"question\": \"capital of Peru?\", \"answer\": \"Lima\"}\n",
        StandardCharsets.UTF_8);
    // Right for France and Italy only: 2 of 4.
    try (OpenAiServer server =
            OpenAiServer.replying(
                body -> {
                  String q = lastUser(body);
                  String a = q.contains("France") ? "Paris" : q.contains("Italy") ? "Rome" : "Berlin";
                  return "[[ ## answer ## ]]\n" + a + "\n\n[[ ## completed ## ]]\n";
                });
        OpenAiLM lm = LM.builder("openai/m").apiBase(server.baseUrl()).apiKey(null).cache(false).build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      List<Example> examples = Example.readJsonl(dev, QaPredict.SPEC);
      assertThat(examples.get(0).toInput(QaPredict.SPEC)).isEqualTo(new QaInput("capital of France?"));

      EvaluationResult<QaOutput> result =
          Evaluate.builder(examples).numThreads(2).displayProgress(false).build()
              .run(new QaPredict(), Metrics.answerExactMatch(QaOutput::answer));

      assertThat(result.score()).isEqualTo(50.0);
      assertThat(result.results()).hasSize(4);
      assertThat(result.results().get(0).prediction()).isEqualTo(new QaOutput("Paris"));
      assertThat(server.requests()).hasSize(4);
    }
  }

  private static String lastUser(JsonNode body) {
    JsonNode messages = body.path("messages");
    return messages.get(messages.size() - 1).path("content").stringValue();
  }
}
