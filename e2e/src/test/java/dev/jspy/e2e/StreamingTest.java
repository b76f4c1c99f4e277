package dev.jspy.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.adapters.JSONAdapter;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Message;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.streaming.FieldChunk;
import dev.jspy.streaming.Final;
import dev.jspy.streaming.StreamEvent;
import dev.jspy.streaming.StreamListener;
import dev.jspy.streaming.StreamRun;
import dev.jspy.streaming.Streamify;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Streaming against llama.cpp's real Server-Sent Events with the tiny test model. */
@SuppressWarnings("try")
class StreamingTest {
  private static LlamaServer server;
  private static OpenAiLM lm;

  @BeforeAll
  static void start() throws Exception {
    server = LlamaServer.start("");
    lm = LM.builder("openai/stories260K").apiBase(server.baseUrl()).apiKey(null).maxTokens(200).cache(false)
        .temperature(0).param("seed", 1).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (lm != null) {
      lm.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theStreamedTextIsThePlainReplyDeltaByDelta() throws Exception {
    LMRequest request = LMRequest.of(List.of(Message.user("Once upon a time")));
    List<String> deltas = Collections.synchronizedList(new ArrayList<>());
    LMResponse streamed = lm.astream(request, d -> {
      deltas.add(d);
      return null;
    }).get(120, TimeUnit.SECONDS);
    LMResponse plain = lm.acall(request).get(120, TimeUnit.SECONDS);

    assertThat(deltas.size()).isGreaterThan(1);
    assertThat(String.join("", deltas)).isEqualTo(streamed.text());
    assertThat(streamed.text()).isEqualTo(plain.text()); // same seed, temperature 0
    assertThat(streamed.choices().get(0).finishReason()).isEqualTo(plain.choices().get(0).finishReason());
    assertThat(streamed.usage().completionTokens()).isGreaterThan(0); // include_usage honoured
    assertThat(streamed.usage()).isEqualTo(plain.usage());
  }

  @Test
  void aGeneratedPredictorStreamsItsFieldThroughTheJsonAdapter() throws Exception {
    StreamRun<BookOutput> run;
    try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).adapter(JSONAdapter.INSTANCE))) {
      run = Streamify.of(new BookPredict(), List.of(StreamListener.of("title")), null, true).stream(new BookInput("dragons"));
    }
    List<StreamEvent> events = new ArrayList<>();
    run.iterator().forEachRemaining(events::add);
    BookOutput out = run.result().get(120, TimeUnit.SECONDS);

    assertThat(events.get(events.size() - 1)).isEqualTo(new Final<>(out));
    StringBuilder title = new StringBuilder();
    for (StreamEvent e : events.subList(0, events.size() - 1)) {
      FieldChunk c = (FieldChunk) e;
      assertThat(c.predictName()).isEqualTo("self");
      assertThat(c.fieldName()).isEqualTo("title"); // the generated record's accessor: out.title()
      title.append(c.chunk());
    }
    assertWithMessage("events of %s", Jspy.history().last(1).get(0).outputs()).that(events.size()).isGreaterThan(2);
    // JSONAdapter chunks are the raw JSON text of the value. As in DSPy 3.3.1, whose JSON end detection this
    // is, a reply written a character at a time leaks the head of the next key into the last chunks.
    assertWithMessage("%s", events).that(title.toString().strip())
        .startsWith(JsonMapper.builder().build().writeValueAsString(out.title()));
  }
}
