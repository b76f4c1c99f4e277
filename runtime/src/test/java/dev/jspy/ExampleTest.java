package dev.jspy;

import dev.jspy.core.ConfigurationException;
import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleTest {
  record In(String question, int n) {}

  record Out(String answer, List<String> tags, boolean ok) {}

  static SignatureSpec.Builder<In, Out> builder() {
    return SignatureSpec.<In, Out>builder("Qa")
        .instructions("Answer.")
        .input("question", "", FieldType.STRING)
        .input("n", "", FieldType.INT)
        .output("answer", "", FieldType.STRING)
        .output("tags", "", FieldType.list(FieldType.STRING))
        .output("ok", "", FieldType.BOOLEAN)
        .inputValues(i -> new Object[] {i.question(), i.n()})
        .outputs(v -> new Out(v.get(0), v.get(1), v.get(2)))
        .outputValues(o -> new Object[] {o.answer(), o.tags(), o.ok()});
  }

  static final SignatureSpec<In, Out> SPEC = builder().inputs(v -> new In(v.get(0), v.get(1))).build();

  @TempDir Path dir;

  @Test
  void inputsAndLabelsSplitTheFieldsInOrder() {
    Example ex = Example.of("question", "Why?", "answer", "Because.", "source", "web").withInputs("question");
    assertThat(ex.inputs().keys()).containsExactly("question");
    assertThat(ex.labels().keys()).containsExactly("answer", "source").inOrder();
    assertThat(ex.inputs().inputKeys()).hasValue(java.util.Set.of("question"));
    assertThat(ex.labels().inputKeys()).isEmpty();
    assertThat(ex.get("answer")).isEqualTo("Because.");
    assertThat(ex.get("missing", "Unknown")).isEqualTo("Unknown");
    assertThat(ex.toString()).isEqualTo(
        "Example({'question': 'Why?', 'answer': 'Because.', 'source': 'web'}) (input_keys={'question'})");
    assertThat(Example.of("a", 1).toString()).isEqualTo("Example({'a': 1}) (input_keys=None)");
  }

  @Test
  void inputsWithoutWithInputsSaysWhatToDo() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Example.of("q", "x").inputs());
    assertThat(e).hasMessageThat().contains("withInputs");
  }

  @Test
  void equalityIsDspysStoreEqualityAndWithIsACopy() {
    Example a = Example.of("q", "x", "a", "y");
    Example b = a.withInputs("q");
    assertThat(a).isEqualTo(b); // input keys are not compared, as in DSPy
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    Example c = b.with("a", "z");
    assertThat(c.get("a")).isEqualTo("z");
    assertThat(b.get("a")).isEqualTo("y");
    assertThat(c.inputKeys()).isEqualTo(b.inputKeys());
    assertThat(c).isNotEqualTo(b);
    assertThat(c.without("a").keys()).containsExactly("q");
    assertThrows(UnsupportedOperationException.class, () -> a.toMap().put("x", 1));
    Example internal = Example.of("q", "x", "dspy_uuid", "u");
    assertThat(internal.keys()).containsExactly("q");
    assertThat(internal.keys(true)).containsExactly("q", "dspy_uuid").inOrder();
  }

  @Test
  void fromRecordsAndBackToTheInputRecord() {
    Example ex = Example.from(SPEC, new In("Why?", 3), new Out("Because", List.of("a"), true));
    assertThat(ex.keys()).containsExactly("question", "n", "answer", "tags", "ok").inOrder();
    assertThat(ex.inputs().keys()).containsExactly("question", "n").inOrder();
    assertThat(ex.toInput(SPEC)).isEqualTo(new In("Why?", 3));
    // a value of another Java type is read as its field's type reads JSON
    assertThat(Example.of("question", "Q", "n", "7").toInput(SPEC)).isEqualTo(new In("Q", 7));
  }

  @Test
  void toInputNamesWhatIsMissing() {
    ConfigurationException missing =
        assertThrows(ConfigurationException.class, () -> Example.of("question", "Q").toInput(SPEC));
    assertThat(missing).hasMessageThat().contains("no field 'n'");
    SignatureSpec<In, Out> noFactory = builder().build();
    ConfigurationException noInputs = assertThrows(
        ConfigurationException.class, () -> Example.of("question", "Q", "n", 1).toInput(noFactory));
    assertThat(noInputs).hasMessageThat().contains("SignatureSpec.Builder.inputs");
  }

  @Test
  void jsonlTypedBySignature() throws Exception {
    Path f = dir.resolve("dev.jsonl");
    Files.writeString(f, "{\"question\": \"Q1\", \"n\": \"2\", \"tags\": [\"x\", \"y\"], \"ok\": true, \"extra\": 1.5}\n"
        + "\n{\"n\": 5, \"question\": \"Q2\", \"answer\": \"é\"}\n", StandardCharsets.UTF_8);
    List<Example> exs = Example.readJsonl(f, SPEC);
    assertThat(exs).hasSize(2);
    assertThat(exs.get(0).get("n")).isEqualTo(2);
    assertThat(exs.get(0).get("tags")).isEqualTo(List.of("x", "y"));
    assertThat(exs.get(0).get("extra")).isEqualTo(1.5);
    assertThat(exs.get(0).inputs().keys()).containsExactly("question", "n").inOrder();
    assertThat(exs.get(1).keys()).containsExactly("n", "question", "answer").inOrder();
    assertThat(exs.get(1).toInput(SPEC)).isEqualTo(new In("Q2", 5));

    List<Example> untyped = Example.readJsonl(f, "question");
    assertThat(untyped.get(0).get("n")).isEqualTo("2");
    assertThat(untyped.get(0).inputs().keys()).containsExactly("question");
  }

  @Test
  void jsonlErrorsNameLineAndField() throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"question\": \"Q\", \"n\": 1}\n{\"question\": \"Q\", \"n\": \"many\"}\n");
    DatasetException e = assertThrows(DatasetException.class, () -> Example.readJsonl(f, SPEC));
    assertThat(e).hasMessageThat().contains("bad.jsonl:2");
    assertThat(e).hasMessageThat().contains("field 'n'");
    assertThat(e).hasMessageThat().contains("'many'");
    Files.writeString(f, "[1, 2]\n");
    DatasetException notObject = assertThrows(DatasetException.class, () -> Example.readJsonl(f));
    assertThat(notObject).hasMessageThat().contains("expected a JSON object, got [1, 2]");
  }

  @Test
  void csvAsPythonsCsvModuleReadsItTypedBySignature() throws Exception {
    Path f = dir.resolve("dev.csv");
    Files.writeString(f, "\uFEFFquestion,n,answer,tags,ok\r\n"
        + "\"Say \"\"hi\"\",\nplease\",3,hi,\"['a', 'b']\",True\r\n"
        + "Q2,4,,[],false\r\n", StandardCharsets.UTF_8);
    List<Example> exs = Example.readCsv(f, SPEC);
    assertThat(exs).hasSize(2);
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("question", "Say \"hi\",\nplease");
    first.put("n", 3);
    first.put("answer", "hi");
    first.put("tags", List.of("a", "b"));
    first.put("ok", true);
    assertThat(exs.get(0).toMap()).containsExactlyEntriesIn(first).inOrder();
    assertThat(exs.get(1).get("ok")).isEqualTo(false);
    assertThat(exs.get(1).get("answer")).isEqualTo("");
    assertThat(exs.get(1).get("tags")).isEqualTo(List.of());
    assertThat(exs.get(0).inputs().keys()).containsExactly("question", "n").inOrder();

    List<Example> untyped = Example.readCsv(f, "question");
    assertThat(untyped.get(0).get("n")).isEqualTo("3");
  }

  @Test
  void csvOptionalEmptyCellAndErrors() throws Exception {
    SignatureSpec<In, Optional<Integer>> spec = SignatureSpec.<In, Optional<Integer>>builder("S")
        .instructions("")
        .input("question", "", FieldType.STRING)
        .output("score", "", FieldType.optional(FieldType.INT))
        .inputValues(i -> new Object[] {i.question()})
        .outputs(v -> v.get(0))
        .outputValues(o -> new Object[] {o})
        .build();
    Path f = dir.resolve("s.csv");
    Files.writeString(f, "question,score\nQ,\nR,2\nS,x\n");
    DatasetException e = assertThrows(DatasetException.class, () -> Example.readCsv(f, spec));
    assertThat(e).hasMessageThat().contains("row 3");
    assertThat(e).hasMessageThat().contains("field 'score'");
    Files.writeString(f, "question,score\nQ,\nR,2\n");
    List<Example> exs = Example.readCsv(f, spec);
    assertThat(exs.get(0).get("score")).isEqualTo(Optional.empty());
    assertThat(exs.get(1).get("score")).isEqualTo(Optional.of(2));
  }
}
