package dev.jspy.spring.boot;

import static com.google.common.truth.Truth.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metadata an IDE reads to complete and document {@code jspy.*} in application.yml. */
class ConfigurationMetadataTest {
  private static Map<String, JsonNode> properties() throws Exception {
    // The starter's own file, not one from another jar on the test classpath.
    List<URL> files = Collections.list(
        ConfigurationMetadataTest.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"));
    URL ours = null;
    URL classes = JspyProperties.class.getProtectionDomain().getCodeSource().getLocation();
    for (URL f : files) {
      if (f.toString().startsWith(classes.toString())) {
        ours = f;
      }
    }
    assertThat(ours).isNotNull();
    Map<String, JsonNode> byName = new HashMap<>();
    try (InputStream in = ours.openStream()) {
      for (JsonNode p : JsonMapper.builder().build().readTree(in).path("properties")) {
        byName.put(p.path("name").asString(), p);
      }
    }
    return byName;
  }

  @Test
  void listsEveryPropertyWithItsDescription() throws Exception {
    Map<String, JsonNode> properties = properties();
    assertThat(properties.keySet()).containsAtLeast("jspy.lm.model", "jspy.lm.api-base", "jspy.lm.api-key",
        "jspy.lm.max-concurrency", "jspy.lm.num-retries", "jspy.lm.temperature", "jspy.lm.max-tokens",
        "jspy.lm.timeout", "jspy.cache.enabled", "jspy.cache.dir", "jspy.adapter", "jspy.metrics.enabled",
        "jspy.observations.enabled", "jspy.tracing.enabled");
    JsonNode model = properties.get("jspy.lm.model");
    assertThat(model.path("type").asString()).isEqualTo("java.lang.String");
    assertThat(model.path("description").asString()).contains("openai/<model>");
    for (JsonNode p : properties.values()) {
      assertThat(p.path("description").asString()).isNotEmpty();
    }
    assertThat(properties.get("jspy.adapter").path("defaultValue").asString()).isEqualTo("chat");
    assertThat(properties.get("jspy.cache.enabled").path("defaultValue").asBoolean()).isTrue();
  }
}
