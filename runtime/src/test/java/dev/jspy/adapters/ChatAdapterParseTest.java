package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static dev.jspy.adapters.Fixtures.signature;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.adapters.Fixtures.AnswerCard;
import dev.jspy.adapters.Fixtures.Label;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading replies as DSPy 3.3.1's {@code ChatAdapter.parse} does. */
class ChatAdapterParseTest {
  private final ChatAdapter adapter = ChatAdapter.INSTANCE;

  private static SignatureSpec<?, ?> qa() {
    return signature("QA", "Answer.").input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();
  }

  private static SignatureSpec<?, ?> oneOutput(FieldType<?> type) {
    return signature("One", "Do it.").input("question", "", FieldType.STRING).output("value", "", type).build();
  }

  private Object parseOne(FieldType<?> type, String section) {
    return adapter.parse(oneOutput(type), "[[ ## value ## ]]\n" + section + "\n\n[[ ## completed ## ]]")[0];
  }

  // ---------------------------------------------------------------- sections

  @Test
  void readsSectionsInSignatureOrder() {
    SignatureSpec<?, ?> sig = signature("Two", "Do it.")
        .input("q", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .output("score", "", FieldType.INT)
        .build();

    Object[] values = adapter.parse(sig, "[[ ## score ## ]]\n7\n\n[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]\n");

    assertThat(values).asList().containsExactly("Paris", 7).inOrder();
  }

  @Test
  void keepsMultilineValuesStrippedAndIgnoresTextAroundSections() {
    Object[] values = adapter.parse(qa(),
        "Sure! Here it is.\n[[ ## answer ## ]]\n\n  line one\n\n  line two  \n\n[[ ## completed ## ]]\nanything after");

    assertThat(values).asList().containsExactly("line one\n\n  line two");
  }

  @Test
  void keepsTextAfterTheHeaderOnTheSameLine() {
    assertThat(adapter.parse(qa(), "[[ ## answer ## ]] Paris\nis the capital")).asList()
        .containsExactly("Paris\nis the capital");
  }

  @Test
  void firstSectionOfANameWinsAndUnknownNamesAreIgnored() {
    Object[] values = adapter.parse(qa(),
        "[[ ## reasoning ## ]]\nthink\n[[ ## answer ## ]]\nfirst\n[[ ## answer ## ]]\nsecond\n[[ ## completed ## ]]");

    assertThat(values).asList().containsExactly("first");
  }

  @Test
  void splitsOnAnyPythonLineBreak() {
    assertThat(adapter.parse(qa(), "[[ ## answer ## ]]\r\nParis\r\n\r\n[[ ## completed ## ]]\r\n")).asList()
        .containsExactly("Paris");
  }

  @Test
  void matchesHeadersOnlyAtTheStartOfALine() {
    assertThat(adapter.parse(qa(), "[[ ## answer ## ]]\nsee [[ ## completed ## ]] below")).asList()
        .containsExactly("see [[ ## completed ## ]] below");
  }

  /**
   * DSPy matches the header on the stripped line but cuts its length off the unstripped one, so an
   * indented header leaves part of itself in the value. Kept for parity.
   */
  @Test
  void keepsDspyOffsetForIndentedHeaders() {
    assertThat(adapter.parse(qa(), "  [[ ## answer ## ]] 42")).asList().containsExactly("]] 42");
  }

  // ---------------------------------------------------------------- values by type

  @Test
  void parsesStringsVerbatim() {
    assertThat(parseOne(FieldType.STRING, "\"quoted\" and [bracketed]")).isEqualTo("\"quoted\" and [bracketed]");
    assertThat(parseOne(FieldType.STRING, "None")).isEqualTo("None");
  }

  @Test
  void parsesInts() {
    assertThat(parseOne(FieldType.INT, "4")).isEqualTo(4);
    assertThat(parseOne(FieldType.INT, "\"4\"")).isEqualTo(4);
    assertThat(parseOne(FieldType.INT, "'4'")).isEqualTo(4);
    assertThat(parseOne(FieldType.INT, "4.0")).isEqualTo(4);
    assertThat(parseOne(FieldType.INT, "-12")).isEqualTo(-12);
    assertThat(parseOne(FieldType.LONG, "12345678901")).isEqualTo(12345678901L);
    assertThat(parseOne(FieldType.LONG, "1_000")).isEqualTo(1000L);
  }

  @Test
  void parsesFloats() {
    assertThat(parseOne(FieldType.DOUBLE, "0.5")).isEqualTo(0.5);
    assertThat(parseOne(FieldType.DOUBLE, "3")).isEqualTo(3.0);
    assertThat(parseOne(FieldType.DOUBLE, "1e-05")).isEqualTo(1e-05);
    assertThat(parseOne(FieldType.DOUBLE, "\"2.5\"")).isEqualTo(2.5);
    assertThat(parseOne(FieldType.FLOAT, "0.25")).isEqualTo(0.25f);
  }

  @Test
  void parsesBooleansInJsonAndPythonSpelling() {
    assertThat(parseOne(FieldType.BOOLEAN, "True")).isEqualTo(true);
    assertThat(parseOne(FieldType.BOOLEAN, "False")).isEqualTo(false);
    assertThat(parseOne(FieldType.BOOLEAN, "true")).isEqualTo(true);
    assertThat(parseOne(FieldType.BOOLEAN, "false")).isEqualTo(false);
    assertThat(parseOne(FieldType.BOOLEAN, "yes")).isEqualTo(true);
  }

  @Test
  void parsesEnumsByConstantName() {
    assertThat(parseOne(Fixtures.LABEL, "POSITIVE")).isEqualTo(Label.POSITIVE);
    assertThat(parseOne(Fixtures.LABEL, "'NEUTRAL'")).isEqualTo(Label.NEUTRAL);
  }

  @Test
  void parsesListsFromJsonPythonAndProse() {
    FieldType<List<String>> strings = FieldType.list(FieldType.STRING);
    assertThat(parseOne(strings, "[\"a\", \"b\"]")).isEqualTo(List.of("a", "b"));
    assertThat(parseOne(strings, "['a', 'b']")).isEqualTo(List.of("a", "b"));
    assertThat(parseOne(strings, "```json\n[\"a\"]\n```")).isEqualTo(List.of("a"));
    FieldType<List<Integer>> ints = FieldType.list(FieldType.INT);
    assertThat(parseOne(ints, "[1, 2, 3]\n\nThose are the numbers.")).isEqualTo(List.of(1, 2, 3));
    assertThat(parseOne(ints, "1, 2, 3")).isEqualTo(List.of(1, 2, 3));
    assertThat(parseOne(ints, "(1, 2)")).isEqualTo(List.of(1, 2));
    assertThat(parseOne(ints, "[]")).isEqualTo(List.of());
  }

  @Test
  void parsesMapsFromJsonAndPython() {
    FieldType<Map<String, Integer>> counts = FieldType.map(FieldType.INT);
    assertThat(parseOne(counts, "{\"k\": 1}")).isEqualTo(Map.of("k", 1));
    assertThat(parseOne(counts, "{'k': 1, 'j': 2,}")).isEqualTo(Map.of("k", 1, "j", 2));
  }

  @Test
  void parsesRecordsFromJsonAndPython() {
    AnswerCard expected = new AnswerCard("x", List.of("a", "b"));
    assertThat(parseOne(Fixtures.ANSWER_CARD, "{\"answer\": \"x\", \"sources\": [\"a\", \"b\"]}")).isEqualTo(expected);
    assertThat(parseOne(Fixtures.ANSWER_CARD, "{'answer': 'x', 'sources': ('a', 'b')}")).isEqualTo(expected);
  }

  /** test_chat_adapter_parses_float_with_underscores */
  @Test
  void parsesFloatWithUnderscoresInsideARecord() {
    record Score(double score) {}
    FieldType<Score> score = FieldType.record(
        "Score", List.of(FieldType.component("score", FieldType.DOUBLE)), v -> new Score(v.get(0)), s -> new Object[] {s.score()});

    assertThat(adapter.parse(oneOutput(score), "[[ ## value ## ]]\n{'score': 123_456.789}\n[[ ## completed ## ]]")[0])
        .isEqualTo(new Score(123456.789));
  }

  @Test
  void parsesOptionalStringsVerbatimAndMissingOnesAsEmpty() {
    SignatureSpec<?, ?> sig = signature("Opt", "Do it.")
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .output("note", "", FieldType.optional(FieldType.STRING))
        .output("maybe", "", FieldType.optional(FieldType.STRING))
        .build();

    Object[] values = adapter.parse(sig, "[[ ## answer ## ]]\n42\n\n[[ ## note ## ]]\ntext with [placeholder]");

    assertThat(values).asList()
        .containsExactly("42", Optional.of("text with [placeholder]"), Optional.empty())
        .inOrder();
  }

  @Test
  void parsesOptionalIntsIncludingNone() {
    FieldType<Optional<Integer>> type = FieldType.optional(FieldType.INT);
    assertThat(parseOne(type, "5")).isEqualTo(Optional.of(5));
    assertThat(parseOne(type, "None")).isEqualTo(Optional.empty());
    assertThat(parseOne(type, "null")).isEqualTo(Optional.empty());
  }

  // ---------------------------------------------------------------- errors

  @Test
  void reportsMissingFieldsWithWhatWasFound() {
    SignatureSpec<?, ?> sig = signature("Two", "Do it.")
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .output("confidence", "", FieldType.DOUBLE)
        .build();
    String reply = "[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]";

    AdapterParseException e = assertThrows(AdapterParseException.class, () -> adapter.parse(sig, reply));

    assertThat(e.adapter()).isEqualTo("ChatAdapter");
    assertThat(e.signature()).isEqualTo("Two(question -> answer, confidence)");
    assertThat(e.rawReply()).isEqualTo(reply);
    assertThat(e.problemFields()).containsExactly("confidence");
    assertThat(e).hasMessageThat().contains(
        "Expected to find output fields in the LM response: [answer, confidence] \n\n"
            + "Actual output fields parsed from the LM response: [answer]");
  }

  /** test_chat_adapter_exception_raised_on_failure */
  @Test
  void reportsReplyWithoutHeaders() {
    AdapterParseException e = assertThrows(
        AdapterParseException.class, () -> adapter.parse(qa(), "{'output':'mismatched value'}"));

    assertThat(e.problemFields()).containsExactly("answer");
    assertThat(e).hasMessageThat().startsWith("ChatAdapter failed to parse the LM reply for signature QA(question -> answer)");
    assertThat(e).hasMessageThat().contains("Actual output fields parsed from the LM response: []");
  }

  /** test_empty_string_content_raises_adapter_parse_error / test_null_content_raises_adapter_parse_error */
  @Test
  void reportsEmptyOrAbsentReply() {
    assertThat(assertThrows(AdapterParseException.class, () -> adapter.parse(qa(), "")).problemFields())
        .containsExactly("answer");
    assertThat(assertThrows(AdapterParseException.class, () -> adapter.parse(qa(), null)).problemFields())
        .containsExactly("answer");
  }

  /** test_missing_required_output_field_still_raises: Optional outputs count as found, required ones not. */
  @Test
  void listsOnlyRequiredFieldsAsMissing() {
    SignatureSpec<?, ?> sig = signature("Opt", "Do it.")
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .output("note", "", FieldType.optional(FieldType.STRING))
        .output("count", "", FieldType.INT)
        .build();

    AdapterParseException e =
        assertThrows(AdapterParseException.class, () -> adapter.parse(sig, "[[ ## note ## ]]\npresent"));

    assertThat(e.problemFields()).containsExactly("answer", "count").inOrder();
    assertThat(e).hasMessageThat().contains("Actual output fields parsed from the LM response: [note]");
  }

  @Test
  void reportsValueThatIsNotAnInt() {
    String reply = "[[ ## value ## ]]\nfour\n\n[[ ## completed ## ]]";

    AdapterParseException e =
        assertThrows(AdapterParseException.class, () -> adapter.parse(oneOutput(FieldType.INT), reply));

    assertThat(e.problemFields()).containsExactly("value");
    assertThat(e.rawReply()).isEqualTo(reply);
    assertThat(e).hasMessageThat().contains(
        "Failed to parse field value with value four from the LM response. Error message: expected int, got 'four'");
  }

  /** As in DSPy, a scalar followed by prose is not read (the JSON adapter fallback gets its turn). */
  @Test
  void reportsIntFollowedByProse() {
    assertThrows(AdapterParseException.class, () -> parseOne(FieldType.INT, "4\n\nbecause 2 + 2 = 4"));
  }

  @Test
  void reportsUnknownEnumConstant() {
    AdapterParseException e =
        assertThrows(AdapterParseException.class, () -> parseOne(Fixtures.LABEL, "positive"));

    assertThat(e.problemFields()).containsExactly("value");
    assertThat(e).hasMessageThat().contains(
        "Failed to parse field value with value positive from the LM response. Error message: ");
    assertThat(e).hasMessageThat().contains("is not a valid name or value for the enum Label");
  }

  @Test
  void reportsRecordMissingAComponent() {
    AdapterParseException e = assertThrows(
        AdapterParseException.class, () -> parseOne(Fixtures.ANSWER_CARD, "{\"answer\": \"x\"}"));

    assertThat(e).hasMessageThat().contains("sources");
  }

  @Test
  void reportsProseForAList() {
    assertThrows(AdapterParseException.class, () -> parseOne(FieldType.list(FieldType.STRING), "a, b"));
  }

  @Test
  void roundTripsWhatFormatWritesForDemos() {
    SignatureSpec<?, ?> sig = signature("RoundTrip", "Do it.")
        .input("q", "", FieldType.STRING)
        .output("card", "", Fixtures.ANSWER_CARD)
        .output("label", "", Fixtures.LABEL)
        .output("ok", "", FieldType.BOOLEAN)
        .output("ratio", "", FieldType.DOUBLE)
        .output("tags", "", FieldType.map(FieldType.list(FieldType.INT)))
        .output("nick", "", FieldType.optional(FieldType.STRING))
        .build();
    Object[] values = {
      new AnswerCard("Ünïcode \"quoted\"\nnext", List.of("s1")), Label.NEGATIVE, false, 1e-05,
      Map.of("a", List.of(1, 2)), Optional.of("Ace")
    };
    Map<String, Object> demo = new java.util.LinkedHashMap<>();
    demo.put("q", "question");
    for (int i = 0; i < values.length; i++) {
      demo.put(sig.outputs().get(i).name(), values[i]);
    }

    String assistant = adapter.format(sig, List.of(demo), Map.of("q", "next")).get(2).content();

    assertThat(adapter.parse(sig, assistant)).isEqualTo(values);
  }
}
