package dev.jspy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated code, compared with reviewed copies under {@code src/test/resources/golden/}: a change in
 * what the processor writes shows up as a diff there. If a change is intended, regenerate the file and
 * review it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenSourcesTest {
  private Compilation compilation;

  @BeforeAll
  void compileSamples() {
    compilation =
        TestCompiler.javac()
            .compile(
                TestCompiler.sample("p/Qa.java"),
                TestCompiler.sample("p/RagQa.java"),
                TestCompiler.sample("p/Sentiment.java"),
                TestCompiler.sample("p/Weather.java"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // string form, chainOfThought = true, react = true
        "QaInput", "QaOutput", "QaPredict",
        "QaChainOfThoughtOutput", "QaChainOfThought", "QaReActOutput", "QaReAct",
        // typed string form with List and double, explicit instructions, chainOfThought = true
        "RagQaInput", "RagQaOutput", "RagQaPredict",
        "RagQaChainOfThoughtOutput", "RagQaChainOfThought",
        // interface form with enum, record, Optional and Javadoc; no opt-in modules
        "SentimentInput", "SentimentOutput", "SentimentPredict",
        // @Tool methods: sync, async with a record argument and result, static, void; Javadoc and @Arg
        "WeatherTools"
      })
  void generatesGoldenSource(String type) throws IOException {
    String golden = "golden/" + type + ".java";
    assertThat(compilation)
        .generatedSourceFile("p." + type)
        .hasSourceEquivalentTo(JavaFileObjects.forResource(golden));
    // Source equivalence ignores comments, but the Javadoc is part of what users read: compare the text too.
    assertThat(compilation).generatedSourceFile("p." + type).contentsAsUtf8String().isEqualTo(resource(golden));
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = GoldenSourcesTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
