package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static dev.jspy.adapters.Fixtures.signature;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.Predict;
import dev.jspy.adapters.Fixtures.Label;
import dev.jspy.adapters.Fixtures.Place;
import dev.jspy.internal.py.PyJson;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.testing.OpenAiServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A ChatAdapter reply that cannot be parsed is asked again with the JSON adapter, over real HTTP. */
class JSONAdapterFallbackTest {
  private static final SignatureSpec<Object[], Object[]> SIG = signature("Lookup", "Answer with details.")
      .input("question", "", FieldType.STRING)
      .output("answer", "", FieldType.STRING)
      .output("n", "", FieldType.INT)
      .output("label", "", Fixtures.LABEL)
      .output("place", "", Fixtures.place("Place"))
      .build();

  private static final String JSON_REPLY =
      "{\"answer\": \"Paris\", \"n\": 4, \"label\": \"POSITIVE\", \"place\": {\"city\": \"Paris\", \"country\": \"FR\"}}";

  @Test
  void unparseableChatReplyFallsBackToJsonAdapterWithResponseFormat() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (OpenAiServer server =
            OpenAiServer.replying(body -> calls.getAndIncrement() == 0 ? "I think the answer is Paris." : JSON_REPLY);
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      Object[] out = new Predict<>(SIG).lm(lm).call(new Object[] {"Capital of France?"});

      assertThat(out).asList().containsExactly("Paris", 4, Label.POSITIVE, new Place("Paris", "FR")).inOrder();
      List<JsonNode> requests = server.requests();
      assertThat(requests).hasSize(2);
      assertThat(requests.get(0).has("response_format")).isFalse();
      assertThat(system(requests.get(0))).contains("[[ ## completed ## ]]");
      JsonNode second = requests.get(1);
      assertThat(system(second)).contains("Outputs will be a JSON object with the following fields.");
      assertThat(second.path("response_format"))
          .isEqualTo(OpenAiServer.JSON.readTree(PyJson.dumps(JSONAdapter.INSTANCE.responseFormat(SIG))));
      assertThat(second.path("response_format").path("json_schema").path("name").stringValue())
          .isEqualTo("DSPyProgramOutputs");
      assertThat(second.path("response_format").path("json_schema").path("strict").booleanValue()).isTrue();
      assertThat(Jspy.history().last(1).get(0).adapter()).isEqualTo("JSONAdapter");
    }
  }

  @Test
  void withoutFallbackTheChatAdapterErrorIsFinal() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> "I think the answer is Paris.");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build();
        Jspy.Scope scope = Jspy.context(s -> s.adapter(ChatAdapter.withoutFallback()))) {
      AdapterParseException e = assertThrows(
          AdapterParseException.class, () -> new Predict<>(SIG).lm(lm).call(new Object[] {"Capital of France?"}));

      assertThat(e.adapter()).isEqualTo("ChatAdapter");
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void whenTheFallbackFailsTooItsErrorCarriesTheFirst() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> "I think the answer is Paris.");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      AdapterParseException e = assertThrows(
          AdapterParseException.class, () -> new Predict<>(SIG).lm(lm).call(new Object[] {"Capital of France?"}));

      assertThat(e.adapter()).isEqualTo("JSONAdapter");
      // chat, JSON with structured outputs, JSON with json_object: the last error carries the other two
      assertThat(e.getSuppressed()).hasLength(2);
      assertThat(((AdapterParseException) e.getSuppressed()[0]).adapter()).isEqualTo("JSONAdapter");
      assertThat(((AdapterParseException) e.getSuppressed()[1]).adapter()).isEqualTo("ChatAdapter");
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void jsonAdapterConfiguredDirectlySendsResponseFormatFirstTime() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> JSON_REPLY);
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build();
        Jspy.Scope scope = Jspy.context(s -> s.adapter(JSONAdapter.INSTANCE))) {
      Object[] out = new Predict<>(SIG).lm(lm).call(new Object[] {"Capital of France?"});

      assertThat(out[1]).isEqualTo(4);
      assertThat(server.requests()).hasSize(1);
      assertThat(server.lastRequest().path("response_format").path("type").stringValue()).isEqualTo("json_schema");
    }
  }

  @Test
  void structuredReplyThatDoesNotParseIsAskedOnceMoreInJsonObjectMode() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (OpenAiServer server =
            OpenAiServer.replying(body -> calls.getAndIncrement() < 2 ? "The answer is Paris." : JSON_REPLY);
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      Object[] out = new Predict<>(SIG).lm(lm).call(new Object[] {"Capital of France?"});

      assertThat(out[0]).isEqualTo("Paris");
      List<JsonNode> requests = server.requests();
      assertThat(requests).hasSize(3);
      assertThat(requests.get(1).path("response_format").path("type").stringValue()).isEqualTo("json_schema");
      assertThat(requests.get(2).path("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
      assertThat(requests.get(2).path("messages")).isEqualTo(requests.get(1).path("messages"));
    }
  }

  @Test
  void lmWithoutResponseFormatGetsNoneAndNoThirdCall() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> "no idea");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl())
            .responseFormatSupport(LM.ResponseFormatSupport.NONE).build()) {
      assertThrows(AdapterParseException.class, () -> new Predict<>(SIG).lm(lm).call(new Object[] {"Q?"}));

      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(1).has("response_format")).isFalse();
      assertThat(system(server.requests().get(1))).contains("Outputs will be a JSON object");
    }
  }

  @Test
  void lmWithJsonObjectOnlyGetsJsonObjectAndNoThirdCall() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> "no idea");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl())
            .responseFormatSupport(LM.ResponseFormatSupport.JSON_OBJECT).build()) {
      assertThrows(AdapterParseException.class, () -> new Predict<>(SIG).lm(lm).call(new Object[] {"Q?"}));

      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(1).path("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
    }
  }

  private static String system(JsonNode body) {
    return body.path("messages").get(0).path("content").stringValue();
  }
}
