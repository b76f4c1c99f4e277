package dev.jspy.cache;

import dev.jspy.lm.LMRequest;
import dev.jspy.lm.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The canonical JSON of a request and its SHA-256; see {@link LMCache#key}. */
final class CacheKey {
  /** Bumped when what goes into the key changes, so old entries stop matching instead of misleading. */
  static final int VERSION = 1;

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private CacheKey() {}

  static String canonicalJson(String model, String apiBase, LMRequest request, Map<String, Object> defaults) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(request, "request");
    // The body as an OpenAI-compatible LM sends it: model, messages, then defaults overridden by the call's
    // parameters, a null value removing one. "cache" steers the cache and is never part of the key.
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    List<Map<String, String>> messages = new ArrayList<>(request.messages().size());
    for (Message m : request.messages()) {
      Map<String, String> message = new LinkedHashMap<>(4);
      message.put("role", m.role());
      message.put("content", m.content());
      messages.add(message);
    }
    body.put("messages", messages);
    if (defaults != null) {
      defaults.forEach((k, v) -> put(body, k, v));
    }
    request.params().forEach((k, v) -> put(body, k, v));
    body.remove(LMCache.PARAM_CACHE);

    Map<String, Object> keyed = new LinkedHashMap<>();
    keyed.put("jspy_cache_key", VERSION);
    if (apiBase != null) {
      keyed.put("api_base", apiBase);
    }
    keyed.put("request", body);
    JsonNode tree;
    try {
      tree = MAPPER.valueToTree(keyed);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("a request parameter is not JSON-serializable: " + e.getMessage(), e);
    }
    return MAPPER.writeValueAsString(sorted(tree));
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return java.util.HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void put(Map<String, Object> body, String name, Object value) {
    if (value == null) {
      body.remove(name);
    } else {
      body.put(name, value);
    }
  }

  /** A copy with every object's properties in key order (arrays keep their order). */
  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = MAPPER.createObjectNode();
      node.propertyNames().stream().sorted().forEach(name -> out.set(name, sorted(node.get(name))));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = MAPPER.createArrayNode();
      for (JsonNode element : node) {
        out.add(sorted(element));
      }
      return out;
    }
    return node;
  }
}
