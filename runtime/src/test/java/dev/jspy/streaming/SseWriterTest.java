package dev.jspy.streaming;

import static com.google.common.truth.Truth.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jspy.lm.LM;
import dev.jspy.Predict;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.streaming.StreamifyTest.QaIn;
import dev.jspy.streaming.StreamifyTest.QaOut;
import dev.jspy.testing.OpenAiServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** DSPy's streaming_response format, served by the JDK's HttpServer over real HTTP and read back by a client. */
class SseWriterTest {
  @Test
  void eventsAreDspyShaped() {
    assertThat(SseWriter.event(new FieldChunk("self", "answer", "Pa", false))).isEqualTo(
        "data: {\"chunk\":{\"predict_name\":\"self\",\"signature_field_name\":\"answer\",\"chunk\":\"Pa\","
            + "\"is_last_chunk\":false}}\n\n");
    assertThat(SseWriter.event(new Final<>(new QaOut("Paris")))).isEqualTo("data: {\"prediction\":{\"answer\":\"Paris\"}}\n\n");
    assertThat(SseWriter.event(new StatusMessage("Calling tool x..."))).isEqualTo(
        "data: {\"status_message\":\"Calling tool x...\"}\n\n");
  }

  private static List<String> serveAndRead(OpenAiServer lmServer, OpenAiLM lm) throws Exception {
    Streamify<QaIn, QaOut> streamer =
        Streamify.of(new Predict<>(StreamifyTest.QA).lm(lm), List.of(StreamListener.of("answer")), null, true);
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/qa", exchange -> {
      StreamRun<QaOut> run = streamer.stream(new QaIn("capital?"));
      exchange.getResponseHeaders().set("Content-Type", SseWriter.CONTENT_TYPE);
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream body = exchange.getResponseBody()) {
        SseWriter.writeTo(run, body);
      }
    });
    http.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<java.util.stream.Stream<String>> r = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/qa"))
              .timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofLines());
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
      return r.body().collect(Collectors.toList());
    } finally {
      http.stop(0);
    }
  }

  @Test
  void servedOverHttpServerAndReadByAClient() throws Exception {
    try (OpenAiServer lmServer = OpenAiServer.answering(b -> StreamifyTest.reply(b, StreamifyTest.PARIS));
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(lmServer.baseUrl()).build()) {
      List<String> lines = serveAndRead(lmServer, lm);
      List<String> data = new ArrayList<>();
      for (String line : lines) {
        if (!line.isEmpty()) {
          assertThat(line).startsWith("data: ");
          data.add(line.substring("data: ".length()));
        }
      }
      assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
      StringBuilder answer = new StringBuilder();
      for (String d : data.subList(0, data.size() - 2)) {
        JsonNode chunk = OpenAiServer.JSON.readTree(d).path("chunk");
        assertThat(chunk.path("signature_field_name").asString()).isEqualTo("answer");
        answer.append(chunk.path("chunk").asString());
      }
      assertThat(answer.toString()).isEqualTo("Paris is the capital");
      JsonNode prediction = OpenAiServer.JSON.readTree(data.get(data.size() - 2)).path("prediction");
      assertThat(prediction.path("answer").asString()).isEqualTo("Paris is the capital");
    }
  }

  @Test
  void aFailedProgramEndsWithAnErrorEventThenDone() throws Exception {
    try (OpenAiServer lmServer = OpenAiServer.answering(b -> new mockwebserver3.MockResponse.Builder().code(400)
            .body("{\"error\": {\"message\": \"bad request\"}}").build());
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(lmServer.baseUrl()).build()) {
      List<String> lines = serveAndRead(lmServer, lm);
      List<String> data = lines.stream().filter(l -> !l.isEmpty()).collect(Collectors.toList());
      assertThat(data).hasSize(2);
      JsonNode error = OpenAiServer.JSON.readTree(data.get(0).substring(6)).path("error");
      assertThat(error.path("type").asString()).isEqualTo("LMHttpException");
      assertThat(error.path("message").asString()).contains("bad request");
      assertThat(data.get(1)).isEqualTo("data: [DONE]");
    }
  }
}
