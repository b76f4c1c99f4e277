package dev.jspy.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * DSPy 3.3.1's stream-listener vectors: the scripted replies of {@code tests/streaming/test_streaming.py}
 * (and a few more), with the chunks DSPy's own {@code StreamListener} emits for them. The data and how it
 * was made: {@code dspy_stream_vectors.json} and {@code extract_dspy_vectors.py} beside it.
 */
class DspyStreamVectorsTest {
  private static final JsonNode VECTORS = load();

  private static JsonNode load() {
    try (InputStream in = DspyStreamVectorsTest.class.getResourceAsStream("dspy_stream_vectors.json")) {
      return new ObjectMapper().readTree(in);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read dspy_stream_vectors.json", e);
    }
  }

  static StreamFormat format(String adapter) {
    switch (adapter) {
      case "ChatAdapter":
        return StreamFormat.CHAT;
      case "JSONAdapter":
        return StreamFormat.JSON;
      case "XMLAdapter":
        return StreamFormat.XML;
      default:
        throw new IllegalArgumentException(adapter);
    }
  }

  /** Routes as DSPy's streamify: each call's deltas to its predictor's detectors, then finish() on all. */
  static List<FieldChunk> run(JsonNode c) {
    StreamFormat format = format(c.get("adapter").stringValue());
    Map<FieldDetector, String> detectors = new LinkedHashMap<>();
    for (JsonNode l : c.get("listeners")) {
      StreamListener listener = StreamListener.of(l.get("field").stringValue());
      if (l.get("allowReuse").booleanValue()) {
        listener = listener.allowReuse();
      }
      String predictor = l.get("predictor").stringValue();
      detectors.put(listener.newDetector(format, predictor), predictor);
    }
    List<FieldChunk> out = new ArrayList<>();
    for (JsonNode call : c.get("calls")) {
      String predictor = call.get("predictor").stringValue();
      for (JsonNode token : call.get("tokens")) {
        detectors.forEach((d, p) -> {
          if (p.equals(predictor)) {
            d.receive(token.stringValue()).ifPresent(out::add);
          }
        });
      }
    }
    detectors.keySet().forEach(d -> d.finish().ifPresent(out::add));
    return out;
  }

  @TestFactory
  Stream<DynamicTest> emitsTheChunksDspyEmits() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : VECTORS.get("cases")) {
      tests.add(DynamicTest.dynamicTest(c.get("name").stringValue(), () -> {
        List<FieldChunk> expected = new ArrayList<>();
        for (JsonNode e : c.get("expected")) {
          expected.add(new FieldChunk(e.get("predictName").stringValue(), e.get("fieldName").stringValue(),
              e.get("chunk").stringValue(), e.get("isLastChunk").booleanValue()));
        }
        assertEquals(expected, run(c), "chunks for " + c.get("name").stringValue());
      }));
    }
    return tests.stream();
  }

  @Test
  void vectorsCoverAllThreeAdaptersAndDspysOwnTests() {
    Map<String, Integer> byAdapter = new LinkedHashMap<>();
    int fromDspyTests = 0;
    for (JsonNode c : VECTORS.get("cases")) {
      byAdapter.merge(c.get("adapter").stringValue(), 1, Integer::sum);
      if (c.get("name").stringValue().startsWith("test_")) {
        fromDspyTests++;
        assertTrue(c.get("dspyAssertionsChecked").intValue() > 0, c.get("name").stringValue());
      }
    }
    assertEquals(3, byAdapter.size(), byAdapter.toString());
    assertTrue(fromDspyTests >= 17, "cases from DSPy's test file: " + fromDspyTests);
  }

  @TestFactory
  Stream<DynamicTest> holdsBackWhatCouldBecomeTheEndMarkerAsDspy() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : VECTORS.get("couldFormEndIdentifier")) {
      String message = c.get("message").stringValue();
      tests.add(DynamicTest.dynamicTest(c.get("adapter").stringValue() + " " + message, () -> {
        FieldDetector d = StreamListener.of(c.get("field").stringValue())
            .newDetector(format(c.get("adapter").stringValue()), "self");
        assertEquals(c.get("expected").booleanValue(), d.couldFormEndMarker(message), message);
      }));
    }
    assertFalse(tests.isEmpty());
    return tests.stream();
  }
}
