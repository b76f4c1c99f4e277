package dev.jspy.benchmarks.cold;

import java.io.IOException;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Cold start, the floor: OkHttp + Jackson by hand, as {@code FloorContender}. */
public final class ColdFloor {
  private ColdFloor() {}

  /** The typed result. */
  public record Answer(String answer, double confidence, List<String> sources) {}

  public static void main(String[] args) throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    OkHttpClient client = new OkHttpClient();
    ObjectNode body = mapper.createObjectNode();
    body.put("model", "bench");
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", Cold.INSTRUCTIONS
        + "\nReply with a JSON object only: {\"answer\": string, \"confidence\": number between 0 and 1, "
        + "\"sources\": array of strings}.");
    messages.addObject().put("role", "user").put("content",
        "Question: " + Cold.QUESTION + "\nContext: " + Cold.CONTEXT + "\nLanguage: " + Cold.LANGUAGE);
    Request request = new Request.Builder().url(args[0] + "/chat/completions")
        .header("Authorization", "Bearer bench-key")
        .post(RequestBody.create(mapper.writeValueAsBytes(body), MediaType.get("application/json"))).build();
    try (Response response = client.newCall(request).execute()) {
      JsonNode root = mapper.readTree(response.body().byteStream());
      Answer a = mapper.readValue(root.path("choices").path(0).path("message").path("content").asString(), Answer.class);
      Cold.done(a.answer(), a.confidence(), a.sources());
    }
  }
}
