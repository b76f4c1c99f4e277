package dev.jspy.cache;

import static com.google.common.truth.Truth.assertThat;

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
  void readsForeignTextAsNothing() {
    assertThat(ResponseCodec.read("not json")).isNull();
    assertThat(ResponseCodec.read("{\"v\":99,\"choices\":[{\"text\":\"x\"}]}")).isNull();
    assertThat(ResponseCodec.read("{\"v\":1,\"choices\":[]}")).isNull();
    assertThat(ResponseCodec.read("[1,2]")).isNull();
  }
}
