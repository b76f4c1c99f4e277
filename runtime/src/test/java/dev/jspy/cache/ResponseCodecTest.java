package dev.jspy.cache;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.lm.CacheTier;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseCodecTest {
  @Test
  void roundTripsChoicesUsageAndModel() {
    LMResponse r =
        new LMResponse(
            List.of(new LMResponse.Choice("a \"quoted\"\nline ✓", "stop"), new LMResponse.Choice("", null)),
            new Usage(10, 20, 30),
            "gpt-4o-mini-2024");
    assertThat(ResponseCodec.read(ResponseCodec.write(r))).isEqualTo(r);
  }

  @Test
  void roundTripsAMissingModel() {
    LMResponse r = new LMResponse(List.of(new LMResponse.Choice("x", "length")), Usage.NONE, null);
    assertThat(ResponseCodec.read(ResponseCodec.write(r))).isEqualTo(r);
  }

  @Test
  void roundTripsTheCompletionId() {
    LMResponse r =
        new LMResponse(
            List.of(new LMResponse.Choice("Paris", "stop")), new Usage(9, 2, 11), "gpt-4o-mini", CacheTier.NONE, 0,
            "chatcmpl-123");
    LMResponse back = ResponseCodec.read(ResponseCodec.write(r));
    assertThat(back).isEqualTo(r);
    assertThat(back.id()).isEqualTo("chatcmpl-123");
  }

  @Test
  void readsAnEntryWrittenBeforeIdsWereKept() {
    // Exactly what the codec wrote before it kept ids (the format's example, version 1).
    String old =
        "{\"v\":1,\"model\":\"gpt-4o-mini\",\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,"
            + "\"total_tokens\":11},\"choices\":[{\"text\":\"Paris\",\"finish_reason\":\"stop\"}]}";
    LMResponse r = ResponseCodec.read(old);
    assertThat(r).isEqualTo(
        new LMResponse(List.of(new LMResponse.Choice("Paris", "stop")), new Usage(9, 2, 11), "gpt-4o-mini"));
    assertThat(r.id()).isNull();
    // And a response without an id is written as before: no id field, the same bytes.
    assertThat(ResponseCodec.write(r)).isEqualTo(old);
  }

  @Test
  void readsForeignTextAsNothing() {
    assertThat(ResponseCodec.read("not json")).isNull();
    assertThat(ResponseCodec.read("{\"v\":99,\"choices\":[{\"text\":\"x\"}]}")).isNull();
    assertThat(ResponseCodec.read("{\"v\":1,\"choices\":[]}")).isNull();
    assertThat(ResponseCodec.read("[1,2]")).isNull();
  }
}
