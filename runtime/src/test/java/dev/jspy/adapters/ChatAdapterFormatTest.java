package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.jspy.adapters.Fixtures.map;
import static dev.jspy.adapters.Fixtures.signature;

import dev.jspy.adapters.Fixtures.AnswerCard;
import dev.jspy.adapters.Fixtures.Label;
import dev.jspy.adapters.Fixtures.Person;
import dev.jspy.adapters.Fixtures.Place;
import dev.jspy.adapters.Fixtures.Someone;
import dev.jspy.lm.Message;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exact prompts, as DSPy 3.3.1's ChatAdapter writes them. The cases named after a DSPy test reproduce
 * that test ({@code tests/adapters/test_chat_adapter.py}) with the jspy types that match. The expected
 * messages are in {@code chat_format.json} beside this class, made by DSPy's own {@code ChatAdapter.format}
 * on the same signatures, demos and inputs: regenerate with {@code it/dspyref/chat_format.py} (its
 * docstring has the command).
 */
class ChatAdapterFormatTest {
  private static final JsonNode EXPECTED = load();

  private final ChatAdapter adapter = ChatAdapter.INSTANCE;

  /** test_chat_adapter_format_exact_messages_for_simple_signature */
  @Test
  void formatsSimpleSignature() {
    SignatureSpec<?, ?> qa = signature("QA", "Answer the question.")
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .build();

    List<Message> messages = adapter.format(qa, List.of(), Map.of("question", "What is the capital of France?"));

    assertMessages(messages, expected("SIMPLE"));
  }

  /** test_chat_adapter_format_exact_messages_with_demo_and_typed_outputs */
  @Test
  void formatsDemoAndTypedListOutputs() {
    SignatureSpec<?, ?> multi = signature("MultiAnswer", "Answer the question with multiple answers and scores")
        .input("question", "", FieldType.STRING)
        .output("answers", "", FieldType.list(FieldType.STRING))
        .output("scores", "", FieldType.list(FieldType.DOUBLE))
        .build();

    List<Message> messages = adapter.format(
        multi,
        List.of(map("question", "Q1", "answers", List.of("A1", "A2"), "scores", List.of(0.1, 0.9))),
        Map.of("question", "Q2"));

    assertMessages(messages, expected("MULTI"));
  }

  /** test_format_system_message: the system message alone. */
  @Test
  void formatsSystemMessageWithJsonSchemaNotes() {
    SignatureSpec<?, ?> multi = signature("MultiAnswer", "Answer the question with multiple answers and scores")
        .input("question", "", FieldType.STRING)
        .output("answers", "", FieldType.list(FieldType.STRING))
        .output("scores", "", FieldType.list(FieldType.DOUBLE))
        .build();

    assertThat(adapter.format(multi, List.of(), Map.of("question", "Q")).get(0))
        .isEqualTo(Message.system(expected("MULTI")[1]));
  }

  /** test_chat_adapter_format_exact_messages_with_nested_pydantic_models */
  @Test
  void formatsNestedRecordsAsPydanticModels() {
    SignatureSpec<?, ?> sig = signature("PydanticSignature", "Given the fields `person`, produce the fields `summary`.")
        .input("person", "", Fixtures.someone("Person", "address", "Address", "tags"))
        .output("summary", "", Fixtures.SUMMARY)
        .build();

    List<Message> messages = adapter.format(
        sig, List.of(), Map.of("person", new Someone("Ada", new Place("London", "UK"), List.of("math", "code"))));

    assertMessages(messages, expected("NESTED"));
  }

  /** test_chat_adapter_format_exact_messages_with_incomplete_demo */
  @Test
  void formatsIncompleteDemoWithPrefixAndNotSupplied() {
    SignatureSpec<?, ?> sig = signature(
            "IncompleteDemoSignature", "Given the fields `question`, `context`, produce the fields `answer`, `confidence`.")
        .input("question", "", FieldType.STRING)
        .input("context", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .output("confidence", "", FieldType.DOUBLE)
        .build();

    List<Message> messages =
        adapter.format(sig, List.of(map("question", "Q1", "answer", "A1")), map("question", "Q2", "context", "C2"));

    assertMessages(messages, expected("INCOMPLETE"));
  }

  /** test_chat_adapter_format_exact_messages_with_list_value_for_string_input */
  @Test
  void formatsListGivenForStringFieldAsNumberedList() {
    SignatureSpec<?, ?> sig = contextToAnswer();

    assertMessages(
        adapter.format(sig, List.of(), map("context", List.of("alpha", "beta"))), expected("LIST_AS_STRING"));
    assertMessages(
        adapter.format(sig, List.of(), map("context", List.of("line one\nline two", "has «quotes»", "plain"))),
        expected("LIST_AS_STRING_BLOBS"));
    assertMessages(adapter.format(sig, List.of(), map("context", List.of("only"))), expected("LIST_AS_STRING_ONE"));
    assertMessages(adapter.format(sig, List.of(), map("context", List.of())), expected("LIST_AS_STRING_EMPTY"));
  }

  private static SignatureSpec<?, ?> contextToAnswer() {
    return signature("ListAsStringSignature", "Given the fields `context`, produce the fields `answer`.")
        .input("context", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .build();
  }

  /**
   * test_chat_adapter_format_exact_messages_kitchen_sink, without the types jspy has no counterpart for
   * (History, Image, Audio, File, Document, Tool) and with an enum in place of the Literal.
   */
  @Test
  void formatsKitchenSink() {
    FieldType<Someone> profile = Fixtures.someone("Profile", "location", "Location", "interests");
    SignatureSpec<?, ?> sig = signature("KitchenSinkSignature", "Answer carefully using every available signal.")
        .input("profile", "", profile)
        .input("context", "", FieldType.STRING)
        .input("question", "", FieldType.STRING)
        .output("answer", "", Fixtures.ANSWER_CARD)
        .output("verdict", "", Fixtures.LABEL)
        .output("confidence", "", FieldType.DOUBLE)
        .build();
    Someone ada = new Someone("Ada", new Place("London", "UK"), List.of("math", "machines"));
    Someone grace = new Someone("Grace", new Place("Arlington", "USA"), List.of("compilers", "navy"));

    List<Message> messages = adapter.format(
        sig,
        List.of(
            map("profile", ada,
                "context", List.of("demo context one", "demo context two"),
                "question", "What should we mention?",
                "answer", new AnswerCard("Mention analytical engines.", List.of("demo")),
                "verdict", Label.POSITIVE,
                "confidence", 0.9),
            map("question", "Incomplete example question",
                "answer", new AnswerCard("Partial answer.", List.of("partial")))),
        map("profile", grace,
            "context", List.of("current context one", "current context two"),
            "question", "What should the answer include?"));

    assertMessages(messages, expected("KITCHEN"));
  }

  @Test
  void formatsEnumOptionalMapBoolIntFieldsWithTheirNotes() {
    SignatureSpec<?, ?> sig = signature("Review", "Classify the review.\nBe brief.\n    Quote the words that decided it.")
        .input("review", "The review text", FieldType.STRING)
        .input("stars", "", FieldType.INT)
        .input("meta", "", FieldType.map(FieldType.INT))
        .output("label", "The sentiment", Fixtures.LABEL)
        .output("confidence", "", FieldType.DOUBLE)
        .output("sarcastic", "", FieldType.BOOLEAN)
        .output("count", "", FieldType.LONG)
        .output("note", "", FieldType.optional(FieldType.STRING))
        .output("scores", "", FieldType.map(FieldType.DOUBLE))
        .output("keywords", "", FieldType.list(FieldType.STRING))
        .build();

    List<Message> messages = adapter.format(
        sig,
        List.of(map(
            "review", "Great!", "stars", 5, "meta", Map.of("a", 1),
            "label", Label.POSITIVE, "confidence", 0.9, "sarcastic", false, "count", 1L,
            "note", Optional.empty(), // None: this demo counts as incomplete, as in DSPy
            "scores", map("x", 1.0, "y", 1e-05), "keywords", List.of("great"))),
        map("review", "Meh \"ok\"\nsecond line", "stars", 3, "meta", map("ü", 2, "b\\c", 3)));

    assertMessages(messages, expected("TYPED"));
  }

  @Test
  void formatsRecordWithNestedRecordEnumAndOptionalAsJsonSchema() {
    SignatureSpec<?, ?> sig = signature("Describe", "Describe the person.")
        .input("person", "", Fixtures.PERSON)
        .output("summary", "", FieldType.STRING)
        .output("updated", "", Fixtures.PERSON)
        .build();
    Person ada = new Person("Ada", new Fixtures.Address("London", 1), Optional.empty(), Label.NEUTRAL, List.of("x", "y"));

    assertMessages(adapter.format(sig, List.of(), Map.of("person", ada)), expected("PERSON"));
  }

  @Test
  void dedentsInstructionsAndIndentsEachLine() {
    SignatureSpec<?, ?> sig = signature("Dedent", "  Line one.\n\n    Indented more.\n  Back.\n")
        .input("a", "", FieldType.STRING)
        .output("b", "", FieldType.STRING)
        .build();

    assertMessages(adapter.format(sig, List.of(), Map.of("a", "x")), expected("DEDENT"));
  }

  @Test
  void emptyInstructionsLeaveTheObjectiveBlank() {
    SignatureSpec<?, ?> sig = signature("Empty", "")
        .input("a", "", FieldType.STRING)
        .output("b", "", FieldType.STRING)
        .build();

    assertMessages(adapter.format(sig, List.of(), Map.of("a", "x")), expected("EMPTY_INSTR"));
  }

  @Test
  void formatsSignatureWithoutInputs() {
    SignatureSpec<?, ?> sig = signature("Count", "Count.").output("n", "how many", FieldType.INT).build();

    assertMessages(adapter.format(sig, List.of(), Map.of()), expected("NO_INPUTS"));
  }

  @Test
  void formatsScalarsAsPythonStr() {
    SignatureSpec<?, ?> sig = signature("Scalars", "Scalars.")
        .input("flag", "", FieldType.BOOLEAN)
        .input("ratio", "", FieldType.DOUBLE)
        .input("big", "", FieldType.DOUBLE)
        .input("tiny", "", FieldType.DOUBLE)
        .input("nothing", "", FieldType.optional(FieldType.INT))
        .input("text", "", FieldType.STRING)
        .output("out", "", FieldType.STRING)
        .build();

    List<Message> messages = adapter.format(
        sig,
        List.of(),
        map("flag", true, "ratio", 1.0 / 3, "big", 1e16, "tiny", 1e-05, "nothing", Optional.empty(), "text", "  padded  "));

    assertMessages(messages, expected("SCALARS"));
  }

  @Test
  void omitsInputsThatWereNotGiven() {
    SignatureSpec<?, ?> sig = signature("Two", "Do it.")
        .input("a", "", FieldType.STRING)
        .input("b", "", FieldType.STRING)
        .output("c", "", FieldType.STRING)
        .build();

    assertMessages(adapter.format(sig, List.of(), Map.of("b", "B")), expected("OMITTED_INPUT"));
  }

  @Test
  void writesNullInputAsNone() {
    assertMessages(adapter.format(contextToAnswer(), List.of(), map("context", null)), expected("NONE_INPUT"));
  }

  @Test
  void dropsDemosWithoutAnyInputOrWithoutAnyOutput() {
    SignatureSpec<?, ?> sig = contextToAnswer();

    List<Message> messages =
        adapter.format(sig, List.of(map("context", "only input"), map("answer", "only output")), Map.of("context", "c"));

    assertThat(messages).hasSize(2);
  }

  @Test
  void putsIncompleteDemosBeforeCompleteOnes() {
    SignatureSpec<?, ?> sig = signature("QA", "Answer.")
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .output("why", "", FieldType.STRING)
        .build();

    List<Message> messages = adapter.format(
        sig,
        List.of(map("question", "Q1", "answer", "A1", "why", "W1"), map("question", "Q2", "answer", "A2")),
        Map.of("question", "Q3"));

    // the missing field is not last, so its message keeps DSPy's trailing space
    assertMessages(messages, expected("INCOMPLETE_FIRST"));
  }

  @Test
  void describesInputAndOutputFields() {
    // test_chat_adapter_signature_information
    SignatureSpec<?, ?> sig = signature("TestSignature", "Given the fields `input1`, `input2`, produce the fields `output`.")
        .input("input1", "String Input", FieldType.STRING)
        .input("input2", "Integer Input", FieldType.INT)
        .output("output", "String Output", FieldType.STRING)
        .build();

    List<Message> messages = adapter.format(sig, List.of(), map("input1", "Test", "input2", 11));

    assertMessages(messages, expected("SIGNATURE_INFORMATION"));
  }

  @Test
  void formatsTrajectoryAsStringSections() {
    Map<String, Object> trajectory = map(
        "thought_0", "Look it up.",
        "tool_name_0", "search",
        "tool_args_0", map("query", "capital of France", "k", 3),
        "observation_0", List.of("Paris is the capital.", "France is in Europe."));

    assertThat(ChatAdapter.formatTrajectory(trajectory)).isEqualTo(EXPECTED.path("TRAJECTORY").stringValue());
    assertThat(ChatAdapter.formatTrajectory(Map.of())).isEmpty();
  }

  /** Checks roles and contents one by one, so a failure shows the text that differs. */
  private static void assertMessages(List<Message> actual, String[] expected) {
    List<String> roles = actual.stream().map(Message::role).toList();
    List<String> expectedRoles = new java.util.ArrayList<>();
    for (int i = 0; i < expected.length; i += 2) {
      expectedRoles.add(expected[i]);
    }
    assertWithMessage("roles").that(roles).containsExactlyElementsIn(expectedRoles).inOrder();
    for (int i = 0; i < actual.size(); i++) {
      assertWithMessage("content of message %s (%s)", i, roles.get(i))
          .that(actual.get(i).content())
          .isEqualTo(expected[2 * i + 1]);
    }
  }

  /** DSPy's messages for a case of {@code chat_format.json}, flattened as role, content, role, content, ... */
  private static String[] expected(String name) {
    JsonNode messages = EXPECTED.path(name);
    assertWithMessage("chat_format.json has case %s", name).that(messages.isArray()).isTrue();
    List<String> out = new ArrayList<>();
    for (JsonNode m : messages) {
      out.add(m.get(0).stringValue());
      out.add(m.get(1).stringValue());
    }
    return out.toArray(new String[0]);
  }

  private static JsonNode load() {
    try (InputStream in = ChatAdapterFormatTest.class.getResourceAsStream("chat_format.json")) {
      if (in == null) {
        throw new IllegalStateException("dev/jspy/adapters/chat_format.json is not on the test classpath");
      }
      return JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
