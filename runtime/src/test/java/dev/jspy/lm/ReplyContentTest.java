package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.testing.OpenAiServer;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** A chat completion's {@code message.content} in the shapes servers send besides a plain string. */
class ReplyContentTest {
  private static final List<Message> HELLO = List.of(Message.user("hi"));

  /** A completion whose single choice has this {@code message} object (JSON). */
  private static MockResponse withMessage(String messageJson) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(
            "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":"
                + messageJson
                + ",\"finish_reason\":\"stop\"}]}")
        .build();
  }

  private static LMResponse call(String messageJson) throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(b -> withMessage(messageJson));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      LMResponse r = lm.call(LMRequest.of(HELLO));
      assertThat(server.requests()).hasSize(1);
      return r;
    }
  }

  private static LMException failure(String messageJson) throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(b -> withMessage(messageJson));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      LMException e = assertThrows(LMException.class, () -> lm.call(LMRequest.of(HELLO)));
      assertThat(server.requests()).hasSize(1); // a reply of the wrong shape is not retried
      return e;
    }
  }

  @Test
  void contentAsTextPartsIsJoined() throws Exception {
    LMResponse r =
        call(
            "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"[[ ## answer ## ]]\\n\"},"
                + "{\"type\":\"reasoning\",\"summary\":\"thought\"},{\"type\":\"text\",\"text\":\"four\"}]}");
    assertThat(r.text()).isEqualTo("[[ ## answer ## ]]\nfour");
  }

  @Test
  void contentAsPartsWithoutTextSaysWhatArrived() throws Exception {
    LMException e =
        failure("{\"role\":\"assistant\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}");
    assertThat(e).hasMessageThat().contains("message.content is an array of 1 part(s) with no text part");
    assertThat(e).hasMessageThat().contains("image_url");
  }

  @Test
  void nullContentWithToolCallsSaysJspyDoesNotUseNativeToolCalling() throws Exception {
    LMException e =
        failure(
            "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"search\",\"arguments\":\"{\\\"q\\\":\\\"x\\\"}\"}}]}");
    assertThat(e).hasMessageThat().contains("message.content is null and the reply has tool_calls");
    assertThat(e).hasMessageThat().contains("search");
    assertThat(e).hasMessageThat().contains("native tool calling");
  }

  @Test
  void refusalIsQuoted() throws Exception {
    LMException e = failure("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"I can't help with that.\"}");
    assertThat(e).hasMessageThat().contains("refused");
    assertThat(e).hasMessageThat().contains("I can't help with that.");
  }

  @Test
  void stringContentIsAsSentAndMissingContentStaysEmpty() throws Exception {
    assertThat(call("{\"role\":\"assistant\",\"content\":\"plain\"}").text()).isEqualTo("plain");
    assertThat(call("{\"role\":\"assistant\",\"content\":null}").text()).isEmpty();
  }
}
