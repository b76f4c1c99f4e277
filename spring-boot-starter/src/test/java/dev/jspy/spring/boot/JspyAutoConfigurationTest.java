package dev.jspy.spring.boot;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.Callback;
import dev.jspy.Jspy;
import dev.jspy.Settings;
import dev.jspy.adapters.ChatAdapter;
import dev.jspy.adapters.JSONAdapter;
import dev.jspy.adapters.XMLAdapter;
import dev.jspy.cache.LMCache;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMException;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.Message;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.DummyLM;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class JspyAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JspyAutoConfiguration.class));

  private Settings before;

  @BeforeEach
  void rememberSettings() {
    before = Jspy.current();
  }

  @AfterEach
  void settingsAreRestored() {
    // Every context here is closed by the runner; closing puts back what Jspy had before it started.
    assertThat(Jspy.current().lm()).isSameInstanceAs(before.lm());
    assertThat(Jspy.current().callbacks()).isEqualTo(before.callbacks());
  }

  /** The messages of a failure and its causes, one string: what a user reads in the startup log. */
  static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getMessage()).append('\n');
    }
    return b.toString();
  }

  @Test
  void buildsTheLmFromPropertiesAndConfiguresJspyWithIt() {
    runner
        .withPropertyValues(
            "jspy.lm.model=openai/llama",
            "jspy.lm.api-base=http://127.0.0.1:9/v1",
            "jspy.lm.max-concurrency=3",
            "jspy.lm.num-retries=0",
            "jspy.lm.temperature=0.25",
            "jspy.lm.max-tokens=77",
            "jspy.lm.timeout=45s",
            "jspy.cache.enabled=false",
            "jspy.adapter=json")
        .run(context -> {
          assertThat(context.getStartupFailure()).isNull();
          OpenAiLM lm = context.getBean(OpenAiLM.class);
          assertThat(lm.model()).isEqualTo("openai/llama");
          assertThat(lm.maxConcurrency()).isEqualTo(3);
          assertThat(lm.defaults()).isEqualTo(Map.of("temperature", 0.25, "max_tokens", 77));
          assertThat(lm.cache()).isNull();
          assertThat(lm.toString()).contains("http://127.0.0.1:9/v1/chat/completions");
          assertThat(lm.toString()).contains("numRetries=0");
          assertThat(Jspy.current().lm()).isSameInstanceAs(lm);
          assertThat(Jspy.current().adapter()).isSameInstanceAs(JSONAdapter.INSTANCE);
        });
  }

  @Test
  void noLmWithoutAModelAndTheChatAdapterByDefault() {
    runner.run(context -> {
      assertThat(context.getStartupFailure()).isNull();
      assertThat(context.getBeansOfType(LM.class)).isEmpty();
      assertThat(Jspy.current().adapter()).isSameInstanceAs(ChatAdapter.INSTANCE);
    });
  }

  @Test
  void xmlAdapterByName() {
    runner.withPropertyValues("jspy.adapter=XML").run(context ->
        assertThat(Jspy.current().adapter()).isSameInstanceAs(XMLAdapter.INSTANCE));
  }

  @Test
  void theLmIsClosedWithTheContext() {
    OpenAiLM[] lm = new OpenAiLM[1];
    runner.withPropertyValues("jspy.lm.model=openai/llama", "jspy.lm.api-base=http://127.0.0.1:9/v1")
        .run(context -> lm[0] = context.getBean(OpenAiLM.class));
    LMException e = assertThrows(LMException.class,
        () -> lm[0].call(new LMRequest(List.of(new Message("user", "hi")), Map.of())));
    assertThat(e).hasMessageThat().contains("closed");
  }

  @Test
  void backsOffWhenTheApplicationHasItsOwnLm() {
    runner.withUserConfiguration(OwnLm.class)
        .withPropertyValues("jspy.lm.model=openai/llama", "jspy.lm.api-base=http://127.0.0.1:9/v1")
        .run(context -> {
          assertThat(context.getBeansOfType(LM.class).keySet()).containsExactly("ownLm");
          assertThat(Jspy.current().lm()).isSameInstanceAs(context.getBean("ownLm"));
        });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnLm {
    @Bean
    DummyLM ownLm() {
      return DummyLM.answers(List.of(Map.of("answer", "mine")));
    }
  }

  @Test
  void callbackBeansAreRegisteredInOrder() {
    runner.withUserConfiguration(TwoCallbacks.class).run(context -> assertThat(Jspy.current().callbacks())
        .containsExactly(context.getBean("first"), context.getBean("second")).inOrder());
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoCallbacks {
    @Bean
    @Order(2)
    Callback second() {
      return new Callback() {};
    }

    @Bean
    @Order(1)
    Callback first() {
      return new Callback() {};
    }
  }

  @Test
  void cacheDirectoryMakesACacheThereClosedWithTheContext(@TempDir Path dir) {
    LMCache[] cache = new LMCache[1];
    runner.withPropertyValues("jspy.lm.model=openai/llama", "jspy.lm.api-base=http://127.0.0.1:9/v1",
            "jspy.cache.dir=" + dir)
        .run(context -> {
          cache[0] = context.getBean(LMCache.class);
          assertThat(cache[0].directory()).isEqualTo(dir);
          assertThat(context.getBean(OpenAiLM.class).cache()).isSameInstanceAs(cache[0]);
        });
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> cache[0].get("0".repeat(64), () -> { throw new AssertionError("a closed cache computes nothing"); }));
    assertThat(e).hasMessageThat().contains("closed");
  }

  @Test
  void noCacheBeanWhenTheCacheIsOff(@TempDir Path dir) {
    runner.withPropertyValues("jspy.lm.model=openai/llama", "jspy.lm.api-base=http://127.0.0.1:9/v1",
            "jspy.cache.dir=" + dir, "jspy.cache.enabled=false")
        .run(context -> {
          assertThat(context.getBeansOfType(LMCache.class)).isEmpty();
          assertThat(context.getBean(OpenAiLM.class).cache()).isNull();
        });
  }

  // ---- wrong or missing properties fail the context, naming the property ----

  private void failsNaming(String property, String expected, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context.getStartupFailure()).isNotNull();
      String messages = messages(context.getStartupFailure());
      assertThat(messages).contains(property);
      assertThat(messages).contains(expected);
    });
  }

  @Test
  void apiBaseWithoutModelFailsNamingTheModel() {
    failsNaming("jspy.lm.model", "jspy.lm.api-base is set", "jspy.lm.api-base=http://127.0.0.1:9/v1");
  }

  @Test
  void unknownAdapterFailsNamingTheAdapter() {
    failsNaming("jspy.adapter", "yaml", "jspy.adapter=yaml");
  }

  @Test
  void negativeMaxConcurrencyFailsNamingIt() {
    failsNaming("jspy.lm.max-concurrency", "at least 1, got -2",
        "jspy.lm.model=openai/llama", "jspy.lm.api-base=http://127.0.0.1:9/v1", "jspy.lm.max-concurrency=-2");
  }

  @Test
  void negativeRetriesFailNamingThem() {
    failsNaming("jspy.lm.num-retries", "got -1",
        "jspy.lm.model=openai/llama", "jspy.lm.api-base=http://127.0.0.1:9/v1", "jspy.lm.num-retries=-1");
  }

  @Test
  void zeroMaxTokensFailNamingThem() {
    failsNaming("jspy.lm.max-tokens", "got 0",
        "jspy.lm.model=openai/llama", "jspy.lm.api-base=http://127.0.0.1:9/v1", "jspy.lm.max-tokens=0");
  }

  @Test
  void zeroTimeoutFailsNamingIt() {
    failsNaming("jspy.lm.timeout", "must be positive",
        "jspy.lm.model=openai/llama", "jspy.lm.api-base=http://127.0.0.1:9/v1", "jspy.lm.timeout=0s");
  }

  @Test
  void unreadableTimeoutFailsNamingIt() {
    failsNaming("jspy.lm.timeout", "soon",
        "jspy.lm.model=openai/llama", "jspy.lm.api-base=http://127.0.0.1:9/v1", "jspy.lm.timeout=soon");
  }

  @Test
  void apiBaseThatIsNoHttpUrlFailsNamingIt() {
    failsNaming("jspy.lm.api-base", "http(s) URL",
        "jspy.lm.model=openai/llama", "jspy.lm.api-base=127.0.0.1:8089/v1");
  }

  @Test
  void anotherProviderFailsNamingTheModel() {
    failsNaming("jspy.lm.model", "openai/<model>", "jspy.lm.model=anthropic/claude",
        "jspy.lm.api-base=http://127.0.0.1:9/v1");
  }

  @Test
  void theKeyNeverAppearsInTheFailure() {
    runner.withPropertyValues("jspy.lm.model=openai/llama", "jspy.lm.api-base=ftp://user:pw@host/v1?key=sk-secret-1",
            "jspy.lm.api-key=sk-secret-1")
        .run(context -> {
          String messages = messages(context.getStartupFailure());
          assertThat(messages).contains("jspy.lm.api-base");
          assertThat(messages).doesNotContain("sk-secret-1");
          assertThat(messages).doesNotContain("pw@");
        });
  }
}
