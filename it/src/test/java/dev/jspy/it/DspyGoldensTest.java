package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DSPy 3.3.1's own goldens ({@code src/test/resources/dspyref/}, made by DSPy's real adapters and modules),
 * one dynamic test per case id, run by {@link GoldenRunner}.
 *
 * <p>A case listed in {@code dspyref/known-gaps.txt} must still fail: when jspy starts to match DSPy there,
 * its test fails and asks for the line to be removed. Every other case must pass. The summary (passed and
 * known gaps per kind, gaps per reason) is printed at the end.
 */
class DspyGoldensTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<JsonNode> CASES = cases();
  private static final Map<String, String> GAPS = knownGaps();

  /** kind -> [passed, known gaps] */
  private static final Map<String, int[]> TALLY = new TreeMap<>();
  private static final Map<String, List<String>> GAPS_SEEN = new TreeMap<>();

  @BeforeAll
  static void quietSettings() {
    Wire.resetGlobalSettings();
  }

  @AfterAll
  static void summary() {
    Wire.resetGlobalSettings();
    if (TALLY.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder("\nDSPy 3.3.1 goldens (dspyref): passed / known gaps by kind\n");
    int passed = 0;
    int gaps = 0;
    for (Map.Entry<String, int[]> e : TALLY.entrySet()) {
      sb.append(String.format("  %-32s %4d passed %4d known gaps%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
      passed += e.getValue()[0];
      gaps += e.getValue()[1];
    }
    sb.append(String.format("  %-32s %4d passed %4d known gaps%n", "total", passed, gaps));
    Map<String, List<String>> byReason = new TreeMap<>();
    GAPS_SEEN.forEach((reason, ids) -> byReason.put(reason, ids));
    sb.append("Known gaps by reason:\n");
    byReason.forEach((reason, ids) -> sb.append(String.format("  %3d  %s%n       %s%n", ids.size(), reason, ids)));
    System.out.println(sb);
  }

  @TestFactory
  Stream<DynamicTest> goldens() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.path("id").stringValue(), () -> check(c)));
  }

  private static void check(JsonNode c) throws IOException {
    String id = c.path("id").stringValue();
    String kind = c.path("kind").stringValue() + "/" + c.path("adapter").stringValue()
        + (c.has("module") && !c.path("module").isNull() ? "/" + c.path("module").stringValue() : "");
    String failure = null;
    try {
      GoldenRunner.run(c);
    } catch (GoldenRunner.Mismatch m) {
      failure = m.getMessage();
    }
    int[] tally = TALLY.computeIfAbsent(kind, k -> new int[2]);
    String gap = GAPS.get(id);
    if (gap != null) {
      if (failure == null) {
        fail(id + " now matches DSPy: remove its line from src/test/resources/dspyref/known-gaps.txt (was: " + gap + ")");
      }
      String recorded = firstDifference(gap);
      if (recorded != null && !recorded.equals(brief(failure))) {
        fail(id + " still differs from DSPy, but not as known-gaps.txt says: update its line to\n" + id + "  "
            + reason(gap) + " -- " + brief(failure));
      }
      tally[1]++;
      GAPS_SEEN.computeIfAbsent(reason(gap), r -> new ArrayList<>()).add(id);
      return;
    }
    if (failure != null) {
      fail(id + " differs from DSPy 3.3.1 (fix jspy, or list it in known-gaps.txt with the cause): " + failure);
    }
    tally[0]++;
  }

  /** The first difference recorded after " -- " in a gap's line, or {@code null} if none was recorded. */
  private static String firstDifference(String gap) {
    int cut = gap.indexOf(" -- ");
    return cut < 0 ? null : gap.substring(cut + 4);
  }

  /** A failure as known-gaps.txt records it: one line, whitespace collapsed, at most 260 characters. */
  static String brief(String failure) {
    String s = failure.replaceAll("\\s+", " ").strip();
    return s.length() > 260 ? s.substring(0, 260) + "…" : s;
  }

  /** The cause part of a gap's reason: the text before " -- " (after it, the first differing line). */
  private static String reason(String gap) {
    int cut = gap.indexOf(" -- ");
    return cut < 0 ? gap : gap.substring(0, cut);
  }

  @Test
  void goldensAreDspy331AndComplete() throws IOException {
    JsonNode meta;
    try (InputStream in = resource("goldens_meta.json")) {
      meta = JSON.readTree(in);
    }
    assertThat(meta.path("dspy_version").stringValue()).isEqualTo("3.3.1");
    assertThat(CASES).hasSize(meta.path("total").asInt());
    Set<String> ids = new HashSet<>();
    for (JsonNode c : CASES) {
      assertThat(ids.add(c.path("id").stringValue())).isTrue();
    }
  }

  @Test
  void knownGapsNameRealCasesWithReasons() {
    Set<String> ids = new HashSet<>();
    CASES.forEach(c -> ids.add(c.path("id").stringValue()));
    for (Map.Entry<String, String> g : GAPS.entrySet()) {
      assertThat(ids).contains(g.getKey());
      assertThat(g.getValue()).isNotEmpty();
    }
  }

  private static List<JsonNode> cases() {
    try (InputStream in = resource("goldens.json")) {
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(in).forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> knownGaps() {
    Map<String, String> gaps = new LinkedHashMap<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(resource("known-gaps.txt"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String[] parts = t.split("\\s{2,}", 2);
        if (parts.length < 2 || gaps.put(parts[0], parts[1].strip()) != null) {
          throw new IllegalStateException("known-gaps.txt: want 'id  reason' once per id, got: " + line);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return gaps;
  }

  private static InputStream resource(String name) {
    InputStream in = DspyGoldensTest.class.getResourceAsStream("/dspyref/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource dspyref/" + name);
    }
    return in;
  }
}
