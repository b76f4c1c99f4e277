package dev.jspy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per rule for {@code @Tool} methods: the error's text, and that it points at the right line. */
class ToolErrorsTest {
  private static final String SUPPORTED =
      "supported: String, int, long, double, float, boolean (and boxes), enums, records, List<T>, Map<String, T>,"
          + " Optional<T>";

  /** {@code p.Api} with imports of the annotations and java.util, then {@code lines}. */
  private static JavaFileObject api(String... lines) {
    List<String> all = new ArrayList<>(List.of("package p;", "import dev.jspy.annotations.*;", "import java.util.*;"));
    all.addAll(List.of(lines));
    return TestCompiler.source("p.Api", all.toArray(new String[0]));
  }

  /** Compiles and checks it failed. */
  private static Compilation fails(JavaFileObject... sources) {
    Compilation compilation = TestCompiler.compile(sources);
    assertThat(compilation).failed();
    return compilation;
  }

  @Test
  void rejectsPrivateToolMethod() {
    JavaFileObject f = api("class Api {", "  @Tool private String ping() { return \"pong\"; }", "}");
    assertThat(fails(f))
        .hadErrorContaining(
            "@Tool method ping() is private, so it cannot be invoked from the generated ApiTools; make it"
                + " package-private or public")
        .inFile(f)
        .onLineContaining("private String ping()");
  }

  @Test
  void rejectsToolsInPrivateNestedClass() {
    JavaFileObject f =
        api("class Outer {", "  private static class Api {", "    @Tool String ping() { return \"pong\"; }", "  }", "}");
    assertThat(fails(f))
        .hadErrorContaining(
            "the @Tool methods of Api cannot be invoked from the generated ApiTools because Api is private; make it"
                + " package-private or public")
        .inFile(f)
        .onLineContaining("String ping()");
  }

  @Test
  void rejectsToolsInClassNestedInAPrivateClass() {
    JavaFileObject f =
        api("class Api {", "  private static class Hidden {", "    static class Inner {", "      @Tool String ping() { return \"\"; }", "    }", "  }", "}");
    assertThat(fails(f)).hadErrorContaining("because Hidden is private").inFile(f).onLineContaining("String ping()");
  }

  @Test
  void rejectsUnsupportedParameterType() {
    JavaFileObject f =
        api("class Api {", "  @Tool String find(String query,", "      Set<String> tags) { return query; }", "}");
    assertThat(fails(f))
        .hadErrorContaining("unsupported type 'Set<String>' for parameter 'tags' of @Tool method find(); " + SUPPORTED)
        .inFile(f)
        .onLineContaining("Set<String> tags");
  }

  @Test
  void rejectsArrayParameter() {
    JavaFileObject f = api("class Api {", "  @Tool String join(String[] parts) { return \"\"; }", "}");
    assertThat(fails(f))
        .hadErrorContaining("unsupported type 'String[]' for parameter 'parts' of @Tool method join()")
        .inFile(f)
        .onLineContaining("String[] parts");
  }

  @Test
  void rejectsRecordParameterWithUnsupportedComponent() {
    JavaFileObject f =
        api("class Api {", "  record Box(Object content) {}", "  @Tool String open(Box box) { return \"\"; }", "}");
    assertThat(fails(f))
        .hadErrorContaining("unsupported type 'Object' of component 'content' of record Box for parameter 'box'")
        .inFile(f)
        .onLineContaining("Box box");
  }

  @Test
  void rejectsPrivateParameterType() {
    JavaFileObject f =
        api("class Api {", "  private enum Mood { HAPPY }", "  @Tool String feel(Mood mood) { return \"\"; }", "}");
    assertThat(fails(f)).hadErrorContaining("type 'Mood' is private").inFile(f).onLineContaining("Mood mood");
  }

  @Test
  void rejectsOverloadsWithTheSameToolName() {
    JavaFileObject f =
        api(
            "class Api {",
            "  @Tool String find(String query) { return query; }",
            "  @Tool String find(String query, int limit) { return query; }",
            "}");
    assertThat(fails(f))
        .hadErrorContaining(
            "two @Tool methods of Api are named 'find' (find() and this find()); the LM picks tools by name, so give"
                + " one another with @Tool(name = \"...\")")
        .inFile(f)
        .onLineContaining("int limit");
  }

  @Test
  void rejectsExplicitNameThatCollidesWithAnotherTool() {
    JavaFileObject f =
        api(
            "class Api {",
            "  @Tool String search(String query) { return query; }",
            "  @Tool(name = \"search\") String lookup(String query) { return query; }",
            "}");
    assertThat(fails(f))
        .hadErrorContaining("two @Tool methods of Api are named 'search' (search() and this lookup())")
        .inFile(f)
        .onLineContaining("name = \"search\"");
  }

  @Test
  void rejectsToolNamedFinish() {
    JavaFileObject f = api("class Api {", "  @Tool String finish() { return \"\"; }", "}");
    assertThat(fails(f))
        .hadErrorContaining("@Tool method finish() is named 'finish', which ReAct adds itself")
        .inFile(f)
        .onLineContaining("String finish()");
  }

  @Test
  void rejectsGenericToolMethod() {
    JavaFileObject f = api("class Api {", "  @Tool <T> String show(String value) { return value; }", "}");
    assertThat(fails(f))
        .hadErrorContaining("@Tool method show() cannot have type parameters")
        .inFile(f)
        .onLineContaining("<T> String show");
  }

  @Test
  void rejectsVarargsToolMethod() {
    JavaFileObject f = api("class Api {", "  @Tool String join(String... parts) { return \"\"; }", "}");
    assertThat(fails(f))
        .hadErrorContaining("@Tool method join() cannot be varargs: the LM passes arguments by name; take a List instead")
        .inFile(f)
        .onLineContaining("String... parts");
  }

  @Test
  void rejectsExistingTypeWithTheToolsName() {
    JavaFileObject f = api("class Api {", "  @Tool String ping() { return \"pong\"; }", "}");
    JavaFileObject existing = TestCompiler.source("p.ApiTools", "package p;", "class ApiTools {}");
    Compilation compilation = TestCompiler.compile(f, existing);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "jspy generates ApiTools for the @Tool methods of Api, but a type p.ApiTools already exists; rename that"
                + " type or Api")
        .inFile(f)
        .onLineContaining("String ping()");
  }

  @Test
  void rejectsTwoClassesWhoseToolsWouldShareAName() {
    JavaFileObject f =
        api(
            "class A { static class Api { @Tool String ping() { return \"\"; } } }",
            "class B {",
            "  static class Api {",
            "    @Tool String pong() { return \"\"; }",
            "  }",
            "}");
    Compilation compilation = TestCompiler.compile(f);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("jspy generates ApiTools for the @Tool methods of Api, but it is already generated for the"
            + " @Tool methods of p.A.Api")
        .inFile(f)
        .onLineContaining("String pong()");
  }

  @Test
  void reportsEveryToolErrorOfAClassAtOnce() {
    JavaFileObject f =
        api(
            "class Api {",
            "  @Tool private String a() { return \"\"; }",
            "  @Tool String b(Object o) { return \"\"; }",
            "  @Tool String c(int... n) { return \"\"; }",
            "  @Tool String d() { return \"\"; }",
            "  @Tool(name = \"d\") String e() { return \"\"; }",
            "}");
    Compilation compilation = fails(f);
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadErrorContaining("@Tool method a() is private");
    assertThat(compilation).hadErrorContaining("unsupported type 'Object' for parameter 'o'");
    assertThat(compilation).hadErrorContaining("@Tool method c() cannot be varargs");
    assertThat(compilation).hadErrorContaining("named 'd' (d() and this e())");
  }

  @Test
  void anyReturnTypeIsAllowed() {
    JavaFileObject f =
        api(
            "class Api {",
            "  @Tool Object any() { return null; }",
            "  @Tool int[] numbers() { return new int[0]; }",
            "  @Tool Set<String> tags() { return Set.of(); }",
            "  @Tool java.util.concurrent.Future<String> later() { return null; }",
            "}");
    Compilation compilation = TestCompiler.strictJavac().compile(f);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("p.ApiTools").contentsAsUtf8String().doesNotContain("FieldType.");
  }

  @Test
  void rejectsToolInAnonymousClass() {
    JavaFileObject f =
        api(
            "class Api {",
            "  Object tools() {",
            "    return new Object() {",
            "      @Tool String ping() { return \"pong\"; }",
            "    };",
            "  }",
            "}");
    assertThat(fails(f))
        .hadErrorContaining(
            "@Tool method ping() is in an anonymous class, which the generated <Class>Tools cannot name, so it"
                + " would never become a tool; move it to a top-level or member class")
        .inFile(f)
        .onLineContaining("String ping()");
  }

  @Test
  void rejectsToolInLocalClass() {
    JavaFileObject f =
        api(
            "class Api {",
            "  Object tools() {",
            "    class Local {",
            "      @dev.jspy.annotations.Tool String ping() { return \"pong\"; }",
            "    }",
            "    return new Local();",
            "  }",
            "}");
    assertThat(fails(f))
        .hadErrorContaining("@Tool method ping() is in a local class, which the generated <Class>Tools cannot name")
        .inFile(f)
        .onLineContaining("String ping()");
  }

  @Test
  void rejectsToolNameWithInvisibleCharacter() {
    JavaFileObject f = api("class Api {", "  @Tool(name = \"look\\u200bup\") String lookup() { return \"\"; }", "}");
    assertThat(fails(f))
        .hadErrorContaining("tool name 'look\u200bup' of @Tool method lookup() contains U+200B (ZERO WIDTH SPACE)")
        .inFile(f)
        .onLineContaining("String lookup()");
  }
}
