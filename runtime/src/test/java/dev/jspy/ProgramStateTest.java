package dev.jspy;

import dev.jspy.lm.LM;
import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.PredictDemosTest.In;
import dev.jspy.PredictDemosTest.Out;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DSPy 3.3.1's JSON program state: save, load, all-or-nothing failures. */
class ProgramStateTest {
  static final class Two extends Module<In, Out> {
    final Predict<In, Out> first = new Predict<>(PredictDemosTest.SIG);
    final Predict<In, Out> second = new Predict<>(PredictDemosTest.SIG);

    @Override
    public Out forward(In input) {
      return second.call(input);
    }
  }

  @Test
  void bareAndNestedPredictorsRoundTripThroughAFile(@TempDir Path dir) throws Exception {
    Predict<In, Out> p = new Predict<>(PredictDemosTest.SIG).instructions("Be brief.").fieldDescription("answer", "short");
    p.addDemo(new In("q", null), new Out("a", Optional.of("n")));
    Path file = dir.resolve("p.json");
    p.save(file);

    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).startsWith("{\n  \"traces\": [],\n  \"train\": [],\n  \"demos\": [\n    {\n      \"question\": \"q\",");
    assertThat(text).contains("\"prefix\": \"Answer:\",\n        \"description\": \"short\"");
    assertThat(text).contains("\"description\": \"${question}\"");
    assertThat(text).endsWith("  \"metadata\": {\n    \"dependency_versions\": {\n      \"dspy\": \"3.3.1\"\n    }\n  }\n}\n");

    Predict<In, Out> fresh = new Predict<>(PredictDemosTest.SIG);
    fresh.load(file);
    assertThat(fresh.signature().instructions()).isEqualTo("Be brief.");
    assertThat(fresh.signature().outputs().get(0).description()).isEqualTo("short");
    assertThat(fresh.signature().inputs().get(0).description()).isEmpty();
    assertThat(fresh.demos()).containsExactly(Map.of("question", "q", "answer", "a", "note", "n"));

    Two two = new Two();
    two.second.instructions("Second.");
    Map<String, Object> state = two.dumpState();
    assertThat(state.keySet()).containsExactly("first", "second").inOrder();
    Two other = new Two();
    other.loadState(state);
    assertThat(other.second.signature().instructions()).isEqualTo("Second.");
  }

  @Test
  void aBadPredictorLaterInTheStateChangesNothing() {
    Two two = new Two();
    Map<String, Object> state = two.dumpState();
    Two source = new Two();
    source.first.instructions("Changed.");
    source.second.addDemo(new In("q", "c"), new Out("a", Optional.empty()));
    Map<String, Object> good = source.dumpState();
    @SuppressWarnings("unchecked")
    Map<String, Object> second = new java.util.LinkedHashMap<>((Map<String, Object>) good.get("second"));
    @SuppressWarnings("unchecked")
    Map<String, Object> sig = new java.util.LinkedHashMap<>((Map<String, Object>) second.get("signature"));
    sig.put("fields", List.of(Map.of("prefix", "Question:", "description", "x")));
    second.put("signature", sig);
    Map<String, Object> bad = new java.util.LinkedHashMap<>(good);
    bad.put("second", second);

    StateException e = assertThrows(StateException.class, () -> two.loadState(bad));

    assertThat(e).hasMessageThat().contains("predictor 'second'");
    assertThat(e).hasMessageThat().contains("1 signature fields");
    assertThat(two.dumpState()).isEqualTo(state);
  }

  @Test
  void unknownMissingAndMistypedEntriesAreTypedErrors(@TempDir Path dir) throws Exception {
    Two two = new Two();
    Map<String, Object> state = new java.util.LinkedHashMap<>(two.dumpState());
    state.put("third", state.get("first"));
    assertThat(assertThrows(StateException.class, () -> two.loadState(state))).hasMessageThat().contains("'third'");

    state.remove("third");
    state.remove("second");
    assertThat(assertThrows(StateException.class, () -> two.loadState(state)))
        .hasMessageThat().contains("no entry for predictor 'second'");

    Predict<In, Out> p = new Predict<>(PredictDemosTest.SIG);
    Map<String, Object> flat = new java.util.LinkedHashMap<>(p.dumpState());
    flat.put("demos", "none");
    assertThat(assertThrows(StateException.class, () -> p.loadState(flat)))
        .hasMessageThat().contains("'demos' must be a list, got string");

    Path broken = dir.resolve("b.json");
    Files.writeString(broken, "{\"demos\": [");
    assertThrows(StateException.class, () -> p.load(broken));

    Map<String, Object> newer = new java.util.LinkedHashMap<>(p.dumpState());
    newer.put("metadata", Map.of("dependency_versions", Map.of("dspy", "4.0.0")));
    assertThat(assertThrows(StateException.class, () -> p.loadState(newer))).hasMessageThat().contains("4.0.0");
  }

  @Test
  void savedLmGivesModelAndParametersButNotItsEndpointUnlessAllowed() {
    Predict<In, Out> p = new Predict<>(PredictDemosTest.SIG);
    Map<String, Object> state = new java.util.LinkedHashMap<>(p.dumpState());
    state.put(
        "lm",
        Map.of("model", "openai/gpt-4o-mini", "temperature", 0.5, "api_base", "http://attacker.example/v1",
            "num_retries", 1));

    // Without OPENAI_API_KEY in the environment (as in these tests) the saved model, with its endpoint
    // ignored, would be the hosted OpenAI API without a key: the load fails and changes nothing.
    if (System.getenv("OPENAI_API_KEY") == null && System.getenv("OPENAI_BASE_URL") == null) {
      StateException e = org.junit.jupiter.api.Assertions.assertThrows(StateException.class, () -> p.loadState(state));
      assertThat(e).hasMessageThat().contains("OPENAI_API_KEY");
      assertThat(e).hasMessageThat().doesNotContain("attacker");
      assertThat(p.lm()).isNull();
    } else {
      p.loadState(state);
      try (LM lm = p.lm()) {
        assertThat(lm.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(lm.toString()).doesNotContain("attacker");
      }
    }
    p.loadState(state, true);
    try (LM lm = p.lm()) {
      assertThat(lm.model()).isEqualTo("openai/gpt-4o-mini");
      assertThat(lm.defaults()).containsEntry("temperature", 0.5);
      assertThat(lm.toString()).contains("attacker.example");
    }
  }
}
