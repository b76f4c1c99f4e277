package dev.jspy.cache;

import dev.jspy.lm.LMRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The canonical JSON of a request and its SHA-256; see {@link LMCache#key}. */
final class CacheKey {
  /** Bumped when what goes into the key changes, so old entries stop matching instead of misleading. */
  static final int VERSION = 1;

  // Maps (and so every JSON object, at any depth) are written in key order; arrays keep theirs.
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(CacheKey::newDigest);

  private CacheKey() {}

  /** The SHA-256 hex of {@link #canonicalJson}, streamed straight into the digest. */
  static String key(String model, String apiBase, LMRequest request, Map<String, Object> defaults) {
    return key(model, apiBase, request, defaults, null);
  }

  static String key(
      String model, String apiBase, LMRequest request, Map<String, Object> defaults, Integer rolloutId) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      MAPPER.writeValue(out, keyed(model, apiBase, request, defaults, rolloutId));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("a request parameter is not JSON-serializable: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a null output stream does not fail
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static String canonicalJson(String model, String apiBase, LMRequest request, Map<String, Object> defaults) {
    try {
      return MAPPER.writeValueAsString(keyed(model, apiBase, request, defaults, null));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("a request parameter is not JSON-serializable: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> keyed(
      String model, String apiBase, LMRequest request, Map<String, Object> defaults, Integer rolloutId) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(request, "request");
    // The body as an OpenAI-compatible LM sends it: model, messages, then defaults overridden by the call's
    // parameters, a null value removing one. The rollout id joins the body as DSPy's rollout_id did when
    // it rode among the parameters, so entries written then still match (objects are keyed sorted).
    Map<String, Object> body = request.openAiBody(model, defaults);
    if (rolloutId != null) {
      body.put("rollout_id", rolloutId);
    }

    Map<String, Object> keyed = new LinkedHashMap<>();
    keyed.put("jspy_cache_key", VERSION);
    if (apiBase != null) {
      keyed.put("api_base", apiBase);
    }
    keyed.put("request", body);
    return keyed;
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

}
