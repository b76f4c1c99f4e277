package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static dev.jspy.adapters.Fixtures.signature;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.adapters.Fixtures.Address;
import dev.jspy.adapters.Fixtures.Label;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reading replies as DSPy 3.3.1's {@code JSONAdapter.parse} does. Expected values were checked against
 * DSPy's parse code run with json_repair 0.61 and pydantic 2.13.
 */
class JSONAdapterParseTest {
  private final JSONAdapter adapter = JSONAdapter.INSTANCE;

  private static SignatureSpec<?, ?> qa() {
    return signature("QA", "Answer.").input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();
  }

  private static SignatureSpec.Builder<Object[], Object[]> outputs() {
    return signature("S", "Do it.").input("question", "", FieldType.STRING);
  }

  @Test
  void readsPlainJson() {
    assertThat(adapter.parse(qa(), "{\"answer\": \"Paris\"}")).asList().containsExactly("Paris");
  }

  /** test_json_adapter_sync_call's reply shape, in a Markdown fence with prose before and after. */
  @Test
  void readsJsonInACodeFenceWithProseAround() {
    SignatureSpec<?, ?> sig = outputs().output("answer", "", FieldType.STRING).output("n", "", FieldType.INT).build();

    Object[] values = adapter.parse(sig,
        "Sure! Here it is:\n```json\n{\n  \"answer\": \"Paris\",\n  \"n\": \"4\"\n}\n```\nHope that helps.");

    assertThat(values).asList().containsExactly("Paris", 4).inOrder();
  }

  @Test
  void readsTheObjectInsideProse() {
    assertThat(adapter.parse(qa(), "The answer is {\"answer\": \"Paris\"} as requested.")).asList()
        .containsExactly("Paris");
  }

  record Answer(String analysis, String result) {}

  /** test_json_adapter_on_pydantic_model: a Python-literal dict holding a record. */
  @Test
  void readsPythonLiteralWithRecord() {
    FieldType<Answer> answer = FieldType.record(
        "Answer",
        List.of(FieldType.component("analysis", FieldType.STRING), FieldType.component("result", FieldType.STRING)),
        v -> new Answer(v.get(0), v.get(1)),
        a -> new Object[] {a.analysis(), a.result()});
    SignatureSpec<?, ?> sig = outputs().output("answer", "", answer).build();

    Object[] values =
        adapter.parse(sig, "{'answer': {'analysis': 'Paris is the capital of France', 'result': 'Paris'}}");

    assertThat(values).asList().containsExactly(new Answer("Paris is the capital of France", "Paris"));
  }

  /** test_json_adapter_parse_raise_error_on_mismatch_fields */
  @Test
  void missingFieldIsAnAdapterParseException() {
    AdapterParseException e =
        assertThrows(AdapterParseException.class, () -> adapter.parse(qa(), "{'answer1': 'Paris'}"));

    assertThat(e.adapter()).isEqualTo("JSONAdapter");
    assertThat(e.signature()).isEqualTo("QA(question -> answer)");
    assertThat(e.rawReply()).isEqualTo("{'answer1': 'Paris'}");
    assertThat(e.problemFields()).containsExactly("answer");
    assertThat(e).hasMessageThat().contains(
        "Expected to find output fields in the LM response: [answer] \n\n"
            + "Actual output fields parsed from the LM response: []");
  }

  /** test_missing_optional_output_fields_fall_back_to_defaults (jspy has no defaults: Optional is empty). */
  @Test
  void missingOptionalOutputsAreEmpty() {
    FieldType<Optional<String>> optional = FieldType.optional(FieldType.STRING);
    SignatureSpec<?, ?> sig = outputs()
        .output("answer", "", FieldType.STRING)
        .output("note", "", optional)
        .output("maybe", "", optional)
        .build();

    assertThat(adapter.parse(sig, "{\"answer\": \"42\"}")).asList()
        .containsExactly("42", Optional.empty(), Optional.empty()).inOrder();
    AdapterParseException e =
        assertThrows(AdapterParseException.class, () -> adapter.parse(sig, "{\"note\": \"present\"}"));
    assertThat(e.problemFields()).containsExactly("answer");
    assertThat(e).hasMessageThat().contains("Actual output fields parsed from the LM response: [note, maybe]");
  }

  /** DSPy's parse_value for str: {@code str(value)}, so Python's spelling of whatever JSON value came. */
  @Test
  void strFieldsTakeAnyValueAsPythonWritesIt() {
    SignatureSpec.Builder<Object[], Object[]> b = outputs();
    for (String name : List.of("a", "b", "c", "d", "e", "f")) {
      b.output(name, "", FieldType.STRING);
    }

    Object[] values = adapter.parse(b.build(),
        "{\"a\": 4, \"b\": true, \"c\": null, \"d\": {\"k\": [1, 2.5, \"x\", false, null]}, \"e\": 1e-05, "
            + "\"f\": [\"it's\"]}");

    assertThat(values).asList()
        .containsExactly("4", "True", "None", "{'k': [1, 2.5, 'x', False, None]}", "1e-05", "[\"it's\"]")
        .inOrder();
  }

  /**
   * A reply in Python literals (json-parse-edge-18): json_repair keeps {@code None} as the string
   * {@code 'None'}, which {@code Optional[str]} keeps, {@code Optional[int]} reads as None (ast.literal_eval),
   * and a record's {@code Optional[str]} component keeps too; {@code True} is a boolean.
   */
  @Test
  void pythonNoneInAPythonLiteralReplyIsTheStringNoneForStrings() {
    SignatureSpec<?, ?> sig = outputs()
        .output("answer", "", FieldType.optional(FieldType.INT))
        .output("note", "", FieldType.optional(FieldType.STRING))
        .output("text", "", FieldType.STRING)
        .output("ok", "", FieldType.BOOLEAN)
        .build();

    Object[] values = adapter.parse(sig, "{'answer': None, 'note': None, 'text': None, 'ok': True}");

    assertThat(values).asList().containsExactly(Optional.empty(), Optional.of("None"), "None", true).inOrder();
  }

  record Memo(String title, Optional<String> note) {}

  @Test
  void pythonNoneInsideARecordStaysTheStringNone() {
    FieldType<Memo> memo = FieldType.record(
        "Memo",
        List.of(FieldType.component("title", FieldType.STRING),
            FieldType.component("note", FieldType.optional(FieldType.STRING))),
        v -> new Memo(v.get(0), v.get(1)),
        m -> new Object[] {m.title(), m.note()});
    SignatureSpec<?, ?> sig = outputs().output("memo", "", memo).build();

    Object[] values = adapter.parse(sig, "{'memo': {'title': 'x', 'note': None}}");

    assertThat(values).asList().containsExactly(new Memo("x", Optional.of("None")));
  }

  @Test
  void replyWithoutAnObjectIsAnAdapterParseException() {
    AdapterParseException e =
        assertThrows(AdapterParseException.class, () -> adapter.parse(qa(), "I think the answer is 4."));

    assertThat(e.adapter()).isEqualTo("JSONAdapter");
    assertThat(e.rawReply()).isEqualTo("I think the answer is 4.");
    assertThat(e.problemFields()).containsExactly("answer");
    assertThat(e).hasMessageThat().contains("LM response cannot be serialized to a JSON object.");
  }

  @Test
  void aValueOtherThanAnObjectGivesWayToTheFirstObjectInTheText() {
    assertThat(adapter.parse(qa(), "[1, 2] then {\"answer\": \"x\", \"extra\": 1}")).asList().containsExactly("x");
  }

  @Test
  void decodesTypedValuesGivenAsJsonOrAsStrings() {
    SignatureSpec<?, ?> sig = outputs()
        .output("n", "", FieldType.INT)
        .output("label", "", Fixtures.LABEL)
        .output("ok", "", FieldType.BOOLEAN)
        .output("x", "", FieldType.DOUBLE)
        .output("tags", "", FieldType.list(FieldType.STRING))
        .output("addr", "", Fixtures.ADDRESS)
        .output("lit", "", FieldType.literal(List.of("a", "b")))
        .output("m", "", FieldType.map(FieldType.INT))
        .output("none", "", FieldType.optional(FieldType.INT))
        .build();

    Object[] values = adapter.parse(sig,
        "{\"n\": 4.0, \"label\": \"NEGATIVE\", \"ok\": \"true\", \"x\": \"0.5\", \"tags\": \"[\\\"a\\\", \\\"b\\\"]\", "
            + "\"addr\": \"{\\\"city\\\": \\\"Oslo\\\", \\\"zip_code\\\": \\\"7\\\"}\", \"lit\": \"'b'\", "
            + "\"m\": {\"a\": 1, \"b\": \"2\"}, \"none\": null}");

    assertThat(values).asList()
        .containsExactly(4, Label.NEGATIVE, true, 0.5, List.of("a", "b"), new Address("Oslo", 7), "b",
            Map.of("a", 1, "b", 2), Optional.empty())
        .inOrder();
  }

  @Test
  void valueOfTheWrongTypeIsAnAdapterParseException() {
    SignatureSpec<?, ?> sig = outputs().output("n", "", FieldType.INT).build();

    AdapterParseException e = assertThrows(AdapterParseException.class, () -> adapter.parse(sig, "{\"n\": \"many\"}"));

    assertThat(e.adapter()).isEqualTo("JSONAdapter");
    assertThat(e.problemFields()).containsExactly("n");
    assertThat(e).hasMessageThat().contains("Failed to parse field n with value many from the LM response.");
  }

  @Test
  void enumByAnotherNameIsAnAdapterParseException() {
    SignatureSpec<?, ?> sig = outputs().output("label", "", Fixtures.LABEL).build();

    assertThrows(AdapterParseException.class, () -> adapter.parse(sig, "{\"label\": \"happy\"}"));
    assertThrows(AdapterParseException.class, () -> adapter.parse(sig, "{\"label\": 1}"));
  }

  /** json_repair treats an object repeated with the same shape as an update: the last one wins. */
  @Test
  void repeatedObjectOfTheSameShapeWins() {
    assertThat(adapter.parse(qa(), "{\"answer\": \"a\"}{\"answer\": \"b\"}")).asList().containsExactly("b");
    assertThat(adapter.parse(qa(), "draft {\"answer\": \"a\"} final {\"answer\": \"b\"}")).asList()
        .containsExactly("b");
    // Different shapes make a list, and then DSPy takes the first object in the text.
    assertThat(adapter.parse(qa(), "{\"answer\": \"a\"} {\"answer\": 5}")).asList().containsExactly("a");
    // Comma-separated objects are a list too.
    assertThat(adapter.parse(qa(), "{\"answer\": \"a\"}, {\"answer\": \"b\"}")).asList().containsExactly("a");
  }

  @Test
  void objectsOfDifferentShapesMeanTheFirstOne() {
    SignatureSpec<?, ?> sig = outputs().output("n", "", FieldType.INT).build();

    AdapterParseException e =
        assertThrows(AdapterParseException.class, () -> adapter.parse(sig, "{\"answer\": \"4\"} {\"n\": 5}"));
    assertThat(e.problemFields()).containsExactly("n");
  }

  @Test
  void repeatedKeyKeepsTheLastValueAndUnknownKeysAreDropped() {
    assertThat(adapter.parse(qa(), "{\"answer\": \"x\", \"reasoning\": \"...\", \"answer\": \"y\"}")).asList()
        .containsExactly("y");
  }

  @Test
  void truncatedObjectIsClosed() {
    SignatureSpec<?, ?> sig = outputs().output("answer", "", FieldType.STRING).output("tags", "", FieldType.list(FieldType.STRING)).build();

    assertThat(adapter.parse(sig, "{\"answer\": \"Paris\", \"tags\": [\"a\", \"b\"")).asList()
        .containsExactly("Paris", List.of("a", "b")).inOrder();
  }

  @Test
  void firstBalancedObjectMatchesDspysRecursivePattern() {
    assertThat(JSONAdapter.firstBalancedObject("no braces")).isNull();
    assertThat(JSONAdapter.firstBalancedObject("x { {a} y")).isEqualTo("{a}");
    assertThat(JSONAdapter.firstBalancedObject("} {a {b} c} {d}")).isEqualTo("{a {b} c}");
    assertThat(JSONAdapter.firstBalancedObject("{\"s\": \"}\"}")).isEqualTo("{\"s\": \"}");
  }

  @Test
  void fallbacks() {
    assertThat(ChatAdapter.INSTANCE.fallback()).isSameInstanceAs(JSONAdapter.INSTANCE);
    assertThat(new ChatAdapter().fallback()).isSameInstanceAs(JSONAdapter.INSTANCE);
    assertThat(ChatAdapter.withoutFallback().fallback()).isNull();
    assertThat(new ChatAdapter(false).fallback()).isNull();
    // DSPy retries a structured-outputs call in json_object mode, and stops there
    JSONAdapter retry = (JSONAdapter) JSONAdapter.INSTANCE.fallback();
    assertThat(retry.mode()).isEqualTo(JSONAdapter.Mode.JSON_OBJECT);
    assertThat(retry.fallback()).isNull();
    assertThat(new JSONAdapter(JSONAdapter.Mode.NONE).fallback()).isNull();
    assertThat(JSONAdapter.INSTANCE.name()).isEqualTo("JSONAdapter");
  }
}
