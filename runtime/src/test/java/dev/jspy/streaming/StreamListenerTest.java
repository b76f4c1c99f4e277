package dev.jspy.streaming;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jspy.core.ConfigurationException;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.Tool;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamListenerTest {
  static Predict<String, Object[]> predict(String... outputs) {
    SignatureSpec.Builder<String, Object[]> b = SignatureSpec.<String, Object[]>builder("Sig")
        .instructions("Given the fields `question`, produce the outputs.")
        .input("question", "", FieldType.STRING)
        .inputValues(in -> new Object[] {in})
        .outputs(v -> new Object[0])
        .outputValues(out -> out);
    for (String o : outputs) {
      b.output(o, "", FieldType.STRING);
    }
    return new Predict<>(b.build());
  }

  /** Two predictors, as DSPy's test programs: predict1 answers, predict2 judges. */
  static final class TwoStep extends Module<String, String> {
    final Predict<String, Object[]> predict1 = predict("answer");
    final Predict<String, Object[]> predict2 = predict("answer", "judgement");
  }

  @Test
  void bindsEachListenerToTheOnePredictorWithItsField() {
    TwoStep program = new TwoStep();
    Map<String, List<StreamListener>> bound =
        StreamListener.bind(List.of(StreamListener.of("judgement")), program.namedPredictors());
    assertEquals(List.of("predict2"), List.copyOf(bound.keySet()));
    assertEquals("judgement", bound.get("predict2").get(0).fieldName());
  }

  @Test
  void barePredictorBindsAsSelf() {
    Map<String, List<StreamListener>> bound =
        StreamListener.bind(List.of(StreamListener.of("answer")), predict("answer").namedPredictors());
    assertEquals(List.of("self"), List.copyOf(bound.keySet()));
  }

  @Test
  void fieldOfSeveralPredictorsIsAnErrorUnlessOneIsNamed() {
    TwoStep program = new TwoStep();
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> StreamListener.bind(List.of(StreamListener.of("answer")), program.namedPredictors()));
    assertTrue(e.getMessage().contains("'answer'") && e.getMessage().contains("[predict1, predict2]"), e.getMessage());
    Map<String, List<StreamListener>> bound = StreamListener.bind(
        List.of(StreamListener.of("answer").onPredictor("predict2")), program.namedPredictors());
    assertEquals(List.of("predict2"), List.copyOf(bound.keySet()));
  }

  @Test
  void fieldOfNoPredictorIsAnError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> StreamListener.bind(List.of(StreamListener.of("anser")), new TwoStep().namedPredictors()));
    assertTrue(e.getMessage().contains("'anser'"), e.getMessage());
  }

  @Test
  void namedPredictorMustExistAndHaveTheField() {
    TwoStep program = new TwoStep();
    assertThrows(ConfigurationException.class, () -> StreamListener.bind(
        List.of(StreamListener.of("answer").onPredictor("predict3")), program.namedPredictors()));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> StreamListener.bind(
        List.of(StreamListener.of("judgement").onPredictor("predict1")), program.namedPredictors()));
    assertTrue(e.getMessage().contains("predict1") && e.getMessage().contains("[answer]"), e.getMessage());
  }

  @Test
  void cachedReplyStreamsNothingButIsRecorded() {
    FieldDetector d = StreamListener.of("answer").newDetector(StreamFormat.CHAT, "self");
    d.cachedReply();
    assertTrue(d.cacheHit());
    assertEquals(Optional.empty(), d.finish());
  }

  @Test
  void deltaWithoutContentIsIgnored() {
    FieldDetector d = StreamListener.of("answer").newDetector(StreamFormat.XML, "self");
    assertEquals(Optional.empty(), d.receive("<answer>"));
    assertEquals(Optional.empty(), d.receive(null));
    assertEquals(Optional.of(new FieldChunk("self", "answer", "hi", false)), d.receive("hi"));
  }

  @Test
  void statusMessagesAsDspyWithItsSkipRules() {
    List<StatusMessage> got = new ArrayList<>();
    StatusStreamingCallback cb = new StatusStreamingCallback(StatusMessageProvider.DEFAULT, got::add);
    Tool search = Tool.of("search", "", List.of(), v -> "found");
    Tool finish = Tool.of("finish", "", List.of(), v -> "Completed.");
    cb.onToolStart(1, 0, search, Map.of());
    cb.onToolEnd(1, "found", null);
    cb.onToolStart(2, 0, finish, Map.of());
    cb.onToolEnd(2, "Completed.", null);
    cb.onModuleStart(3, 0, new TwoStep(), "q");
    cb.onModuleEnd(3, "a", null);
    cb.onLmStart(4, 0, null, null);
    cb.onLmEnd(4, null, null);
    assertEquals(List.of(new StatusMessage("Calling tool search..."),
        new StatusMessage("Tool calling finished! Querying the LLM with tool calling results...")), got);
  }

  @Test
  void customProviderTextsAndEmptyTextsSkipped() {
    List<StatusMessage> got = new ArrayList<>();
    StatusMessageProvider p = new StatusMessageProvider() {
      @Override
      public String moduleStart(Module<?, ?> module, Object input) {
        return "Predicting...";
      }

      @Override
      public String toolEnd(Object result) {
        return "";
      }
    };
    StatusStreamingCallback cb = new StatusStreamingCallback(p, got::add);
    cb.onModuleStart(1, 0, new TwoStep(), "q");
    cb.onToolEnd(2, "x", null);
    assertEquals(List.of(new StatusMessage("Predicting...")), got);
  }

  /**
   * llama.cpp's JSON-schema grammar writes {@code { "title" : "..."}}, a space before the colon; DSPy 3.3.1 only
   * finds {@code "title":} and so streams nothing for such a server. The detector accepts JSON whitespace there
   * and the value streams as it does for the compact form.
   */
  @Test
  void jsonFieldWithWhitespaceBeforeTheColonStreamsAsTheCompactForm() {
    List<String> spaced = List.of("{ \"", "title", "\" ", ": \"", "Dra", "gons", "\",\"", "pages", "\" :", " 3", "}");
    List<String> compact = List.of("{\"", "title", "\"", ":\"", "Dra", "gons", "\",\"", "pages", "\":", "3", "}");
    List<String> fromSpaced = chunks(spaced);
    List<String> fromCompact = chunks(compact);
    assertThat(fromCompact.subList(0, 2)).containsExactly("\"Dra", "gons").inOrder();
    assertThat(fromSpaced.size()).isAtLeast(2);
    assertThat(fromSpaced.subList(0, 2)).isEqualTo(fromCompact.subList(0, 2));
  }

  private static List<String> chunks(List<String> tokens) {
    FieldDetector d = StreamListener.of("title").newDetector(StreamFormat.JSON, "self");
    List<String> out = new java.util.ArrayList<>();
    for (String token : tokens) {
      d.receive(token).ifPresent(c -> out.add(c.chunk()));
    }
    d.finish().ifPresent(c -> out.add(c.chunk()));
    return out;
  }
}
