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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Exact prompts, as DSPy 3.3.1's ChatAdapter writes them. The cases named after a DSPy test reproduce
 * that test ({@code tests/adapters/test_chat_adapter.py}) with the jspy types that match; the expected
 * text of the others was produced by DSPy's own formatting functions run under Python with pydantic.
 */
class ChatAdapterFormatTest {
  private final ChatAdapter adapter = ChatAdapter.INSTANCE;

  /** test_chat_adapter_format_exact_messages_for_simple_signature */
  @Test
  void formatsSimpleSignature() {
    SignatureSpec<?, ?> qa = signature("QA", "Answer the question.")
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .build();

    List<Message> messages = adapter.format(qa, List.of(), Map.of("question", "What is the capital of France?"));

    assertMessages(messages, SIMPLE);
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

    assertMessages(messages, MULTI);
  }

  /** test_format_system_message: the system message alone. */
  @Test
  void formatsSystemMessageWithJsonSchemaNotes() {
    SignatureSpec<?, ?> multi = signature("MultiAnswer", "Answer the question with multiple answers and scores")
        .input("question", "", FieldType.STRING)
        .output("answers", "", FieldType.list(FieldType.STRING))
        .output("scores", "", FieldType.list(FieldType.DOUBLE))
        .build();

    assertThat(adapter.format(multi, List.of(), Map.of("question", "Q")).get(0)).isEqualTo(Message.system(MULTI[1]));
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

    assertMessages(messages, NESTED);
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

    assertMessages(messages, INCOMPLETE);
  }

  /** test_chat_adapter_format_exact_messages_with_list_value_for_string_input */
  @Test
  void formatsListGivenForStringFieldAsNumberedList() {
    SignatureSpec<?, ?> sig = contextToAnswer();

    assertMessages(adapter.format(sig, List.of(), map("context", List.of("alpha", "beta"))), LIST_AS_STRING);
    assertMessages(
        adapter.format(sig, List.of(), map("context", List.of("line one\nline two", "has «quotes»", "plain"))),
        LIST_AS_STRING_BLOBS);
    assertMessages(adapter.format(sig, List.of(), map("context", List.of("only"))), LIST_AS_STRING_ONE);
    assertMessages(adapter.format(sig, List.of(), map("context", List.of())), LIST_AS_STRING_EMPTY);
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

    assertMessages(messages, KITCHEN);
  }

  @Test
  void formatsEnumOptionalMapBoolIntFieldsWithTheirNotes() {
    SignatureSpec<?, ?> sig = signature("Review", "Classify the review.\n    Be brief.")
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

    assertMessages(messages, TYPED);
  }

  @Test
  void formatsRecordWithNestedRecordEnumAndOptionalAsJsonSchema() {
    SignatureSpec<?, ?> sig = signature("Describe", "Describe the person.")
        .input("person", "", Fixtures.PERSON)
        .output("summary", "", FieldType.STRING)
        .output("updated", "", Fixtures.PERSON)
        .build();
    Person ada = new Person("Ada", new Fixtures.Address("London", 1), Optional.empty(), Label.NEUTRAL, List.of("x", "y"));

    assertMessages(adapter.format(sig, List.of(), Map.of("person", ada)), PERSON);
  }

  @Test
  void dedentsInstructionsAndIndentsEachLine() {
    SignatureSpec<?, ?> sig = signature("Dedent", "  Line one.\n\n    Indented more.\n  Back.\n")
        .input("a", "", FieldType.STRING)
        .output("b", "", FieldType.STRING)
        .build();

    assertMessages(adapter.format(sig, List.of(), Map.of("a", "x")), DEDENT);
  }

  @Test
  void emptyInstructionsLeaveTheObjectiveBlank() {
    SignatureSpec<?, ?> sig = signature("Empty", "")
        .input("a", "", FieldType.STRING)
        .output("b", "", FieldType.STRING)
        .build();

    assertMessages(adapter.format(sig, List.of(), Map.of("a", "x")), EMPTY_INSTR);
  }

  @Test
  void formatsSignatureWithoutInputs() {
    SignatureSpec<?, ?> sig = signature("Count", "Count.").output("n", "how many", FieldType.INT).build();

    assertMessages(adapter.format(sig, List.of(), Map.of()), NO_INPUTS);
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

    assertMessages(messages, SCALARS);
  }

  @Test
  void omitsInputsThatWereNotGiven() {
    SignatureSpec<?, ?> sig = signature("Two", "Do it.")
        .input("a", "", FieldType.STRING)
        .input("b", "", FieldType.STRING)
        .output("c", "", FieldType.STRING)
        .build();

    String user = adapter.format(sig, List.of(), Map.of("b", "B")).get(1).content();

    assertThat(user).startsWith("[[ ## b ## ]]\nB\n\nRespond with");
  }

  @Test
  void writesNullInputAsNone() {
    String user = adapter.format(contextToAnswer(), List.of(), map("context", null)).get(1).content();

    assertThat(user).startsWith("[[ ## context ## ]]\nNone\n\n");
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

    assertThat(messages.get(1).content()).isEqualTo(
        "This is an example of the task, though some input or output fields are not supplied.\n\n"
            + "[[ ## question ## ]]\nQ2");
    // the missing field is not last, so its message keeps DSPy's trailing space
    assertThat(messages.get(2).content())
        .isEqualTo("[[ ## answer ## ]]\nA2\n\n[[ ## why ## ]]\nNot supplied for this particular example.\n\n"
            + "[[ ## completed ## ]]\n");
    assertThat(messages.get(3).content()).isEqualTo("[[ ## question ## ]]\nQ1");
    assertThat(messages.get(4).content())
        .isEqualTo("[[ ## answer ## ]]\nA1\n\n[[ ## why ## ]]\nW1\n\n[[ ## completed ## ]]\n");
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

    assertThat(messages).hasSize(2);
    String system = messages.get(0).content();
    assertThat(system).contains("1. `input1` (str): String Input\n2. `input2` (int): Integer Input\n");
    assertThat(system).contains("1. `output` (str): String Output\n");
    assertThat(system).contains("[[ ## input1 ## ]]\n{input1}");
    assertThat(system).contains("[[ ## input2 ## ]]\n{input2}");
    assertThat(system).contains("[[ ## output ## ]]\n{output}");
    assertThat(messages.get(1).content()).isEqualTo("[[ ## input1 ## ]]\nTest\n\n[[ ## input2 ## ]]\n11\n\n"
        + "Respond with the corresponding output fields, starting with the field `[[ ## output ## ]]`, and then "
        + "ending with the marker for `[[ ## completed ## ]]`.");
  }

  @Test
  void formatsTrajectoryAsStringSections() {
    Map<String, Object> trajectory = map(
        "thought_0", "Look it up.",
        "tool_name_0", "search",
        "tool_args_0", map("query", "capital of France", "k", 3),
        "observation_0", List.of("Paris is the capital.", "France is in Europe."));

    assertThat(ChatAdapter.formatTrajectory(trajectory)).isEqualTo(
        "[[ ## thought_0 ## ]]\nLook it up.\n\n"
            + "[[ ## tool_name_0 ## ]]\nsearch\n\n"
            + "[[ ## tool_args_0 ## ]]\n{\"query\": \"capital of France\", \"k\": 3}\n\n"
            + "[[ ## observation_0 ## ]]\n[1] «Paris is the capital.»\n[2] «France is in Europe.»");
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

  // SIMPLE
  private static final String[] SIMPLE = {
        "system",
        "Your input fields are:\n"
            + "1. `question` (str):\n"
            + "Your output fields are:\n"
            + "1. `answer` (str):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "{question}\n"
            + "\n"
            + "[[ ## answer ## ]]\n"
            + "{answer}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Answer the question.",
        "user",
        "[[ ## question ## ]]\n"
            + "What is the capital of France?\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // MULTI
  private static final String[] MULTI = {
        "system",
        "Your input fields are:\n"
            + "1. `question` (str):\n"
            + "Your output fields are:\n"
            + "1. `answers` (list[str]): \n"
            + "2. `scores` (list[float]):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "{question}\n"
            + "\n"
            + "[[ ## answers ## ]]\n"
            + "{answers}        # note: the value you produce must adhere to the JSON schema: {\"type\": \"array\", \"items\": {\"type\": \"string\"}}\n"
            + "\n"
            + "[[ ## scores ## ]]\n"
            + "{scores}        # note: the value you produce must adhere to the JSON schema: {\"type\": \"array\", \"items\": {\"type\": \"number\"}}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Answer the question with multiple answers and scores",
        "user",
        "[[ ## question ## ]]\n"
            + "Q1",
        "assistant",
        "[[ ## answers ## ]]\n"
            + "[\"A1\", \"A2\"]\n"
            + "\n"
            + "[[ ## scores ## ]]\n"
            + "[0.1, 0.9]\n"
            + "\n"
            + "[[ ## completed ## ]]\n",
        "user",
        "[[ ## question ## ]]\n"
            + "Q2\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## answers ## ]]` (must be formatted as a valid Python list[str]), then `[[ ## scores ## ]]` (must be formatted as a valid Python list[float]), and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // NESTED
  private static final String[] NESTED = {
        "system",
        "Your input fields are:\n"
            + "1. `person` (Person):\n"
            + "Your output fields are:\n"
            + "1. `summary` (Summary):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## person ## ]]\n"
            + "{person}\n"
            + "\n"
            + "[[ ## summary ## ]]\n"
            + "{summary}        # note: the value you produce must adhere to the JSON schema: {\"type\": \"object\", \"properties\": {\"headline\": {\"type\": \"string\", \"title\": \"Headline\"}, \"score\": {\"type\": \"number\", \"title\": \"Score\"}}, \"required\": [\"headline\", \"score\"], \"title\": \"Summary\"}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `person`, produce the fields `summary`.",
        "user",
        "[[ ## person ## ]]\n"
            + "{\"name\": \"Ada\", \"address\": {\"city\": \"London\", \"country\": \"UK\"}, \"tags\": [\"math\", \"code\"]}\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## summary ## ]]` (must be formatted as a valid Python Summary), and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // INCOMPLETE
  private static final String[] INCOMPLETE = {
        "system",
        "Your input fields are:\n"
            + "1. `question` (str): \n"
            + "2. `context` (str):\n"
            + "Your output fields are:\n"
            + "1. `answer` (str): \n"
            + "2. `confidence` (float):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "{question}\n"
            + "\n"
            + "[[ ## context ## ]]\n"
            + "{context}\n"
            + "\n"
            + "[[ ## answer ## ]]\n"
            + "{answer}\n"
            + "\n"
            + "[[ ## confidence ## ]]\n"
            + "{confidence}        # note: the value you produce must be a single float value\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `question`, `context`, produce the fields `answer`, `confidence`.",
        "user",
        "This is an example of the task, though some input or output fields are not supplied.\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "Q1",
        "assistant",
        "[[ ## answer ## ]]\n"
            + "A1\n"
            + "\n"
            + "[[ ## confidence ## ]]\n"
            + "Not supplied for this particular example.\n"
            + "\n"
            + "[[ ## completed ## ]]\n",
        "user",
        "[[ ## question ## ]]\n"
            + "Q2\n"
            + "\n"
            + "[[ ## context ## ]]\n"
            + "C2\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, then `[[ ## confidence ## ]]` (must be formatted as a valid Python float), and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // LIST_AS_STRING
  private static final String[] LIST_AS_STRING = {
        "system",
        "Your input fields are:\n"
            + "1. `context` (str):\n"
            + "Your output fields are:\n"
            + "1. `answer` (str):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## context ## ]]\n"
            + "{context}\n"
            + "\n"
            + "[[ ## answer ## ]]\n"
            + "{answer}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `context`, produce the fields `answer`.",
        "user",
        "[[ ## context ## ]]\n"
            + "[1] \u00abalpha\u00bb\n"
            + "[2] \u00abbeta\u00bb\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // LIST_AS_STRING_BLOBS
  private static final String[] LIST_AS_STRING_BLOBS = {
        "system",
        "Your input fields are:\n"
            + "1. `context` (str):\n"
            + "Your output fields are:\n"
            + "1. `answer` (str):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## context ## ]]\n"
            + "{context}\n"
            + "\n"
            + "[[ ## answer ## ]]\n"
            + "{answer}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `context`, produce the fields `answer`.",
        "user",
        "[[ ## context ## ]]\n"
            + "[1] \u00ab\u00ab\u00ab\n"
            + "    line one\n"
            + "    line two\n"
            + "\u00bb\u00bb\u00bb\n"
            + "[2] \u00ab\u00ab\u00ab\n"
            + "    has \u00abquotes\u00bb\n"
            + "\u00bb\u00bb\u00bb\n"
            + "[3] \u00abplain\u00bb\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // LIST_AS_STRING_ONE
  private static final String[] LIST_AS_STRING_ONE = {
        "system",
        "Your input fields are:\n"
            + "1. `context` (str):\n"
            + "Your output fields are:\n"
            + "1. `answer` (str):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## context ## ]]\n"
            + "{context}\n"
            + "\n"
            + "[[ ## answer ## ]]\n"
            + "{answer}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `context`, produce the fields `answer`.",
        "user",
        "[[ ## context ## ]]\n"
            + "\u00abonly\u00bb\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // LIST_AS_STRING_EMPTY
  private static final String[] LIST_AS_STRING_EMPTY = {
        "system",
        "Your input fields are:\n"
            + "1. `context` (str):\n"
            + "Your output fields are:\n"
            + "1. `answer` (str):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## context ## ]]\n"
            + "{context}\n"
            + "\n"
            + "[[ ## answer ## ]]\n"
            + "{answer}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `context`, produce the fields `answer`.",
        "user",
        "[[ ## context ## ]]\n"
            + "N/A\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // KITCHEN
  private static final String[] KITCHEN = {
        "system",
        "Your input fields are:\n"
            + "1. `profile` (Profile): \n"
            + "2. `context` (str): \n"
            + "3. `question` (str):\n"
            + "Your output fields are:\n"
            + "1. `answer` (AnswerCard): \n"
            + "2. `verdict` (Label): \n"
            + "3. `confidence` (float):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## profile ## ]]\n"
            + "{profile}\n"
            + "\n"
            + "[[ ## context ## ]]\n"
            + "{context}\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "{question}\n"
            + "\n"
            + "[[ ## answer ## ]]\n"
            + "{answer}        # note: the value you produce must adhere to the JSON schema: {\"type\": \"object\", \"properties\": {\"answer\": {\"type\": \"string\", \"title\": \"Answer\"}, \"sources\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"title\": \"Sources\"}}, \"required\": [\"answer\", \"sources\"], \"title\": \"AnswerCard\"}\n"
            + "\n"
            + "[[ ## verdict ## ]]\n"
            + "{verdict}        # note: the value you produce must be one of: POSITIVE; NEGATIVE; NEUTRAL\n"
            + "\n"
            + "[[ ## confidence ## ]]\n"
            + "{confidence}        # note: the value you produce must be a single float value\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Answer carefully using every available signal.",
        "user",
        "This is an example of the task, though some input or output fields are not supplied.\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "Incomplete example question",
        "assistant",
        "[[ ## answer ## ]]\n"
            + "{\"answer\": \"Partial answer.\", \"sources\": [\"partial\"]}\n"
            + "\n"
            + "[[ ## verdict ## ]]\n"
            + "Not supplied for this particular example. \n"
            + "\n"
            + "[[ ## confidence ## ]]\n"
            + "Not supplied for this particular example.\n"
            + "\n"
            + "[[ ## completed ## ]]\n",
        "user",
        "[[ ## profile ## ]]\n"
            + "{\"name\": \"Ada\", \"location\": {\"city\": \"London\", \"country\": \"UK\"}, \"interests\": [\"math\", \"machines\"]}\n"
            + "\n"
            + "[[ ## context ## ]]\n"
            + "[1] \u00abdemo context one\u00bb\n"
            + "[2] \u00abdemo context two\u00bb\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "What should we mention?",
        "assistant",
        "[[ ## answer ## ]]\n"
            + "{\"answer\": \"Mention analytical engines.\", \"sources\": [\"demo\"]}\n"
            + "\n"
            + "[[ ## verdict ## ]]\n"
            + "POSITIVE\n"
            + "\n"
            + "[[ ## confidence ## ]]\n"
            + "0.9\n"
            + "\n"
            + "[[ ## completed ## ]]\n",
        "user",
        "[[ ## profile ## ]]\n"
            + "{\"name\": \"Grace\", \"location\": {\"city\": \"Arlington\", \"country\": \"USA\"}, \"interests\": [\"compilers\", \"navy\"]}\n"
            + "\n"
            + "[[ ## context ## ]]\n"
            + "[1] \u00abcurrent context one\u00bb\n"
            + "[2] \u00abcurrent context two\u00bb\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "What should the answer include?\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]` (must be formatted as a valid Python AnswerCard), then `[[ ## verdict ## ]]` (must be formatted as a valid Python Label), then `[[ ## confidence ## ]]` (must be formatted as a valid Python float), and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // TYPED
  private static final String[] TYPED = {
        "system",
        "Your input fields are:\n"
            + "1. `review` (str): The review text\n"
            + "2. `stars` (int): \n"
            + "3. `meta` (dict[str, int]):\n"
            + "Your output fields are:\n"
            + "1. `label` (Label): The sentiment\n"
            + "2. `confidence` (float): \n"
            + "3. `sarcastic` (bool): \n"
            + "4. `count` (int): \n"
            + "5. `note` (Union[str, NoneType]): \n"
            + "6. `scores` (dict[str, float]): \n"
            + "7. `keywords` (list[str]):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## review ## ]]\n"
            + "{review}\n"
            + "\n"
            + "[[ ## stars ## ]]\n"
            + "{stars}\n"
            + "\n"
            + "[[ ## meta ## ]]\n"
            + "{meta}\n"
            + "\n"
            + "[[ ## label ## ]]\n"
            + "{label}        # note: the value you produce must be one of: POSITIVE; NEGATIVE; NEUTRAL\n"
            + "\n"
            + "[[ ## confidence ## ]]\n"
            + "{confidence}        # note: the value you produce must be a single float value\n"
            + "\n"
            + "[[ ## sarcastic ## ]]\n"
            + "{sarcastic}        # note: the value you produce must be True or False\n"
            + "\n"
            + "[[ ## count ## ]]\n"
            + "{count}        # note: the value you produce must be a single int value\n"
            + "\n"
            + "[[ ## note ## ]]\n"
            + "{note}        # note: the value you produce must adhere to the JSON schema: {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}]}\n"
            + "\n"
            + "[[ ## scores ## ]]\n"
            + "{scores}        # note: the value you produce must adhere to the JSON schema: {\"type\": \"object\", \"additionalProperties\": {\"type\": \"number\"}}\n"
            + "\n"
            + "[[ ## keywords ## ]]\n"
            + "{keywords}        # note: the value you produce must adhere to the JSON schema: {\"type\": \"array\", \"items\": {\"type\": \"string\"}}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Classify the review.\n"
            + "            Be brief.",
        "user",
        "This is an example of the task, though some input or output fields are not supplied.\n"
            + "\n"
            + "[[ ## review ## ]]\n"
            + "Great!\n"
            + "\n"
            + "[[ ## stars ## ]]\n"
            + "5\n"
            + "\n"
            + "[[ ## meta ## ]]\n"
            + "{\"a\": 1}",
        "assistant",
        "[[ ## label ## ]]\n"
            + "POSITIVE\n"
            + "\n"
            + "[[ ## confidence ## ]]\n"
            + "0.9\n"
            + "\n"
            + "[[ ## sarcastic ## ]]\n"
            + "False\n"
            + "\n"
            + "[[ ## count ## ]]\n"
            + "1\n"
            + "\n"
            + "[[ ## note ## ]]\n"
            + "None\n"
            + "\n"
            + "[[ ## scores ## ]]\n"
            + "{\"x\": 1.0, \"y\": 1e-05}\n"
            + "\n"
            + "[[ ## keywords ## ]]\n"
            + "[\"great\"]\n"
            + "\n"
            + "[[ ## completed ## ]]\n",
        "user",
        "[[ ## review ## ]]\n"
            + "Meh \"ok\"\n"
            + "second line\n"
            + "\n"
            + "[[ ## stars ## ]]\n"
            + "3\n"
            + "\n"
            + "[[ ## meta ## ]]\n"
            + "{\"\u00fc\": 2, \"b\\\\c\": 3}\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## label ## ]]` (must be formatted as a valid Python Label), then `[[ ## confidence ## ]]` (must be formatted as a valid Python float), then `[[ ## sarcastic ## ]]` (must be formatted as a valid Python bool), then `[[ ## count ## ]]` (must be formatted as a valid Python int), then `[[ ## note ## ]]` (must be formatted as a valid Python Union[str, NoneType]), then `[[ ## scores ## ]]` (must be formatted as a valid Python dict[str, float]), then `[[ ## keywords ## ]]` (must be formatted as a valid Python list[str]), and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // PERSON
  private static final String[] PERSON = {
        "system",
        "Your input fields are:\n"
            + "1. `person` (Person):\n"
            + "Your output fields are:\n"
            + "1. `summary` (str): \n"
            + "2. `updated` (Person):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## person ## ]]\n"
            + "{person}\n"
            + "\n"
            + "[[ ## summary ## ]]\n"
            + "{summary}\n"
            + "\n"
            + "[[ ## updated ## ]]\n"
            + "{updated}        # note: the value you produce must adhere to the JSON schema: {\"type\": \"object\", \"$defs\": {\"Address\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\", \"title\": \"City\"}, \"zip_code\": {\"type\": \"integer\", \"title\": \"Zip Code\"}}, \"required\": [\"city\", \"zip_code\"], \"title\": \"Address\"}, \"Label\": {\"type\": \"string\", \"enum\": [\"POSITIVE\", \"NEGATIVE\", \"NEUTRAL\"], \"title\": \"Label\"}}, \"properties\": {\"home\": {\"$ref\": \"#/$defs/Address\"}, \"mood\": {\"$ref\": \"#/$defs/Label\"}, \"name\": {\"type\": \"string\", \"title\": \"Name\"}, \"nick\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}], \"title\": \"Nick\"}, \"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"title\": \"Tags\"}}, \"required\": [\"name\", \"home\", \"nick\", \"mood\", \"tags\"], \"title\": \"Person\"}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Describe the person.",
        "user",
        "[[ ## person ## ]]\n"
            + "{\"name\": \"Ada\", \"home\": {\"city\": \"London\", \"zip_code\": 1}, \"nick\": null, \"mood\": \"NEUTRAL\", \"tags\": [\"x\", \"y\"]}\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## summary ## ]]`, then `[[ ## updated ## ]]` (must be formatted as a valid Python Person), and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // DEDENT
  private static final String[] DEDENT = {
        "system",
        "Your input fields are:\n"
            + "1. `a` (str):\n"
            + "Your output fields are:\n"
            + "1. `b` (str):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## a ## ]]\n"
            + "{a}\n"
            + "\n"
            + "[[ ## b ## ]]\n"
            + "{b}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Line one.\n"
            + "        \n"
            + "          Indented more.\n"
            + "        Back.",
        "user",
        "[[ ## a ## ]]\n"
            + "x\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## b ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // EMPTY_INSTR
  private static final String[] EMPTY_INSTR = {
        "system",
        "Your input fields are:\n"
            + "1. `a` (str):\n"
            + "Your output fields are:\n"
            + "1. `b` (str):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## a ## ]]\n"
            + "{a}\n"
            + "\n"
            + "[[ ## b ## ]]\n"
            + "{b}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: ",
        "user",
        "[[ ## a ## ]]\n"
            + "x\n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## b ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // NO_INPUTS
  private static final String[] NO_INPUTS = {
        "system",
        "Your input fields are:\n"
            + "\n"
            + "Your output fields are:\n"
            + "1. `n` (int): how many\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "\n"
            + "\n"
            + "[[ ## n ## ]]\n"
            + "{n}        # note: the value you produce must be a single int value\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Count.",
        "user",
        "Respond with the corresponding output fields, starting with the field `[[ ## n ## ]]` (must be formatted as a valid Python int), and then ending with the marker for `[[ ## completed ## ]]`."
  };

  // SCALARS
  private static final String[] SCALARS = {
        "system",
        "Your input fields are:\n"
            + "1. `flag` (bool): \n"
            + "2. `ratio` (float): \n"
            + "3. `big` (float): \n"
            + "4. `tiny` (float): \n"
            + "5. `nothing` (Union[int, NoneType]): \n"
            + "6. `text` (str):\n"
            + "Your output fields are:\n"
            + "1. `out` (str):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "[[ ## flag ## ]]\n"
            + "{flag}\n"
            + "\n"
            + "[[ ## ratio ## ]]\n"
            + "{ratio}\n"
            + "\n"
            + "[[ ## big ## ]]\n"
            + "{big}\n"
            + "\n"
            + "[[ ## tiny ## ]]\n"
            + "{tiny}\n"
            + "\n"
            + "[[ ## nothing ## ]]\n"
            + "{nothing}\n"
            + "\n"
            + "[[ ## text ## ]]\n"
            + "{text}\n"
            + "\n"
            + "[[ ## out ## ]]\n"
            + "{out}\n"
            + "\n"
            + "[[ ## completed ## ]]\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Scalars.",
        "user",
        "[[ ## flag ## ]]\n"
            + "True\n"
            + "\n"
            + "[[ ## ratio ## ]]\n"
            + "0.3333333333333333\n"
            + "\n"
            + "[[ ## big ## ]]\n"
            + "1e+16\n"
            + "\n"
            + "[[ ## tiny ## ]]\n"
            + "1e-05\n"
            + "\n"
            + "[[ ## nothing ## ]]\n"
            + "None\n"
            + "\n"
            + "[[ ## text ## ]]\n"
            + "  padded  \n"
            + "\n"
            + "Respond with the corresponding output fields, starting with the field `[[ ## out ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`."
  };

}
