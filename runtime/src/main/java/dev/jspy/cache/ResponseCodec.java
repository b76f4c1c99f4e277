package dev.jspy.cache;

import dev.jspy.lm.CacheTier;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Usage;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The disk form of an {@link LMResponse}: a small JSON object, readable with the {@code sqlite3} shell.
 *
 * <pre>{@code
 * {"v":1,"model":"gpt-4o-mini","usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11},
 *  "choices":[{"text":"Paris","finish_reason":"stop"}],"id":"chatcmpl-123"}
 * }</pre>
 *
 * <p>{@code id} is optional (entries written before it was kept have none and read with a {@code null} id),
 * so it needs no new version: both forms read with either.
 */
final class ResponseCodec {
  /** Format version; a value with another version reads as a miss (and is overwritten on the next store). */
  static final int VERSION = 1;

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ResponseCodec() {}

  static String write(LMResponse response) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("v", VERSION);
    if (response.model() != null) {
      root.put("model", response.model());
    }
    Usage u = response.usage() == null ? Usage.NONE : response.usage();
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", u.promptTokens());
    usage.put("completion_tokens", u.completionTokens());
    usage.put("total_tokens", u.totalTokens());
    ArrayNode choices = root.putArray("choices");
    for (LMResponse.Choice c : response.choices()) {
      ObjectNode choice = choices.addObject();
      choice.put("text", c.text());
      if (c.finishReason() != null) {
        choice.put("finish_reason", c.finishReason());
      }
    }
    if (response.id() != null) {
      root.put("id", response.id());
    }
    return MAPPER.writeValueAsString(root);
  }

  /**
   * @return the response, or {@code null} if the text is not a value this version wrote
   */
  static LMResponse read(String text) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JacksonException e) {
      return null;
    }
    if (root == null || root.path("v").asInt(0) != VERSION) {
      return null;
    }
    JsonNode choices = root.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      return null;
    }
    List<LMResponse.Choice> out = new ArrayList<>(choices.size());
    for (JsonNode c : choices) {
      JsonNode text1 = c.path("text");
      JsonNode finish = c.path("finish_reason");
      if (!text1.isString()) {
        return null;
      }
      out.add(new LMResponse.Choice(text1.stringValue(), finish.isString() ? finish.stringValue() : null));
    }
    JsonNode u = root.path("usage");
    Usage usage =
        new Usage(
            u.path("prompt_tokens").asLong(0),
            u.path("completion_tokens").asLong(0),
            u.path("total_tokens").asLong(0));
    JsonNode model = root.path("model");
    JsonNode id = root.path("id");
    return new LMResponse(
        out, usage, model.isString() ? model.stringValue() : null, CacheTier.NONE, 0,
        id.isString() ? id.stringValue() : null);
  }
}
