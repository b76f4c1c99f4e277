package dev.jspy;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.adapters.ChatAdapter;
import dev.jspy.adapters.JSONAdapter;
import dev.jspy.lm.Message;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Demos that leave fields out, as DSPy 3.3.1 formats them (expected texts from DSPy's ChatAdapter/JSONAdapter). */
class PredictDemosTest {
  record In(String question, String context) {}

  record Out(String answer, Optional<String> note) {}

  static final SignatureSpec<In, Out> SIG =
      SignatureSpec.<In, Out>builder("Qa")
          .instructions("Answer.")
          .input("question", "", FieldType.STRING)
          .input("context", "", FieldType.STRING)
          .output("answer", "", FieldType.STRING)
          .output("note", "", FieldType.optional(FieldType.STRING))
          .inputValues(in -> new Object[] {in.question(), in.context()})
          .outputs(v -> new Out(v.get(0), v.get(1)))
          .outputValues(out -> new Object[] {out.answer(), out.note()})
          .build();

  private static final Map<String, Object> INPUTS = Map.of("question", "Q?", "context", "C");

  private static List<Message> chat(Predict<In, Out> p) {
    return ChatAdapter.INSTANCE.format(p.signature(), p.demos(), INPUTS);
  }

  private static List<Message> json(Predict<In, Out> p) {
    return JSONAdapter.INSTANCE.format(p.signature(), p.demos(), INPUTS);
  }

  @Test
  void nullComponentIsNotSuppliedAndIncompleteDemosComeFirst() {
    Predict<In, Out> p = new Predict<>(SIG);
    p.addDemo(new In("q1", "c1"), new Out("a1", Optional.of("n1")));
    p.addDemo(new In("q2", null), new Out(null, Optional.of("n2")));

    assertThat(p.demos().get(1)).doesNotContainKey("context");
    assertThat(p.demos().get(1)).doesNotContainKey("answer");
    List<Message> m = chat(p);
    assertThat(m).hasSize(6);
    assertThat(m.get(1).content())
        .isEqualTo(
            "This is an example of the task, though some input or output fields are not supplied.\n\n"
                + "[[ ## question ## ]]\nq2");
    assertThat(m.get(2).content())
        .isEqualTo(
            "[[ ## answer ## ]]\nNot supplied for this particular example. \n\n[[ ## note ## ]]\nn2\n\n"
                + "[[ ## completed ## ]]\n");
    assertThat(m.get(3).content()).isEqualTo("[[ ## question ## ]]\nq1\n\n[[ ## context ## ]]\nc1");
  }

  @Test
  void emptyOptionalIsASuppliedNoneButMakesTheDemoIncomplete() {
    Predict<In, Out> p = new Predict<>(SIG);
    p.addDemo(new In("q1", "c1"), new Out("a1", Optional.empty()));

    List<Message> m = chat(p);
    assertThat(m.get(1).content()).startsWith("This is an example of the task");
    assertThat(m.get(2).content())
        .isEqualTo("[[ ## answer ## ]]\na1\n\n[[ ## note ## ]]\nNone\n\n[[ ## completed ## ]]\n");
  }

  @Test
  void jsonAdapterWritesAMissingOutputAsTheNotSuppliedString() {
    Predict<In, Out> p = new Predict<>(SIG);
    p.addDemo(new In("q1", "c1"), new Out(null, Optional.of("n1")));

    assertThat(json(p).get(2).content())
        .isEqualTo("{\n  \"answer\": \"Not supplied for this particular example. \",\n  \"note\": \"n1\"\n}");
  }

  @Test
  void demoWithoutAnyOutputIsDropped() {
    Predict<In, Out> p = new Predict<>(SIG);
    p.addDemo(new In("q1", "c1"), new Out(null, null));

    assertThat(chat(p)).hasSize(2);
  }

  @Test
  void loadedDataDemoKeepsExtraKeysButDoesNotFormatThem() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("augmented", true);
    data.put("question", "q1");
    data.put("context", "c1");
    data.put("answer", "a1");
    data.put("note", null);
    Predict<In, Out> p = new Predict<>(SIG).addDemo(data);

    assertThat(p.demos().get(0)).containsEntry("augmented", true);
    List<Message> m = chat(p);
    assertThat(m.get(1).content()).startsWith("This is an example of the task"); // None makes it incomplete
    assertThat(m.get(2).content())
        .isEqualTo("[[ ## answer ## ]]\na1\n\n[[ ## note ## ]]\nNone\n\n[[ ## completed ## ]]\n");
    assertThat(m.get(1).content()).doesNotContain("augmented");
  }
}
