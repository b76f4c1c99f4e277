package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.cache.LMCache;
import dev.jspy.testing.OpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion's {@code id} from the reply reaches the response, and the cache keeps it. */
class ResponseIdTest {
  private static final LMRequest REQUEST = LMRequest.of(List.of(Message.user("Capital of France?")));

  @Test
  void aReplysIdIsTheResponsesId() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> "Paris");
        OpenAiLM lm = LM.builder("openai/m").apiBase(server.baseUrl()).cache(false).build()) {
      LMResponse r = lm.call(REQUEST);
      assertThat(r.text()).isEqualTo("Paris");
      assertThat(r.id()).isEqualTo("chatcmpl-test");
    }
  }

  @Test
  void memoryAndDiskHitsKeepTheId(@TempDir Path dir) throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(body -> "Paris")) {
      try (LMCache cache = LMCache.builder().directory(dir).build();
          OpenAiLM lm = LM.builder("openai/m").apiBase(server.baseUrl()).cache(cache).build()) {
        assertThat(lm.call(REQUEST).id()).isEqualTo("chatcmpl-test");
        LMResponse memoryHit = lm.call(REQUEST);
        assertThat(memoryHit.cacheTier()).isEqualTo(CacheTier.MEMORY);
        assertThat(memoryHit.id()).isEqualTo("chatcmpl-test");
      }
      assertThat(Files.list(dir).count()).isGreaterThan(0L);
      try (LMCache cache = LMCache.builder().directory(dir).build();
          OpenAiLM lm = LM.builder("openai/m").apiBase(server.baseUrl()).cache(cache).build()) {
        LMResponse diskHit = lm.call(REQUEST);
        assertThat(diskHit.cacheTier()).isEqualTo(CacheTier.DISK);
        assertThat(diskHit.id()).isEqualTo("chatcmpl-test");
      }
      assertThat(server.requests()).hasSize(1);
    }
  }
}
