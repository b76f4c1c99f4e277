package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.jspy.Tool;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Signatures and tool classes that are legal Java but once made the processor write code that did not
 * compile: the generated code must compile and carry the user's text and types unchanged.
 */
class HostileSourcesTest {

  private static JavaFileObject source(String name, String... lines) {
    List<String> all = new ArrayList<>(List.of("package p;", "import dev.jspy.annotations.*;", "import java.util.*;"));
    all.addAll(List.of(lines));
    return TestCompiler.source("p." + name, all.toArray(new String[0]));
  }

  private static ClassLoader compiles(JavaFileObject... sources) {
    Compilation compilation = TestCompiler.compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    return TestCompiler.load(compilation);
  }

  private static SignatureSpec<?, ?> spec(ClassLoader loader, String signature) throws ReflectiveOperationException {
    return (SignatureSpec<?, ?>) loader.loadClass("p." + signature + "Predict").getField("SPEC").get(null);
  }

  @SuppressWarnings("unchecked")
  private static List<Tool> tools(ClassLoader loader, String toolsClass) throws ReflectiveOperationException {
    return (List<Tool>) loader.loadClass("p." + toolsClass).getMethod("of").invoke(null);
  }

  @Test
  void keepsLineSeparatorsNulAndLoneSurrogatesInGeneratedStrings() throws Exception {
    // Written as Java escapes in the test source, so javac reads the characters themselves.
    String odd = "a\\u2028b\\u2029c\\u0000d\\ud800e\\udc00f\\u0085g";
    String expected = "a\u2028b\u2029c\u0000d\ud800e\udc00f\u0085g";
    ClassLoader loader =
        compiles(
            source(
                "Qa",
                "@Signature(value = \"question -> answer\", instructions = \"" + odd + "\")",
                "interface Qa {}"),
            source(
                "Doc",
                "@Signature",
                "interface Doc {",
                "  @Input(desc = \"" + odd + "\") String question();",
                "  /** " + odd + " */",
                "  @Output String answer();",
                "}"),
            source(
                "Api",
                "class Api {",
                "  /** " + odd + " @param q " + odd + " */",
                "  @Tool(name = \"look\") static String lookup(String q) { return q; }",
                "  @Tool(desc = \"" + odd + "\") static String other(@Arg(desc = \"" + odd + "\") String q) { return q; }",
                "}"));
    assertThat(spec(loader, "Qa").instructions()).isEqualTo(expected);
    SignatureSpec<?, ?> doc = spec(loader, "Doc");
    assertThat(doc.inputs().get(0).description()).isEqualTo(expected);
    assertThat(doc.outputs().get(0).description()).contains("a\u2028b\u2029c");
    List<Tool> tools = tools(loader, "ApiTools");
    assertThat(tools.get(0).desc()).contains("a\u2028b\u2029c");
    assertThat(tools.get(1).desc()).isEqualTo(expected);
  }

  @Test
  void splitsInstructionsLongerThanAClassFileConstant() throws Exception {
    // 80,000 bytes of modified UTF-8 in 45,000 chars: 'é' takes two bytes, the emoji (a pair) six.
    String text = "é".repeat(35_000) + "x".repeat(5_000) + "\ud83d\ude00".repeat(2_500);
    assertThat(text.length()).isLessThan(65_535);
    ClassLoader loader =
        compiles(
            source("Qa", "/** " + text + " */", "@Signature(\"question -> answer\")", "interface Qa {}"),
            source(
                "Long",
                "@Signature",
                "interface Long {",
                "  /** " + text + " */",
                "  @Input String question();",
                "  @Output String answer();",
                "}"),
            source("Api", "class Api {", "  /** " + text + " */", "  @Tool static String lookup(String q) { return q; }", "}"));
    assertThat(spec(loader, "Qa").instructions()).isEqualTo(text);
    assertThat(spec(loader, "Long").inputs().get(0).description()).isEqualTo(text);
    assertThat(tools(loader, "ApiTools").get(0).desc()).isEqualTo(text);
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(65_535);
  }

  @Test
  void qualifiesJavaLangTypesThatTheSignaturesPackageShadows() throws Exception {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String name :
        List.of("String", "Object", "Override", "Integer", "Long", "Double", "Float", "Boolean", "Exception",
            "List", "Map", "Optional", "Objects", "Generated", "Deprecated", "SuppressWarnings")) {
      sources.add(TestCompiler.source("p." + name, "package p;", "final class " + name + " {}"));
    }
    sources.add(
        TestCompiler.source(
            "p.Qa",
            "package p;",
            "@dev.jspy.annotations.Signature(\"question, n: int, tags: list[str], extra: Optional[double] -> answer,"
                + " ok: bool, by: Map<String, Long>\")",
            "interface Qa {}"));
    sources.add(
        TestCompiler.source(
            "p.Rich",
            "package p;",
            "@dev.jspy.annotations.Signature",
            "interface Rich {",
            "  record Item(java.lang.String name, java.lang.Integer qty) {}",
            "  @dev.jspy.annotations.Input java.util.List<Item> items();",
            "  @dev.jspy.annotations.Output java.lang.Boolean fine();",
            "}"));
    sources.add(
        TestCompiler.source(
            "p.Api",
            "package p;",
            "class Api {",
            "  @dev.jspy.annotations.Tool static java.lang.String echo(java.lang.String q, int n) { return q; }",
            "  @dev.jspy.annotations.Tool(name = \"echo_items\") static java.lang.String echo(java.util.List<Rich.Item> items) { return \"\"; }",
            "}"));
    ClassLoader loader = compiles(sources.toArray(new JavaFileObject[0]));
    SignatureSpec<?, ?> qa = spec(loader, "Qa");
    assertThat(qa.inputs().get(1).type()).isSameInstanceAs(FieldType.INT);
    assertThat(qa.outputs().get(2).type().pythonName()).isEqualTo("dict[str, int]");
    Object out = qa.newOutput(new Object[] {"yes", true, java.util.Map.of()});
    assertThat(out.toString()).contains("answer='yes'");
    assertThat(spec(loader, "Rich").inputs().get(0).type().pythonName()).isEqualTo("list[Item]");
    assertThat(tools(loader, "ApiTools")).hasSize(2);
  }

  @Test
  void pythonFloatInTheStringFormIsADouble() throws Exception {
    ClassLoader loader =
        compiles(
            source("Qa", "@Signature(\"x: float, n: int, xs: list[float] -> y: float, big: Float\")", "interface Qa {}"));
    SignatureSpec<?, ?> qa = spec(loader, "Qa");
    assertThat(qa.inputs().get(0).type()).isSameInstanceAs(FieldType.DOUBLE);
    assertThat(qa.inputs().get(1).type()).isSameInstanceAs(FieldType.INT);
    assertThat(((FieldType.ListType<?>) qa.inputs().get(2).type()).element()).isSameInstanceAs(FieldType.DOUBLE);
    assertThat(qa.outputs().get(0).type()).isSameInstanceAs(FieldType.DOUBLE);
    // The boxed Java spelling is unambiguous, and stays 32-bit.
    assertThat(qa.outputs().get(1).type()).isSameInstanceAs(FieldType.FLOAT);
    Class<?> input = loader.loadClass("p.QaInput");
    assertThat(input.getRecordComponents()[0].getType()).isEqualTo(double.class);
    assertThat(input.getRecordComponents()[1].getType()).isEqualTo(int.class);
    assertThat(loader.loadClass("p.QaOutput").getRecordComponents()[0].getType()).isEqualTo(double.class);
  }

  @Test
  void compilesAsManyFieldsAsAMethodTakes() throws Exception {
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < 254; i++) {
      inputs.add("in" + i);
    }
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < 252; i++) {
      outputs.add("out" + i);
    }
    List<String> doubles = new ArrayList<>();
    for (int i = 0; i < 127; i++) {
      doubles.add("x" + i + ": double");
    }
    ClassLoader loader =
        compiles(
            source("Wide", "@Signature(\"" + String.join(", ", inputs) + " -> " + String.join(", ", outputs) + "\")", "interface Wide {}"),
            source("Doubles", "@Signature(\"" + String.join(", ", doubles) + " -> answer\")", "interface Doubles {}"));
    assertThat(spec(loader, "Wide").inputs()).hasSize(254);
    assertThat(spec(loader, "Wide").outputs()).hasSize(252);
    assertThat(spec(loader, "Doubles").inputs()).hasSize(127);
  }

  @Test
  void compilesTypesNestedAsDeepAsAllowed() throws Exception {
    String deep = "List<".repeat(32) + "String" + ">".repeat(32);
    ClassLoader loader =
        compiles(
            source("Qa", "@Signature(\"question -> answer: " + deep + "\")", "interface Qa {}"),
            source("Doc", "@Signature", "interface Doc {", "  @Input String question();", "  @Output " + deep + " answer();", "}"));
    assertThat(spec(loader, "Qa").outputs().get(0).type().pythonName()).startsWith("list[".repeat(32) + "str]");
    assertThat(spec(loader, "Doc").outputs().get(0).type().pythonName()).startsWith("list[".repeat(32) + "str]");
  }
}
