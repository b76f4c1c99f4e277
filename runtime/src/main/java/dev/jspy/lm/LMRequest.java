package dev.jspy.lm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an adapter asks of an LM: the messages and the request parameters (OpenAI names:
 * {@code temperature}, {@code max_tokens}, {@code n}, {@code response_format}, …) that override the LM's
 * own defaults. Immutable.
 *
 * @param messages the conversation
 * @param params request parameters by their OpenAI name; values are JSON trees
 */
public record LMRequest(List<Message> messages, Map<String, Object> params) {
  /** Copies the components. */
  public LMRequest {
    messages = List.copyOf(messages);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
  }

  /**
   * @param messages the conversation
   * @return a request with no parameter overrides
   */
  public static LMRequest of(List<Message> messages) {
    return new LMRequest(messages, Map.of());
  }

  /**
   * The OpenAI chat-completions body of this request: {@code model}, {@code messages}, then
   * {@code defaults} overridden by this request's parameters, a {@code null} value removing one. What an
   * OpenAI-compatible LM sends, and what its cache key is made of.
   *
   * @param model the model name as the server knows it
   * @param defaults the LM's own parameters, or {@code null}
   * @return a fresh, mutable, ordered map
   */
  public Map<String, Object> openAiBody(String model, Map<String, Object> defaults) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    List<Map<String, String>> list = new ArrayList<>(messages.size());
    for (Message m : messages) {
      Map<String, String> message = new LinkedHashMap<>(4);
      message.put("role", m.role());
      message.put("content", m.content());
      list.add(message);
    }
    body.put("messages", list);
    if (defaults != null) {
      body.putAll(defaults);
    }
    params.forEach(
        (k, v) -> {
          if (v == null) {
            body.remove(k);
          } else {
            body.put(k, v);
          }
        });
    return body;
  }

  /**
   * @param name an OpenAI request parameter
   * @param value its value, a JSON tree
   * @return a copy with that parameter set
   */
  public LMRequest withParam(String name, Object value) {
    Map<String, Object> p = new LinkedHashMap<>(params);
    p.put(name, value);
    return new LMRequest(messages, p);
  }

  /**
   * @param more parameters to set
   * @return a copy with those parameters set (later wins)
   */
  public LMRequest withParams(Map<String, Object> more) {
    Map<String, Object> p = new LinkedHashMap<>(params);
    p.putAll(more);
    return new LMRequest(messages, p);
  }
}
