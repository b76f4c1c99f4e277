package dev.jspy.testing;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMHttpException;
import dev.jspy.Predict;
import dev.jspy.adapters.JSONAdapter;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.Message;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect on the block
class DummyLMTest {
  record QaIn(String question) {}

  record QaOut(String answer, long count) {}

  /** What the processor generates for {@code @Signature("question -> answer, count: long") interface Qa}. */
  static final SignatureSpec<QaIn, QaOut> QA =
      SignatureSpec.<QaIn, QaOut>builder("Qa")
          .instructions("Given the fields `question`, produce the fields `answer`, `count`.")
          .input("question", "", FieldType.STRING)
          .output("answer", "", FieldType.STRING)
          .output("count", "", FieldType.LONG)
          .inputValues(in -> new Object[] {in.question()})
          .outputs(v -> new QaOut(v.get(0), v.<Long>get(1)))
          .outputValues(out -> new Object[] {out.answer(), out.count()})
          .build();

  @Test
  void answersInOrderThenSaysNoMoreResponsesAsDspy() {
    DummyLM lm = DummyLM.answers(List.of(Map.of("answer", "red", "count", 1), Map.of("answer", "blue", "count", 2)));
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      Predict<QaIn, QaOut> qa = new Predict<>(QA);
      assertThat(qa.forward(new QaIn("sky?"))).isEqualTo(new QaOut("red", 1));
      assertThat(qa.forward(new QaIn("sea?"))).isEqualTo(new QaOut("blue", 2));
    }
    String third = lm.call(LMRequest.of(List.of(Message.user("more?")))).text();
    assertThat(third).isEqualTo("[[ ## answer ## ]]\nNo more responses");
    assertThat(lm.requests()).hasSize(3);
    assertThat(lm.requests().get(0).messages().get(1).content()).contains("[[ ## question ## ]]\nsky?");
  }

  @Test
  void writesValuesAsDspysChatAdapterWritesAField() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("flag", true);
    answer.put("ratio", 1.0);
    answer.put("tags", List.of("a", "é"));
    answer.put("none", null);
    String text = DummyLM.answers(List.of(answer)).call(LMRequest.of(List.of(Message.user("q")))).text();
    assertThat(text)
        .isEqualTo("[[ ## flag ## ]]\nTrue\n\n[[ ## ratio ## ]]\n1.0\n\n[[ ## tags ## ]]\n[\"a\", \"é\"]\n\n[[ ## none ## ]]\nNone");
  }

  @Test
  void answersByTheFirstKeyTheLastMessageContains() {
    Map<String, Map<String, Object>> byInput = new LinkedHashMap<>();
    byInput.put("capital of France", Map.of("answer", "Paris", "count", 1));
    byInput.put("France", Map.of("answer", "a country", "count", 2));
    DummyLM lm = DummyLM.byInput(byInput);
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      assertThat(new Predict<>(QA).forward(new QaIn("What is the capital of France?")).answer()).isEqualTo("Paris");
      assertThat(new Predict<>(QA).forward(new QaIn("Where is France?")).answer()).isEqualTo("a country");
    }
    assertThat(lm.call(LMRequest.of(List.of(Message.user("Spain?")))).text()).isEqualTo("No more responses");
  }

  @Test
  void followsTheDemoWhoseInputMatchesAsDspysFollowExamples() {
    DummyLM lm = DummyLM.followingExamples();
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      Predict<QaIn, QaOut> qa = new Predict<>(QA);
      qa.addDemo(new QaIn("What color is the sky?"), new QaOut("blue", 1));
      qa.addDemo(new QaIn("What color is grass?"), new QaOut("green", 2));
      assertThat(qa.forward(new QaIn("What color is grass?"))).isEqualTo(new QaOut("green", 2));
      assertThat(qa.forward(new QaIn("What color is the sky?"))).isEqualTo(new QaOut("blue", 1));
    }
  }

  @Test
  void followingExamplesWithoutAMatchingDemoRepliesWithNothing() {
    DummyLM lm = DummyLM.followingExamples();
    String text =
        lm.call(LMRequest.of(List.of(Message.system("Your input fields are:"), Message.user("[[ ## question ## ]]\nq"))))
            .text();
    assertThat(text).isEmpty();
  }

  @Test
  void jsonViewWritesAnswersAsTheJsonAdapterReadsThemAndSharesThePosition() {
    DummyLM lm = DummyLM.answers(List.of(Map.of("answer", "one", "count", 1), Map.of("answer", "two", "count", 2)));
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm.json()).adapter(JSONAdapter.INSTANCE))) {
      assertThat(new Predict<>(QA).forward(new QaIn("q")).answer()).isEqualTo("one");
    }
    assertThat(lm.call(LMRequest.of(List.of(Message.user("q")))).text()).contains("[[ ## answer ## ]]\ntwo");
    assertThat(lm.requests()).hasSize(2);
  }

  @Test
  void answersAsManyChoicesAsRequested() {
    DummyLM lm = DummyLM.answers(List.of(Map.of("answer", "a"), Map.of("answer", "b")));
    var response = lm.call(new LMRequest(List.of(Message.user("q")), Map.of("n", 2)));
    assertThat(response.choices()).hasSize(2);
    assertThat(response.choices().get(1).text()).isEqualTo("[[ ## answer ## ]]\nb");
  }

  @Test
  void loopbackServerServesTheScriptOverRealHttp() throws Exception {
    DummyLM script = DummyLM.answers(List.of(Map.of("answer", "red", "count", 3)));
    try (LoopbackLMServer server = LoopbackLMServer.serving(script);
        OpenAiLM lm = LM.builder("openai/dummy").apiBase(server.baseUrl()).apiKey(null).cache(false).build();
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm))) {
      assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
      assertThat(new Predict<>(QA).forward(new QaIn("sky?"))).isEqualTo(new QaOut("red", 3));
      LMRequest seen = server.requests().get(0);
      assertThat(seen.params()).containsEntry("model", "dummy");
      assertThat(seen.messages().get(0).role()).isEqualTo("system");
      assertThat(seen.messages().get(1).content()).contains("sky?");
      assertThat(script.requests()).hasSize(1);
    }
  }

  @Test
  void aResponderThatThrowsIsAnHttp500TheClientReports() throws Exception {
    try (LoopbackLMServer server =
            LoopbackLMServer.replying(
                r -> {
                  throw new IllegalStateException("scripted outage");
                });
        OpenAiLM lm =
            LM.builder("openai/dummy").apiBase(server.baseUrl()).apiKey(null).cache(false).numRetries(0).build()) {
      LMHttpException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              LMHttpException.class, () -> lm.call(LMRequest.of(List.of(Message.user("q")))));
      assertThat(e.status()).isEqualTo(500);
      assertThat(e).hasMessageThat().contains("scripted outage");
    }
  }
}
