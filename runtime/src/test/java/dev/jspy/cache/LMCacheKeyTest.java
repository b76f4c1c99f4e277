package dev.jspy.cache;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.lm.LMRequest;
import dev.jspy.lm.Message;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LMCacheKeyTest {
  private static final LMRequest HELLO = LMRequest.of(List.of(Message.system("be brief"), Message.user("hi")));

  private static String key(LMRequest request, Map<String, Object> defaults) {
    return LMCache.key("gpt-4o-mini", null, request, defaults);
  }

  @Test
  void isSha256Hex() {
    assertThat(key(HELLO, Map.of())).matches("[0-9a-f]{64}");
    assertThat(key(HELLO, Map.of())).isEqualTo(key(HELLO, Map.of()));
  }

  @Test
  void differsByTemperature() {
    assertThat(key(HELLO.withParam("temperature", 0.0), Map.of()))
        .isNotEqualTo(key(HELLO.withParam("temperature", 0.7), Map.of()));
    assertThat(key(HELLO, Map.of("temperature", 0.0))).isNotEqualTo(key(HELLO, Map.of("temperature", 0.7)));
    assertThat(key(HELLO, Map.of())).isNotEqualTo(key(HELLO, Map.of("temperature", 0.7)));
  }

  @Test
  void differsByModelMessagesAndApiBase() {
    String k = key(HELLO, Map.of());
    assertThat(LMCache.key("gpt-4o", null, HELLO, Map.of())).isNotEqualTo(k);
    assertThat(key(LMRequest.of(List.of(Message.system("be brief"), Message.user("hi!"))), Map.of()))
        .isNotEqualTo(k);
    assertThat(key(LMRequest.of(List.of(Message.user("be brief"), Message.user("hi"))), Map.of()))
        .isNotEqualTo(k);
    assertThat(key(LMRequest.of(List.of(Message.user("hi"), Message.system("be brief"))), Map.of()))
        .isNotEqualTo(k);
    String a = LMCache.key("gpt-4o-mini", "http://a/v1", HELLO, Map.of());
    assertThat(a).isNotEqualTo(k);
    assertThat(a).isNotEqualTo(LMCache.key("gpt-4o-mini", "http://b/v1", HELLO, Map.of()));
  }

  @Test
  void dependsOnMergedParametersNotOnTheirOrderOrOrigin() {
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("temperature", 0.5);
    ab.put("max_tokens", 100);
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("max_tokens", 100);
    ba.put("temperature", 0.5);
    assertThat(key(HELLO.withParams(ab), Map.of())).isEqualTo(key(HELLO.withParams(ba), Map.of()));
    // A default and the same value given per call are the same request.
    assertThat(key(HELLO, ab)).isEqualTo(key(HELLO.withParams(ba), Map.of()));
    // The call overrides the default.
    assertThat(key(HELLO.withParam("temperature", 0.9), ab))
        .isEqualTo(key(HELLO.withParams(Map.of("temperature", 0.9, "max_tokens", 100)), Map.of()));
    // A null removes a default.
    Map<String, Object> removal = new HashMap<>();
    removal.put("temperature", null);
    assertThat(key(new LMRequest(HELLO.messages(), removal), ab))
        .isEqualTo(key(HELLO.withParam("max_tokens", 100), Map.of()));
  }

  @Test
  void sortsNestedObjects() {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("type", "json_schema");
    x.put("json_schema", Map.of("name", "n"));
    Map<String, Object> y = new LinkedHashMap<>();
    y.put("json_schema", Map.of("name", "n"));
    y.put("type", "json_schema");
    assertThat(key(HELLO.withParam("response_format", x), Map.of()))
        .isEqualTo(key(HELLO.withParam("response_format", y), Map.of()));
    assertThat(key(HELLO.withParam("stop", List.of("a", "b")), Map.of()))
        .isNotEqualTo(key(HELLO.withParam("stop", List.of("b", "a")), Map.of()));
  }

  @Test
  void includesTheRolloutId() {
    String plain = key(HELLO, Map.of());
    assertThat(LMCache.key("gpt-4o-mini", null, HELLO, Map.of(), 1)).isNotEqualTo(plain);
    assertThat(LMCache.key("gpt-4o-mini", null, HELLO, Map.of(), 1))
        .isNotEqualTo(LMCache.key("gpt-4o-mini", null, HELLO, Map.of(), 2));
    assertThat(LMCache.key("gpt-4o-mini", null, HELLO, Map.of(), 1))
        .isEqualTo(LMCache.key("gpt-4o-mini", null, HELLO, Map.of(), 1));
    assertThat(LMCache.key("gpt-4o-mini", null, HELLO, Map.of(), null)).isEqualTo(plain);
  }

  @Test
  void aTypedRolloutIdKeysAsTheParameterDid() {
    // Entries written when the rollout id rode among the parameters still match.
    assertThat(LMCache.key("gpt-4o-mini", null, HELLO, Map.of(), 3))
        .isEqualTo(LMCache.key("gpt-4o-mini", null, HELLO.withParam("rollout_id", 3), Map.of()));
  }

  @Test
  void canonicalJsonHoldsNoSecretAndIsSorted() {
    String json = CacheKey.canonicalJson("m", null, HELLO.withParam("temperature", 0.5), Map.of("seed", 1));
    assertThat(json)
        .isEqualTo(
            "{\"jspy_cache_key\":1,\"request\":{\"messages\":[{\"content\":\"be brief\",\"role\":\"system\"},"
                + "{\"content\":\"hi\",\"role\":\"user\"}],\"model\":\"m\",\"seed\":1,\"temperature\":0.5}}");
  }
}
