package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.adapters.ChatAdapter;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Helpers to script an OpenAI server in ChatAdapter's format and to read the requests it saw. */
final class Wire {
  private Wire() {}

  /** A hermetic LM on {@code server}: no cache, no retries, bounded waits. */
  static OpenAiLM lm(OpenAiServer server) {
    return builder(server).build();
  }

  /** {@link #lm}'s builder, for a test that changes one setting. */
  static OpenAiLM.Builder builder(OpenAiServer server) {
    return LM.builder("openai/test-model")
        .apiBase(server.baseUrl())
        .apiKey("sk-it")
        .cache(false)
        .numRetries(0)
        .connectTimeout(Duration.ofSeconds(10))
        .timeout(Duration.ofSeconds(30));
  }

  /** Puts the global settings back to their defaults. */
  static void resetGlobalSettings() {
    Jspy.configure(
        s -> s.lm(null).adapter(ChatAdapter.INSTANCE).allowToolAsyncSyncConversion(false).usageTracker(null));
  }

  /**
   * A reply in ChatAdapter's format.
   *
   * @param fields name, value, name, value, …
   */
  static String reply(String... fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      sb.append("[[ ## ").append(fields[i]).append(" ## ]]\n").append(fields[i + 1]).append("\n\n");
    }
    return sb.append("[[ ## completed ## ]]\n").toString();
  }

  /** A ReAct step's reply. */
  static String step(String thought, String tool, String argsJson) {
    return reply("next_thought", thought, "next_tool_name", tool, "next_tool_args", argsJson);
  }

  static String system(JsonNode body) {
    return body.path("messages").get(0).path("content").stringValue();
  }

  static String user(JsonNode body) {
    JsonNode messages = body.path("messages");
    return messages.get(messages.size() - 1).path("content").stringValue();
  }

  /** Whether the request is a ReAct step (not the extraction). */
  static boolean isReActStep(JsonNode body) {
    return system(body).contains("`next_tool_name`");
  }

  /** How many steps the trajectory in a request already has. */
  static int stepsSoFar(JsonNode body) {
    String user = user(body);
    int n = 0;
    for (int i = user.indexOf("[[ ## tool_name_"); i >= 0; i = user.indexOf("[[ ## tool_name_", i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * A section of a ChatAdapter message: what follows {@code [[ ## name ## ]]} up to the next blank line.
   * Good for single-paragraph values, which is what the scripts use.
   */
  static String field(String text, String name) {
    String header = "[[ ## " + name + " ## ]]\n";
    int start = text.indexOf(header);
    if (start < 0) {
      throw new AssertionError("no section " + name + " in:\n" + text);
    }
    start += header.length();
    int end = text.indexOf("\n\n", start);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  /** The (role, content) pairs of a request's messages. */
  static List<List<String>> messages(JsonNode body) {
    List<List<String>> out = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      out.add(List.of(m.path("role").stringValue(), m.path("content").stringValue()));
    }
    return out;
  }

  /** Asserts a request carries exactly these system and user messages. */
  static void assertMessages(JsonNode body, String system, String user) {
    assertThat(body.path("model").stringValue()).isEqualTo("test-model");
    List<List<String>> messages = messages(body);
    assertThat(messages.stream().map(m -> m.get(0)).toList()).containsExactly("system", "user").inOrder();
    assertThat(messages.get(0).get(1)).isEqualTo(system);
    assertThat(messages.get(1).get(1)).isEqualTo(user);
  }
}
