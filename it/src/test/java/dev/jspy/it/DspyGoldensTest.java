package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DSPy 3.3.1's own goldens ({@code src/test/resources/dspyref/}, made by DSPy's real adapters and modules),
 * one dynamic test per case, run by {@link GoldenRunner}.
 *
 * <p>Every {@code goldens.json} under {@code dspyref/} runs: the committed default seed at the top and one
 * directory per further seed ({@code seed-1/goldens.json}, ...), each next to its {@code goldens_meta.json}.
 * Case ids are unique only within a file, so a case is keyed by its id in the top-level file and by
 * {@code <file>:<id>} (e.g. {@code seed-1/goldens.json:chat-fmt-002}) in the others; test names and
 * {@code known-gaps.txt} use that key.
 *
 * <p>A case listed in {@code dspyref/known-gaps.txt} must still fail: when jspy starts to match DSPy there,
 * its test fails and asks for the line to be removed. Every other case must pass. The summary (passed and
 * known gaps per file and kind, gaps per reason) is printed at the end.
 */
class DspyGoldensTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The top-level goldens file, whose cases are keyed by their bare id. */
  private static final String DEFAULT_FILE = "goldens.json";
  /** goldens file (relative to dspyref/) -> its cases, the default file first, then by name. */
  private static final Map<String, List<JsonNode>> FILES = goldenFiles();
  private static final Map<String, String> GAPS = knownGaps();

  /** file + kind -> [passed, known gaps] */
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
      sb.append(String.format("  %-54s %4d passed %4d known gaps%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
      passed += e.getValue()[0];
      gaps += e.getValue()[1];
    }
    sb.append(String.format("  %-54s %4d passed %4d known gaps%n", "total", passed, gaps));
    Map<String, List<String>> byReason = new TreeMap<>();
    GAPS_SEEN.forEach((reason, ids) -> byReason.put(reason, ids));
    sb.append("Known gaps by reason:\n");
    byReason.forEach((reason, ids) -> sb.append(String.format("  %3d  %s%n       %s%n", ids.size(), reason, ids)));
    System.out.println(sb);
  }

  @TestFactory
  Stream<DynamicNode> goldens() {
    return FILES.entrySet().stream()
        .map(f -> DynamicContainer.dynamicContainer(f.getKey(), f.getValue().stream()
            .map(c -> DynamicTest.dynamicTest(key(f.getKey(), c), () -> check(f.getKey(), c)))));
  }

  /** A case's key in test names and known-gaps.txt: its id, prefixed by its file unless that is the default. */
  static String key(String file, JsonNode c) {
    String id = c.path("id").stringValue();
    return file.equals(DEFAULT_FILE) ? id : file + ":" + id;
  }

  private static void check(String file, JsonNode c) throws IOException {
    String id = key(file, c);
    String kind = file + " " + c.path("kind").stringValue() + "/" + c.path("adapter").stringValue()
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
    assertThat(FILES).containsKey(DEFAULT_FILE);
    Set<Long> seeds = new HashSet<>();
    for (Map.Entry<String, List<JsonNode>> f : FILES.entrySet()) {
      String metaName = f.getKey().substring(0, f.getKey().length() - DEFAULT_FILE.length()) + "goldens_meta.json";
      JsonNode meta;
      try (InputStream in = resource(metaName)) {
        meta = JSON.readTree(in);
      }
      assertThat(meta.path("dspy_version").stringValue()).isEqualTo("3.3.1");
      assertThat(f.getValue()).hasSize(meta.path("total").asInt());
      assertWithMessage("seed of %s is already used by another goldens file", f.getKey())
          .that(seeds.add(meta.path("seed").asLong()))
          .isTrue();
      Set<String> ids = new HashSet<>();
      for (JsonNode c : f.getValue()) {
        assertWithMessage("case id repeated in %s", f.getKey()).that(ids.add(c.path("id").stringValue())).isTrue();
      }
    }
  }

  @Test
  void knownGapsNameRealCasesWithReasons() {
    Set<String> keys = new HashSet<>();
    FILES.forEach((file, cases) -> cases.forEach(c -> keys.add(key(file, c))));
    for (Map.Entry<String, String> g : GAPS.entrySet()) {
      assertThat(keys).contains(g.getKey());
      assertThat(g.getValue()).isNotEmpty();
    }
  }

  /**
   * Every {@code goldens.json} under {@code dspyref/} on the test class path (a directory, or a jar),
   * keyed by its path relative to {@code dspyref/}: the default file first, then the others by name.
   */
  private static Map<String, List<JsonNode>> goldenFiles() {
    URL url = DspyGoldensTest.class.getResource("/dspyref/" + DEFAULT_FILE);
    if (url == null) {
      throw new IllegalStateException("missing test resource dspyref/" + DEFAULT_FILE);
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return goldenFiles(fs.provider().getPath(uri).getParent());
      }
      return goldenFiles(Path.of(uri).getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, List<JsonNode>> goldenFiles(Path root) throws IOException {
    List<String> names;
    try (Stream<Path> walk = Files.walk(root)) {
      names = walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(DEFAULT_FILE))
          .map(p -> root.relativize(p).toString().replace(root.getFileSystem().getSeparator(), "/"))
          .sorted((a, b) -> a.equals(DEFAULT_FILE) ? -1 : b.equals(DEFAULT_FILE) ? 1 : a.compareTo(b))
          .collect(Collectors.toList());
    }
    Map<String, List<JsonNode>> files = new LinkedHashMap<>();
    for (String name : names) {
      try (InputStream in = Files.newInputStream(root.resolve(name))) {
        List<JsonNode> cases = new ArrayList<>();
        JSON.readTree(in).forEach(cases::add);
        files.put(name, cases);
      }
    }
    return files;
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
