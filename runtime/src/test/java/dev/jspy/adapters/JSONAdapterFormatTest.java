package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.jspy.adapters.Fixtures.map;
import static dev.jspy.adapters.Fixtures.signature;

import dev.jspy.adapters.Fixtures.Address;
import dev.jspy.adapters.Fixtures.AnswerCard;
import dev.jspy.adapters.Fixtures.Label;
import dev.jspy.adapters.Fixtures.Person;
import dev.jspy.adapters.Fixtures.Place;
import dev.jspy.adapters.Fixtures.Someone;
import dev.jspy.internal.py.PyJson;
import dev.jspy.lm.LMRequest;
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
 * Exact prompts and {@code response_format}s, as DSPy 3.3.1's JSONAdapter writes them. The cases named
 * after a DSPy test reproduce that test ({@code tests/adapters/test_json_adapter.py}) with the jspy types
 * that match (enums are valued by their names). The expected messages and response formats are in
 * {@code json_format.json} beside this class, made by DSPy's own {@code dspy.Predict} with its JSONAdapter
 * (and the OpenAI SDK's {@code to_strict_json_schema} for the wire form of the response format) on the same
 * signatures, demos and inputs: regenerate with {@code it/dspyref/json_format.py} (its docstring has the
 * command).
 */
class JSONAdapterFormatTest {
  private static final JsonNode EXPECTED = load();

  private final JSONAdapter adapter = JSONAdapter.INSTANCE;

  private static String q(String outputs) {
    return "Given the fields `question`, produce the fields " + outputs + ".";
  }

  /** test_json_adapter_format_exact_messages_for_simple_signature */
  @Test
  void formatsSimpleSignature() {
    SignatureSpec<?, ?> sig = signature("StringSignature", q("`answer`"))
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .build();

    assertFormat(sig, List.of(), Map.of("question", "What is the capital of France?"), "SIMPLE");
  }

  /** test_json_adapter_format_exact_messages_with_demo_and_typed_output */
  @Test
  void formatsDemoAsIndentedJson() {
    SignatureSpec<?, ?> sig = signature("MultiAnswer", q("`answer`, `confidence`"))
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .output("confidence", "", FieldType.DOUBLE)
        .build();

    assertFormat(sig, List.of(map("question", "Q1", "answer", "A1", "confidence", 0.9)), Map.of("question", "Q2"),
        "DEMO_TYPED");
  }

  /** test_json_adapter_format_exact_messages_with_described_and_bool_outputs */
  @Test
  void formatsDescribedAndBoolOutputs() {
    SignatureSpec<?, ?> sig = signature("TestSignature", "Given the fields `input1`, produce the fields `output1`, `output2`.")
        .input("input1", "", FieldType.STRING)
        .output("output1", "String output field", FieldType.STRING)
        .output("output2", "", FieldType.BOOLEAN)
        .build();

    assertFormat(sig, List.of(), Map.of("input1", "Test input"), "DESCRIBED_BOOL");
  }

  /** test_json_adapter_format_exact_messages_with_int_and_mapping_outputs: a map output means JSON mode. */
  @Test
  void formatsIntAndMappingOutputsAndAsksForJsonObject() {
    SignatureSpec<?, ?> sig = signature("IntDictSignature", q("`count`, `metadata`"))
        .input("question", "", FieldType.STRING)
        .output("count", "", FieldType.INT)
        .output("metadata", "", FieldType.map(FieldType.INT))
        .build();

    assertFormat(sig, List.of(), Map.of("question", "Count things"), "INT_MAPPING");
  }

  /** test_json_adapter_format_exact_messages_with_literal_and_enum_outputs */
  @Test
  void formatsLiteralAndEnumOutputs() {
    SignatureSpec<?, ?> sig = signature("LiteralEnumSignature", "Given the fields `text`, produce the fields `decision`, `label`.")
        .input("text", "", FieldType.STRING)
        .output("decision", "", FieldType.literal(List.of("accept", "reject")))
        .output("label", "", Fixtures.LABEL)
        .build();

    assertFormat(sig, List.of(), Map.of("text", "Looks good"), "LITERAL_ENUM");
  }

  record JsonNestedAddress(String city, String country) {}

  record JsonNestedSummary(String title, JsonNestedAddress address, List<Double> scores) {}

  /** test_json_adapter_format_exact_messages_with_nested_pydantic_output */
  @Test
  void formatsNestedRecordOutput() {
    FieldType<JsonNestedAddress> address = FieldType.record(
        "JsonNestedAddress",
        List.of(FieldType.component("city", FieldType.STRING), FieldType.component("country", FieldType.STRING)),
        v -> new JsonNestedAddress(v.get(0), v.get(1)),
        a -> new Object[] {a.city(), a.country()});
    FieldType<JsonNestedSummary> summary = FieldType.record(
        "JsonNestedSummary",
        List.of(
            FieldType.component("title", FieldType.STRING),
            FieldType.component("address", address),
            FieldType.component("scores", FieldType.list(FieldType.DOUBLE))),
        v -> new JsonNestedSummary(v.get(0), v.get(1), v.get(2)),
        s -> new Object[] {s.title(), s.address(), s.scores()});
    SignatureSpec<?, ?> sig = signature("PydanticSignature", q("`summary`"))
        .input("question", "", FieldType.STRING)
        .output("summary", "", summary)
        .build();

    assertFormat(sig, List.of(), Map.of("question", "Summarize"), "NESTED");
  }

  /** test_json_adapter_format_exact_messages_with_incomplete_demo */
  @Test
  void formatsIncompleteDemoWithNotSuppliedValue() {
    SignatureSpec<?, ?> sig = signature("IncompleteDemoSignature",
            "Given the fields `question`, `context`, produce the fields `answer`, `score`.")
        .input("question", "", FieldType.STRING)
        .input("context", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .output("score", "", FieldType.DOUBLE)
        .build();

    assertFormat(sig, List.of(map("question", "Q1", "answer", "A1")), Map.of("question", "Q2", "context", "C2"),
        "INCOMPLETE");
  }

  /**
   * test_format_system_message, with a demo whose float list holds infinity (pydantic writes it
   * {@code null} inside a list).
   */
  @Test
  void formatsListOutputs() {
    SignatureSpec<?, ?> sig = signature("MySignature", "Answer the question with multiple answers and scores")
        .input("question", "", FieldType.STRING)
        .output("answers", "", FieldType.list(FieldType.STRING))
        .output("scores", "", FieldType.list(FieldType.DOUBLE))
        .build();

    assertFormat(sig,
        List.of(map("question", "Q1", "answers", List.of("A1", "A2"), "scores", List.of(0.1, Double.POSITIVE_INFINITY))),
        Map.of("question", "Q2"), "LISTS");
  }

  /**
   * test_json_adapter_format_exact_messages_with_history_demo_pydantic_tools_and_image, without the
   * history, image and tools jspy has no types for: record inputs and a record output, demos complete and
   * incomplete.
   */
  @Test
  void formatsRecordInputsAndOutputWithDemos() {
    SignatureSpec<?, ?> sig = signature("RichRenderingSignature", "Answer using all supplied context.")
        .input("profile", "", Fixtures.someone("Profile", "location", "Location", "interests"))
        .input("question", "", FieldType.STRING)
        .output("answer", "", Fixtures.ANSWER_CARD)
        .build();
    Someone ada = new Someone("Ada", new Place("London", "UK"), List.of("math", "machines"));
    Someone grace = new Someone("Grace", new Place("Arlington", "USA"), List.of("compilers", "navy"));

    assertFormat(sig,
        List.of(
            map("profile", ada, "question", "What should we mention?",
                "answer", new AnswerCard("Mention analytical engines.", List.of("demo"))),
            map("question", "Who is Ada?", "answer", new AnswerCard("Ada is a mathematician.", List.of()))),
        map("profile", grace, "question", "What should the answer include?"),
        "CARD");
  }

  /** Every jspy output type at once: int, enum, record (nested record, Optional, enum, list), Optionals, float, bool, list. */
  @Test
  void formatsEveryOutputType() {
    FieldType<Optional<String>> optionalString = FieldType.optional(FieldType.STRING);
    SignatureSpec<?, ?> sig = signature("Typed", "Describe the person.\nBe precise.\n    Name the city.")
        .input("person", "The person", Fixtures.PERSON)
        .input("hint", "", optionalString)
        .output("count", "How many", FieldType.INT)
        .output("mood", "", Fixtures.LABEL)
        .output("updated", "", Fixtures.PERSON)
        .output("note", "", optionalString)
        .output("home", "", FieldType.optional(Fixtures.ADDRESS))
        .output("ratio", "", FieldType.DOUBLE)
        .output("ok", "", FieldType.BOOLEAN)
        .output("tags", "", FieldType.list(FieldType.STRING))
        .build();
    Person ada = new Person("Ada", new Address("London", 1), Optional.empty(), Label.NEUTRAL, List.of("x"));
    Person updated = new Person("Ada L.", new Address("Paris", 75), Optional.of("al"), Label.NEGATIVE, List.of());
    Person grace = new Person("Grace", new Address("Arlington", 22201), Optional.of("amazing"), Label.POSITIVE, List.of("navy"));

    assertFormat(sig,
        List.of(map("person", ada, "hint", Optional.of("ü \"quoted\"\nline"), "count", 2, "mood", Label.POSITIVE,
            "updated", updated, "note", Optional.empty(), "home", Optional.empty(), "ratio", 1e-05, "ok", true,
            "tags", List.of("a", "b"))),
        map("person", grace, "hint", Optional.empty()),
        "TYPED");
  }

  @Test
  void prepareSetsTheSameCachedResponseFormatOnEveryRequest() {
    SignatureSpec<?, ?> sig = signature("Typed", "Do it.")
        .input("q", "", FieldType.STRING)
        .output("n", "", FieldType.INT)
        .build();
    LMRequest base = new LMRequest(List.of(Message.user("hi")), Map.of("temperature", 0.5, "response_format", "x"));

    LMRequest first = adapter.prepare(sig, null, base);
    LMRequest second = adapter.prepare(sig, null, base);

    assertThat(first.params().get("temperature")).isEqualTo(0.5);
    assertThat(first.params().get("response_format")).isSameInstanceAs(second.params().get("response_format"));
    assertThat(first.params().get("response_format")).isSameInstanceAs(adapter.responseFormat(sig));
    assertThat(PyJson.dumps(first.params().get("response_format"))).contains("\"n\": {\"title\": \"N\", \"type\": \"integer\"}");
  }

  @Test
  void otherModesSendJsonObjectOrNothing() {
    SignatureSpec<?, ?> sig = signature("S", "Do it.").input("q", "", FieldType.STRING).output("n", "", FieldType.INT).build();
    LMRequest base = LMRequest.of(List.of(Message.user("hi")));

    assertThat(new JSONAdapter(JSONAdapter.Mode.JSON_OBJECT).prepare(sig, null, base).params())
        .containsExactly("response_format", Map.of("type", "json_object"));
    assertThat(new JSONAdapter(JSONAdapter.Mode.NONE).prepare(sig, null, base).params()).isEmpty();
    assertThat(new JSONAdapter(JSONAdapter.Mode.NONE).format(sig, List.of(), Map.of("q", "x")))
        .isEqualTo(adapter.format(sig, List.of(), Map.of("q", "x")));
  }

  @Test
  void recordWithMapAndAnyInsideBecomesClosedObjects() {
    record Bag(Map<String, Integer> counts, List<Map<String, Object>> rows, Optional<Label> mood, Object anything) {}
    FieldType<Bag> bag = FieldType.record(
        "Bag",
        List.of(
            FieldType.component("counts", FieldType.map(FieldType.INT)),
            FieldType.component("rows", FieldType.list(FieldType.map(FieldType.ANY))),
            FieldType.component("mood", FieldType.optional(Fixtures.LABEL)),
            FieldType.component("anything", FieldType.ANY)),
        v -> new Bag(v.get(0), v.get(1), v.get(2), v.get(3)),
        b -> new Object[] {b.counts(), b.rows(), b.mood(), b.anything()});
    SignatureSpec<?, ?> sig = signature("S", "Do it.")
        .input("q", "", FieldType.STRING)
        .output("bag", "", bag)
        .output("maybe", "", FieldType.optional(FieldType.map(FieldType.INT)))
        .output("one", "", FieldType.literal(List.of("finish")))
        .build();

    assertThat(PyJson.dumps(adapter.responseFormat(sig))).isEqualTo(EXPECTED.path("BAG").path("response_format").stringValue());
  }

  /** Checks the messages and the response_format against the case {@code name} of {@code json_format.json}. */
  private void assertFormat(
      SignatureSpec<?, ?> sig, List<Map<String, Object>> demos, Map<String, Object> inputs, String name) {
    JsonNode expected = EXPECTED.path(name);
    assertWithMessage("json_format.json has case %s", name).that(expected.isObject()).isTrue();
    assertMessages(adapter.format(sig, new ArrayList<>(demos), inputs), expected.path("messages"));
    assertWithMessage("response_format")
        .that(PyJson.dumps(adapter.responseFormat(sig)))
        .isEqualTo(expected.path("response_format").stringValue());
    LMRequest prepared = adapter.prepare(sig, null, LMRequest.of(List.of()));
    assertThat(prepared.params().keySet()).containsExactly("response_format");
  }

  /** Checks roles and contents one by one, so a failure shows the text that differs. */
  private static void assertMessages(List<Message> actual, JsonNode expected) {
    List<String> roles = actual.stream().map(Message::role).toList();
    List<String> expectedRoles = new ArrayList<>();
    for (JsonNode m : expected) {
      expectedRoles.add(m.get(0).stringValue());
    }
    assertWithMessage("roles").that(roles).containsExactlyElementsIn(expectedRoles).inOrder();
    for (int i = 0; i < actual.size(); i++) {
      assertWithMessage("content of message %s (%s)", i, roles.get(i))
          .that(actual.get(i).content())
          .isEqualTo(expected.get(i).get(1).stringValue());
    }
  }

  private static JsonNode load() {
    try (InputStream in = JSONAdapterFormatTest.class.getResourceAsStream("json_format.json")) {
      if (in == null) {
        throw new IllegalStateException("dev/jspy/adapters/json_format.json is not on the test classpath");
      }
      return JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
