package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.jspy.adapters.Fixtures.map;
import static dev.jspy.adapters.Fixtures.signature;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.Predict;
import dev.jspy.adapters.Fixtures.Address;
import dev.jspy.adapters.Fixtures.Label;
import dev.jspy.adapters.Fixtures.Person;
import dev.jspy.lm.Message;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.testing.OpenAiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The XML adapter against DSPy 3.3.1's {@code XMLAdapter}: every expected text here is what DSPy's own
 * adapter wrote for the same signature and values (pydantic models shaped as {@link Fixtures}' records). The
 * formatted messages are in {@code xml_format.json} beside this class: regenerate with
 * {@code it/dspyref/xml_format.py} (its docstring has the command).
 */
class XMLAdapterTest {
  private static final JsonNode EXPECTED = load();

  private final XMLAdapter adapter = XMLAdapter.INSTANCE;

  /** {@code question: str -> person: Person, counts: dict[str, int], note: str}. */
  private static final SignatureSpec<Object[], Object[]> PROFILE = signature("Profile", "Describe the person.")
      .input("question", "", FieldType.STRING)
      .output("person", "", Fixtures.PERSON)
      .output("counts", "", FieldType.map(FieldType.INT))
      .output("note", "", FieldType.STRING)
      .build();

  /** {@code q: str -> xs: list[int], ys: Optional[list[str]], zs: list[str], n: Optional[int]}. */
  private static final SignatureSpec<Object[], Object[]> LISTS = signature(
          "Lists", "Given the fields `q`, produce the fields `xs`, `ys`, `zs`, `n`.")
      .input("q", "", FieldType.STRING)
      .output("xs", "", FieldType.list(FieldType.INT))
      .output("ys", "", FieldType.optional(FieldType.list(FieldType.STRING)))
      .output("zs", "", FieldType.list(FieldType.STRING))
      .output("n", "", FieldType.optional(FieldType.INT))
      .build();

  private static Map<String, Object> counts() {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("plain", 1);
    counts.put("two words", 2);
    counts.put("x-y.z", 3);
    counts.put("\"q'", 4);
    counts.put("1st", 5);
    return counts;
  }

  private static Map<String, Object> demo() {
    return map(
        "question", "Who & what <now>?",
        "person", new Person("Ada & Co <1>", new Address("London", 123), Optional.empty(), Label.POSITIVE, List.of("a<b", "c&d")),
        "counts", counts(),
        "note", "Tom & Jerry <3 > x");
  }

  // ---------------------------------------------------------------- format

  /** Inputs are never escaped; String outputs and the text inside nested elements are. */
  @Test
  void formatsNestedOutputsAsElementsAndEscapesStringOutputsAsDspy() {
    List<Message> messages = adapter.format(PROFILE, List.of(demo()), map("question", "Q?"));

    assertMessages(messages, EXPECTED.path("PROFILE"));
  }

  @Test
  void formatsOptionalListsNestedAndOptionalScalarsWithTheirSchemaNote() {
    assertMessages(adapter.format(LISTS, List.of(), map("q", "hi")), EXPECTED.path("LISTS"));
  }

  /** Checks roles and contents one by one, so a failure shows the text that differs. */
  private static void assertMessages(List<Message> actual, JsonNode expected) {
    assertWithMessage("xml_format.json case").that(expected.isArray()).isTrue();
    assertWithMessage("roles")
        .that(actual.stream().map(Message::role).toList())
        .containsExactlyElementsIn(java.util.stream.StreamSupport.stream(expected.spliterator(), false)
            .map(m -> m.get(0).stringValue())
            .toList())
        .inOrder();
    for (int i = 0; i < actual.size(); i++) {
      assertWithMessage("content of message %s", i)
          .that(actual.get(i).content())
          .isEqualTo(expected.get(i).get(1).stringValue());
    }
  }

  private static JsonNode load() {
    try (InputStream in = XMLAdapterTest.class.getResourceAsStream("xml_format.json")) {
      if (in == null) {
        throw new IllegalStateException("dev/jspy/adapters/xml_format.json is not on the test classpath");
      }
      return JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aDemoWrittenByTheAdapterParsesBackToItsValues() {
    Map<String, Object> demo = demo();
    String assistant = adapter.format(PROFILE, List.of(demo), map("question", "Q?")).get(2).content();

    Object[] values = adapter.parse(PROFILE, assistant);

    assertThat(values).asList().containsExactly(demo.get("person"), demo.get("counts"), demo.get("note")).inOrder();
  }

  // ---------------------------------------------------------------- parse

  @Test
  void parsesRecordsMapsEntriesAndTheInnerXmlOfAStringAsDspy() {
    Object[] values = adapter.parse(
        PROFILE,
        "<person><name>Ada</name><home><city>Paris</city><zip_code>75</zip_code></home><nick /><mood>NEUTRAL</mood>"
            + "<tags><item>x</item><item>y</item></tags></person>\n"
            + "<counts><entry key=\"two words\">2</entry><plain>1</plain></counts>\n"
            + "<note>\nUse <b>bold</b> text <br/> &amp; more\n</note>");

    assertThat(values[0])
        .isEqualTo(new Person("Ada", new Address("Paris", 75), Optional.empty(), Label.NEUTRAL, List.of("x", "y")));
    assertThat(values[1]).isEqualTo(map("two words", 2, "plain", 1));
    // DSPy keeps a String's child elements as XML (re-serialized, not stripped)
    assertThat(values[2]).isEqualTo("\nUse <b>bold</b> text <br /> &amp; more\n");
  }

  @Test
  void parsesListsFromJsonTextRepeatedElementsOrItemsAndEmptyOptionalsAsNone() {
    assertThat(adapter.parse(LISTS, "<xs>[1, 2]</xs><ys></ys><zs>a</zs><zs>b</zs><n> </n>")).asList()
        .containsExactly(List.of(1, 2), Optional.empty(), List.of("a", "b"), Optional.empty()).inOrder();
    assertThat(adapter.parse(LISTS, "<xs><item>3</item></xs><ys><item>p</item></ys><zs></zs><n>4</n>")).asList()
        .containsExactly(List.of(3), Optional.of(List.of("p")), List.of(), Optional.of(4)).inOrder();
  }

  @Test
  void aMissingOutputIsAnErrorNamingItWithTheRawReply() {
    AdapterParseException e = assertThrows(AdapterParseException.class, () -> adapter.parse(LISTS, "<xs>1</xs>"));

    assertThat(e.adapter()).isEqualTo("XMLAdapter");
    assertThat(e.problemFields()).containsExactly("zs");
    assertThat(e.rawReply()).isEqualTo("<xs>1</xs>");
    assertThat(e.getMessage()).contains("Expected to find output fields in the LM response: [xs, ys, zs, n]");
    assertThat(e.getMessage()).contains("Actual output fields parsed from the LM response: [xs, ys, n]");
  }

  @Test
  void anUnescapedAmpersandIsNotXmlAndFailsNamingEveryOutput() {
    AdapterParseException e =
        assertThrows(AdapterParseException.class, () -> adapter.parse(LISTS, "<xs>Tom & Jerry</xs>"));

    assertThat(e.getMessage()).contains("Failed to parse XML: ");
    assertThat(e.getMessage()).contains("(line 1, column 10)"); // the space after the '&': counted in the reply
    assertThat(e.problemFields()).containsExactly("xs", "ys", "zs", "n").inOrder();
    assertThat(e.rawReply()).isEqualTo("<xs>Tom & Jerry</xs>");
  }

  @Test
  void aValueThatDoesNotFitItsTypeNamesTheFieldAndTheValueRead() {
    AdapterParseException e = assertThrows(
        AdapterParseException.class, () -> adapter.parse(LISTS, "<xs><item>one</item></xs><ys/><zs/>"));

    assertThat(e.problemFields()).containsExactly("xs");
    assertThat(e.getMessage()).contains("Failed to parse field xs with value ['one']: ");
  }

  @Test
  void escapedTextIsReadBackUnescaped() {
    SignatureSpec<?, ?> qa = signature("QA", "Answer.")
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .build();

    assertThat(adapter.parse(qa, "<answer>\nTom &amp; Jerry &lt;3 said \"hi\" > bye\n</answer>")).asList()
        .containsExactly("Tom & Jerry <3 said \"hi\" > bye");
  }

  @Test
  void aDoctypeIsRefusedSoNoEntityIsExpanded() {
    SignatureSpec<?, ?> qa = signature("QA", "Answer.")
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .build();

    assertThrows(
        AdapterParseException.class,
        () -> adapter.parse(qa, "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><answer>&x;</answer>"));
  }

  // ---------------------------------------------------------------- fallback, over HTTP

  @Test
  void aReplyThatIsNotXmlIsAskedAgainWithTheJsonAdapterAsInDspy() throws Exception {
    SignatureSpec<Object[], Object[]> sig = signature("QA", "Answer.")
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .output("n", "", FieldType.INT)
        .build();
    List<String> replies = List.of("The answer is Paris & 4.", "{\"answer\": \"Paris\", \"n\": 4}");
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    try (OpenAiServer server = OpenAiServer.replying(body -> replies.get(Math.min(calls.getAndIncrement(), 1)));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build();
        Jspy.Scope scope = Jspy.context(s -> s.adapter(XMLAdapter.INSTANCE))) {
      Object[] out = new Predict<>(sig).lm(lm).call(new Object[] {"Capital of France?"});

      assertThat(out).asList().containsExactly("Paris", 4).inOrder();
      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(0).has("response_format")).isFalse();
      assertThat(server.requests().get(0).path("messages").get(0).path("content").stringValue())
          .contains("<answer>\n{answer}\n</answer>");
      assertThat(server.requests().get(1).has("response_format")).isTrue();
      assertThat(Jspy.history().last(1).get(0).adapter()).isEqualTo("JSONAdapter");
    }
  }

  @Test
  void withoutFallbackTheXmlErrorIsFinal() throws Exception {
    SignatureSpec<Object[], Object[]> sig = signature("QA", "Answer.")
        .input("question", "", FieldType.STRING)
        .output("answer", "", FieldType.STRING)
        .build();
    try (OpenAiServer server = OpenAiServer.replying(body -> "Paris");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build();
        Jspy.Scope scope = Jspy.context(s -> s.adapter(XMLAdapter.withoutFallback()))) {
      AdapterParseException e = assertThrows(
          AdapterParseException.class, () -> new Predict<>(sig).lm(lm).call(new Object[] {"Capital of France?"}));

      assertThat(e.adapter()).isEqualTo("XMLAdapter");
      assertThat(e.problemFields()).containsExactly("answer");
      assertThat(server.requests()).hasSize(1);
    }
  }
}
