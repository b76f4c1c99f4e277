package dev.jspy.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.jspy.Jspy;
import dev.jspy.Module;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.testing.OpenAiServer;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A file jspy saves loads in DSPy 3.3.1 and makes DSPy send the messages jspy sends. For each {@code saved}
 * case of {@code goldens.json}: jspy loads DSPy's file into the case's program and saves it; that file must
 * equal the committed {@code jspy_saved/} file, which {@code it/dspyref/check_load.py} loaded with DSPy's
 * own {@code module.load}. Its output, {@code check_load.json}, must show DSPy loading every file and sending
 * the same messages as after loading its own file, and jspy, loading its own file, must send exactly those
 * messages. No Python at test time: DSPy's side is the committed {@code check_load.json}.
 *
 * <p>Regenerate after a deliberate change of jspy's save format: run this test with
 * {@code -Djspy.dspyref.writeJspySaved=$PWD/it/src/test/resources/dspyref/jspy_saved}, then
 * {@code check_load.py} (command in its docstring and in the resources' README).
 */
@Timeout(120)
@SuppressWarnings("try")
class JspySavedLoadsInDspyTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> jspySavedFilesLoadInDspyAndSendTheSameMessages() throws Exception {
    JsonNode goldens = read("/dspyref/goldens.json");
    JsonNode checked = read("/dspyref/check_load.json");
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode e : checked) {
      byId.put(e.path("id").stringValue(), e);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : goldens) {
      if (c.path("kind").stringValue().equals("saved")) {
        tests.add(DynamicTest.dynamicTest(c.path("id").stringValue(), () -> check(c, byId.get(c.path("id").stringValue()))));
      }
    }
    assertThat(tests).hasSize(6);
    return tests.stream();
  }

  private void check(JsonNode c, JsonNode dspySide) throws Exception {
    String name = Path.of(c.path("program_file").stringValue()).getFileName().toString();
    // 1. jspy loads DSPy's file and saves it: the file DSPy was given.
    GoldenRunner.SavedProgram fromDspy = GoldenRunner.savedProgram(c);
    fromDspy.module().load(resource("/dspyref/" + c.path("program_file").stringValue()));
    Path saved = tmp.resolve(name);
    fromDspy.module().save(saved);
    String regenerate = System.getProperty("jspy.dspyref.writeJspySaved");
    if (regenerate != null && !regenerate.isEmpty()) {
      Files.createDirectories(Path.of(regenerate));
      Files.copy(saved, Path.of(regenerate, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    String committed = Files.readString(resource("/dspyref/jspy_saved/" + name), StandardCharsets.UTF_8);
    GoldenRunner.firstDifference("jspy's saved " + name + " against the file DSPy loaded (jspy_saved/)", committed,
        Files.readString(saved, StandardCharsets.UTF_8));

    // 2. DSPy loaded it (check_load.py) and sent the messages it sends after loading its own file.
    assertWithMessage("check_load.json has no entry for " + c.path("id").stringValue()).that(dspySide).isNotNull();
    assertWithMessage("DSPy could not load jspy's " + name + ": " + dspySide.path("load_error"))
        .that(dspySide.has("load_error")).isFalse();
    assertThat(dspySide.path("jspy_file").stringValue()).isEqualTo(name);
    assertThat(dspySide.path("same_messages_as_dspy_saved_file").booleanValue()).isTrue();

    // 3. jspy, loading its own file, sends exactly what DSPy sent after loading that file.
    List<String> replies = new ArrayList<>();
    for (JsonNode call : c.path("calls")) {
      replies.add(call.path("lm_reply").stringValue());
    }
    GoldenRunner.SavedProgram fromJspy = GoldenRunner.savedProgram(c);
    Module<Object[], Object[]> program = fromJspy.module();
    program.load(saved);
    List<String> names = program.namedPredictors().stream().map(Map.Entry::getKey).toList();
    List<String> dspyNames = new ArrayList<>();
    dspySide.path("named_predictors").forEach(n -> dspyNames.add(n.stringValue()));
    if (!names.equals(List.of("self"))) {
      assertThat(names).containsExactlyElementsIn(dspyNames).inOrder();
    }
    try (OpenAiServer server = GoldenRunner.scriptedServer(replies);
        OpenAiLM lm = Wire.lm(server);
        Jspy.Scope scope = Jspy.context(s -> s.lm(lm).adapter(GoldenRunner.runAdapter(c)))) {
      program.call(fromJspy.inputs(c));
      JsonNode calls = dspySide.path("calls");
      assertThat(server.requests()).hasSize(calls.size());
      for (int i = 0; i < calls.size(); i++) {
        GoldenRunner.compareMessages(
            c.path("id").stringValue() + " call " + (i + 1), calls.get(i).path("messages"), server.requests().get(i));
      }
    }
  }

  private static JsonNode read(String resource) throws Exception {
    try (InputStream in = JspySavedLoadsInDspyTest.class.getResourceAsStream(resource)) {
      assertWithMessage("missing test resource " + resource).that(in).isNotNull();
      return OpenAiServer.JSON.readTree(in);
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    java.net.URL url = JspySavedLoadsInDspyTest.class.getResource(name);
    assertWithMessage("missing test resource " + name).that(url).isNotNull();
    return Path.of(url.toURI());
  }
}
