package dev.jspy.streaming;

import dev.jspy.core.ConfigurationException;
import dev.jspy.adapters.Adapter;
import dev.jspy.adapters.ChatAdapter;
import dev.jspy.adapters.JSONAdapter;
import dev.jspy.adapters.XMLAdapter;

/** The reply formats whose fields can be streamed: one per adapter DSPy streams. */
public enum StreamFormat {
  /** ChatAdapter: fields open with {@code [[ ## name ## ]]} and end at the next such marker. */
  CHAT,
  /** JSONAdapter: one JSON object; a field opens with {@code "name":} and ends where the next key starts. */
  JSON,
  /** XMLAdapter: a field is {@code <name>...</name>}. */
  XML;

  /**
   * @param adapter the adapter a predictor formats its prompt with
   * @return its reply format
   * @throws ConfigurationException for an adapter whose replies cannot be streamed
   */
  public static StreamFormat of(Adapter adapter) {
    if (adapter instanceof ChatAdapter) {
      return CHAT;
    }
    if (adapter instanceof JSONAdapter) {
      return JSON;
    }
    if (adapter instanceof XMLAdapter) {
      return XML;
    }
    throw new ConfigurationException(
        "streaming supports ChatAdapter, JSONAdapter and XMLAdapter, but the adapter is "
            + (adapter == null ? "null" : adapter.getClass().getName()));
  }
}
