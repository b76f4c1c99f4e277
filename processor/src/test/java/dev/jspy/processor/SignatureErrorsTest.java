package dev.jspy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per rule: the error's text, and that it points at the right line. */
class SignatureErrorsTest {
  private static final String SUPPORTED =
      "supported: String, int, long, double, float, boolean (and boxes), enums, records, List<T>, Map<String, T>,"
          + " Optional<T>";

  /** {@code p.Qa} with imports of the annotations and java.util, then {@code lines}. */
  private static JavaFileObject qa(String... lines) {
    List<String> all = new ArrayList<>(List.of("package p;", "import dev.jspy.annotations.*;", "import java.util.*;"));
    all.addAll(List.of(lines));
    return TestCompiler.source("p.Qa", all.toArray(new String[0]));
  }

  /** Compiles and checks it failed. */
  private static Compilation fails(JavaFileObject... sources) {
    Compilation compilation = TestCompiler.compile(sources);
    assertThat(compilation).failed();
    return compilation;
  }

  // ---- the string form ----

  @Test
  void rejectsSignatureWithoutArrow() {
    JavaFileObject f = qa("@Signature(\"question answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("signature \"question answer\" has no '->'; write inputs -> outputs")
        .inFile(f)
        .onLineContaining("question answer");
  }

  @Test
  void rejectsSignatureWithTwoArrows() {
    JavaFileObject f = qa("@Signature(\"a -> b -> c\")", "interface Qa {}");
    assertThat(fails(f)).hadErrorContaining("has more than one '->'").inFile(f).onLineContaining("a -> b -> c");
  }

  @Test
  void rejectsEmptyInputSide() {
    JavaFileObject f = qa("@Signature(\" -> answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("signature \" -> answer\" has no input fields before '->'")
        .inFile(f)
        .onLineContaining("-> answer");
  }

  @Test
  void rejectsEmptyOutputSide() {
    JavaFileObject f = qa("@Signature(\"question ->\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("signature \"question ->\" has no output fields after '->'")
        .inFile(f)
        .onLineContaining("question ->");
  }

  @Test
  void rejectsEmptyFieldBetweenCommas() {
    JavaFileObject f = qa("@Signature(\"question,, context -> answer\")", "interface Qa {}");
    assertThat(fails(f)).hadErrorContaining("has an empty input field (two commas in a row?)").inFile(f).onLineContaining(",,");
  }

  @Test
  void rejectsFieldNameStartingWithDigit() {
    JavaFileObject f = qa("@Signature(\"1abc -> answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("'1abc' is not a valid field name in \"1abc -> answer\"; use letters, digits and '_'")
        .inFile(f)
        .onLineContaining("1abc");
  }

  @Test
  void rejectsFieldNameWithHyphen() {
    JavaFileObject f = qa("@Signature(\"question -> my-field\")", "interface Qa {}");
    assertThat(fails(f)).hadErrorContaining("'my-field' is not a valid field name").inFile(f).onLineContaining("my-field");
  }

  @Test
  void rejectsUnknownType() {
    JavaFileObject f = qa("@Signature(\"question, context: Lst<String> -> answer\")", "interface Qa {}");
    Compilation compilation = fails(f);
    assertThat(compilation)
        .hadErrorContaining(
            "unknown type 'Lst' for field 'context' in \"question, context: Lst<String> -> answer\"; ")
        .inFile(f)
        .onLineContaining("Lst<String>");
    assertThat(compilation).hadErrorContaining(SUPPORTED);
  }

  @Test
  void rejectsUnsupportedJdkType() {
    JavaFileObject f = qa("@Signature(\"tags: Set<String> -> answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("unsupported type 'Set<String>' for field 'tags' in \"tags: Set<String> -> answer\"; " + SUPPORTED)
        .inFile(f)
        .onLineContaining("Set<String>");
  }

  @Test
  void rejectsMapWithNonStringKeys() {
    JavaFileObject f = qa("@Signature(\"question -> counts: Map<Integer,String>\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("unsupported type 'Map<Integer,String>' for field 'counts'")
        .inFile(f)
        .onLineContaining("Map<Integer,String>");
    assertThat(fails(f)).hadErrorContaining("Map keys must be String");
  }

  @Test
  void rejectsObject() {
    JavaFileObject f = qa("@Signature(\"question -> answer: Object\")", "interface Qa {}");
    assertThat(fails(f)).hadErrorContaining("unsupported type 'Object' for field 'answer'").inFile(f).onLineContaining("Object");
  }

  @Test
  void rejectsListWithoutTypeArgument() {
    JavaFileObject f = qa("@Signature(\"items: List -> answer\")", "interface Qa {}");
    assertThat(fails(f)).hadErrorContaining("unsupported type 'List' for field 'items'").inFile(f).onLineContaining("items: List");
  }

  @Test
  void rejectsUnbalancedGenerics() {
    JavaFileObject f = qa("@Signature(\"question, context: List<String -> answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("cannot read type 'List<String' of field 'context'")
        .inFile(f)
        .onLineContaining("List<String ->");
    assertThat(fails(f)).hadErrorContaining("unbalanced '<', a '>' is missing");
  }

  @Test
  void rejectsTypeWithTrailingBracket() {
    JavaFileObject f = qa("@Signature(\"context: List<String>> -> answer\")", "interface Qa {}");
    assertThat(fails(f)).hadErrorContaining("unexpected '>'").inFile(f).onLineContaining("List<String>>");
  }

  @Test
  void rejectsColonWithoutType() {
    JavaFileObject f = qa("@Signature(\"question: -> answer\")", "interface Qa {}");
    assertThat(fails(f)).hadErrorContaining("field 'question' in \"question: -> answer\" has ':' but no type").inFile(f).onLineContaining("question:");
  }

  @Test
  void rejectsDuplicateFieldNames() {
    JavaFileObject f = qa("@Signature(\"question, question -> answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("duplicate input field 'question' in \"question, question -> answer\"; rename or remove one")
        .inFile(f)
        .onLineContaining("question, question");
  }

  @Test
  void rejectsFieldOnBothSides() {
    JavaFileObject f = qa("@Signature(\"question -> question\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("field 'question' is both an input and an output in \"question -> question\"")
        .inFile(f)
        .onLineContaining("question -> question");
  }

  @Test
  void rejectsJavaKeywordAsFieldName() {
    JavaFileObject f = qa("@Signature(\"class -> answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("field name 'class' in \"class -> answer\" is a Java keyword")
        .inFile(f)
        .onLineContaining("class -> answer");
  }

  @Test
  void rejectsFieldNameThatCannotBeARecordComponent() {
    JavaFileObject f = qa("@Signature(\"question -> hashCode\")", "interface Qa {}");
    assertThat(fails(f)).hadErrorContaining("field name 'hashCode'").inFile(f).onLineContaining("hashCode");
  }

  @Test
  void rejectsFieldNamedReasoning() {
    JavaFileObject f = qa("@Signature(\"question -> reasoning, answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining(
            "field name 'reasoning' in \"question -> reasoning, answer\" is taken: the generated ChainOfThought and"
                + " ReAct add their own 'reasoning' output")
        .inFile(f)
        .onLineContaining("question -> reasoning");
    assertThat(fails(f)).hadErrorContaining("rename the field (e.g. 'rationale')");
  }

  @Test
  void rejectsInputNamedReasoningInInterfaceForm() {
    JavaFileObject f =
        qa("@Signature", "interface Qa {", "  @Input String reasoning();", "  @Output String answer();", "}");
    assertThat(fails(f))
        .hadErrorContaining("field name 'reasoning' in Qa is taken")
        .inFile(f)
        .onLineContaining("String reasoning()");
  }

  @Test
  void rejectsFieldNamedTrajectory() {
    JavaFileObject f = qa("@Signature(\"question, trajectory -> answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining(
            "field name 'trajectory' in \"question, trajectory -> answer\" is taken: the generated ReAct adds a"
                + " 'trajectory' input")
        .inFile(f)
        .onLineContaining("question, trajectory");
  }

  @Test
  void rejectsOutputNamedTrajectoryInInterfaceForm() {
    JavaFileObject f =
        qa("@Signature", "interface Qa {", "  @Input String question();", "  @Output List<String> trajectory();", "}");
    assertThat(fails(f))
        .hadErrorContaining("field name 'trajectory' in Qa is taken")
        .inFile(f)
        .onLineContaining("trajectory()");
  }

  @Test
  void reportsEveryErrorOfASignatureAtOnce() {
    JavaFileObject f = qa("@Signature(\"1abc, x: Lst, y: Set<String> -> my-field, class\")", "interface Qa {}");
    Compilation compilation = fails(f);
    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation).hadErrorContaining("'1abc' is not a valid field name");
    assertThat(compilation).hadErrorContaining("unknown type 'Lst' for field 'x'");
    assertThat(compilation).hadErrorContaining("unsupported type 'Set<String>' for field 'y'");
    assertThat(compilation).hadErrorContaining("'my-field' is not a valid field name");
    assertThat(compilation).hadErrorContaining("field name 'class'");
  }

  // ---- where @Signature goes ----

  @Test
  void rejectsSignatureOnClass() {
    JavaFileObject f = qa("@Signature(\"question -> answer\")", "class Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("@Signature goes on an interface, but Qa is a class; declare it as 'interface Qa {}'")
        .inFile(f)
        .onLineContaining("@Signature");
  }

  @Test
  void rejectsSignatureOnEnum() {
    JavaFileObject f = qa("@Signature(\"question -> answer\")", "enum Qa { A }");
    assertThat(fails(f)).hadErrorContaining("but Qa is an enum").inFile(f).onLineContaining("@Signature");
  }

  @Test
  void rejectsGenericInterface() {
    JavaFileObject f = qa("@Signature(\"question -> answer\")", "interface Qa<T> {}");
    assertThat(fails(f))
        .hadErrorContaining("@Signature interface Qa cannot have type parameters")
        .inFile(f)
        .onLineContaining("@Signature");
  }

  @Test
  void rejectsPrivateNestedInterface() {
    JavaFileObject f = qa("class Outer {", "  @Signature(\"question -> answer\")", "  private interface Qa {}", "}");
    assertThat(fails(f)).hadErrorContaining("@Signature interface Qa must not be private").inFile(f).onLineContaining("@Signature");
  }

  @Test
  void rejectsBothForms() {
    JavaFileObject f = qa("@Signature(\"question -> answer\")", "interface Qa {", "  @Output String answer();", "}");
    assertThat(fails(f))
        .hadErrorContaining("@Signature on Qa has both a signature string and @Input/@Output methods; use one form")
        .inFile(f)
        .onLineContaining("question -> answer");
  }

  @Test
  void rejectsInterfaceFormWithoutFields() {
    JavaFileObject f = qa("@Signature", "interface Qa {", "  String answer();", "}");
    assertThat(fails(f))
        .hadErrorContaining("Qa declares no fields: write the string form")
        .inFile(f)
        .onLineContaining("@Signature");
  }

  @Test
  void rejectsInterfaceFormWithoutOutputs() {
    JavaFileObject f = qa("@Signature", "interface Qa {", "  @Input String question();", "}");
    assertThat(fails(f))
        .hadErrorContaining("Qa has no @Output method; a signature needs at least one output")
        .inFile(f)
        .onLineContaining("@Signature");
  }

  @Test
  void rejectsExistingTypeWithGeneratedName() {
    JavaFileObject f = qa("@Signature(\"question -> answer\")", "interface Qa {}");
    JavaFileObject existing = TestCompiler.source("p.QaPredict", "package p;", "class QaPredict {}");
    assertThat(fails(f, existing))
        .hadErrorContaining(
            "jspy generates QaPredict for signature Qa, but a type p.QaPredict already exists; rename that type or"
                + " the interface")
        .inFile(f)
        .onLineContaining("@Signature");
  }

  @Test
  void rejectsTwoSignaturesGeneratingTheSameNames() {
    JavaFileObject f =
        qa(
            "class A { @Signature(\"question -> answer\") interface Qa {} }",
            "class B {",
            "  @Signature(\"question -> answer\")",
            "  interface Qa {}",
            "}");
    Compilation compilation = TestCompiler.compile(f);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("jspy generates QaInput for signature Qa, but it is already generated for signature p.A.Qa")
        .inFile(f)
        .onLineContaining("  @Signature");
  }

  // ---- the interface form ----

  @Test
  void rejectsFieldMethodWithParameters() {
    JavaFileObject f = qa("@Signature", "interface Qa {", "  @Input String question(int n);", "  @Output String answer();", "}");
    assertThat(fails(f))
        .hadErrorContaining("@Input method question() must take no parameters")
        .inFile(f)
        .onLineContaining("question(int n)");
  }

  @Test
  void rejectsVoidFieldMethod() {
    JavaFileObject f = qa("@Signature", "interface Qa {", "  @Input String question();", "  @Output void answer();", "}");
    assertThat(fails(f))
        .hadErrorContaining("@Output method answer() returns void; its return type is the field's type")
        .inFile(f)
        .onLineContaining("void answer()");
  }

  @Test
  void rejectsMethodWithBothAnnotations() {
    JavaFileObject f = qa("@Signature", "interface Qa {", "  @Input @Output String question();", "  @Output String answer();", "}");
    assertThat(fails(f))
        .hadErrorContaining("method question() has both @Input and @Output")
        .inFile(f)
        .onLineContaining("String question()");
  }

  @Test
  void rejectsDefaultFieldMethod() {
    JavaFileObject f =
        qa("@Signature", "interface Qa {", "  @Input default String question() { return \"\"; }", "  @Output String answer();", "}");
    assertThat(fails(f)).hadErrorContaining("@Input method question() must be abstract").inFile(f).onLineContaining("default String");
  }

  @Test
  void rejectsUnsupportedReturnType() {
    JavaFileObject f = qa("@Signature", "interface Qa {", "  @Input String question();", "  @Output Set<String> tags();", "}");
    assertThat(fails(f))
        .hadErrorContaining("unsupported type 'Set<String>' for field 'tags' (method tags() of Qa); " + SUPPORTED)
        .inFile(f)
        .onLineContaining("Set<String> tags()");
  }

  @Test
  void rejectsArrayReturnType() {
    JavaFileObject f = qa("@Signature", "interface Qa {", "  @Input String[] question();", "  @Output String answer();", "}");
    assertThat(fails(f)).hadErrorContaining("unsupported type 'String[]' for field 'question'").inFile(f).onLineContaining("String[]");
  }

  @Test
  void rejectsRecordWithUnsupportedComponent() {
    JavaFileObject f =
        qa("@Signature(\"question -> answer: Box\")", "interface Qa {", "  record Box(Object content) {}", "}");
    assertThat(fails(f))
        .hadErrorContaining("unsupported type 'Object' of component 'content' of record Box for field 'answer'")
        .inFile(f)
        .onLineContaining("answer: Box");
  }

  @Test
  void rejectsRecordThatContainsItself() {
    JavaFileObject f =
        qa("@Signature", "interface Qa {", "  @Input String question();", "  @Output Node tree();", "  record Node(String name, List<Node> children) {}", "}");
    assertThat(fails(f)).hadErrorContaining("record 'Node' contains itself").inFile(f).onLineContaining("Node tree()");
  }

  @Test
  void rejectsPrivateEnum() {
    JavaFileObject f =
        qa("class Holder { private enum Mood { HAPPY } ", "  @Signature(\"question -> mood: Mood\") interface Qa {}", "}");
    assertThat(fails(f)).hadErrorContaining("type 'Mood' is private").inFile(f).onLineContaining("mood: Mood");
  }

  @Test
  void rejectsFieldAnnotationOutsideSignature() {
    JavaFileObject f = qa("interface Qa {", "  @Output String answer();", "}");
    assertThat(TestCompiler.compile(f))
        .hadErrorContaining("@Output only declares a field inside a @Signature interface, but Qa has no @Signature")
        .inFile(f)
        .onLineContaining("@Output String answer()");
  }

  @Test
  void reportsMissingTypeInInterfaceFormOnlyAfterTheLastRound() {
    JavaFileObject f = qa("@Signature", "interface Qa {", "  @Input String question();", "  @Output Missing answer();", "}");
    Compilation compilation = fails(f);
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(compilation)
        .hadErrorContaining("type 'Missing' cannot be found for field 'answer'")
        .inFile(f)
        .onLineContaining("Missing answer()");
  }

  // ---- names DSPy's field headers can carry ----

  @Test
  void rejectsInvisibleCharacterInFieldName() {
    // A zero-width space: 'q\u200bx' looks like 'qx' but is another name.
    JavaFileObject f = qa("@Signature(\"q\\u200bx, qx -> answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("field name 'q\u200bx' in \"q\u200bx, qx -> answer\" contains U+200B (ZERO WIDTH SPACE)")
        .inFile(f)
        .onLineContaining("qx -> answer");
  }

  @Test
  void rejectsNulInFieldName() {
    JavaFileObject f = qa("@Signature(\"question -> an\\u0000swer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("contains U+0000 (NULL)")
        .inFile(f)
        .onLineContaining("question -> an");
  }

  @Test
  void rejectsDollarInOutputNameInInterfaceForm() {
    JavaFileObject f =
        qa("@Signature", "interface Qa {", "  @Input String question();", "  @Output String an$wer();", "}");
    assertThat(fails(f))
        .hadErrorContaining(
            "field name 'an$wer' in Qa contains U+0024 (DOLLAR SIGN), which DSPy's field headers ([[ ## name ## ]],"
                + " Python's \\w) cannot carry; use only letters, digits and '_'")
        .inFile(f)
        .onLineContaining("an$wer()");
  }

  // ---- names the generated modules add ----

  @Test
  void rejectsInputsNamedLikeReActsOwnOutputs() {
    JavaFileObject f = qa("@Signature(\"next_thought, next_tool_name, next_tool_args -> answer\")", "interface Qa {}");
    Compilation compilation = fails(f);
    for (String name : List.of("next_thought", "next_tool_name", "next_tool_args")) {
      assertThat(compilation)
          .hadErrorContaining(
              "input field name '" + name + "' in \"next_thought, next_tool_name, next_tool_args -> answer\" is taken:"
                  + " the generated ReAct's step predictor outputs its own '" + name + "'")
          .inFile(f)
          .onLineContaining("next_thought, next_tool_name");
    }
  }

  // ---- what a JVM method can take ----

  private static String fields(String prefix, String type, int count) {
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      fields.add(prefix + i + (type == null ? "" : ": " + type));
    }
    return String.join(", ", fields);
  }

  @Test
  void rejectsMoreInputsThanAMethodTakes() {
    JavaFileObject f = qa("@Signature(\"" + fields("in", null, 255) + " -> answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining(
            "Qa's 255 input fields take 255 parameter slots, but the generated QaInput constructor and forward(...)"
                + " can take at most 254 (the JVM allows 255, one is 'this'; long and double take two)")
        .inFile(f)
        .onLineContaining("in254");
  }

  @Test
  void rejectsMoreDoubleInputsThanAMethodTakes() {
    JavaFileObject f = qa("@Signature(\"" + fields("x", "double", 128) + " -> answer\")", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining("Qa's 128 input fields take 256 parameter slots")
        .inFile(f)
        .onLineContaining("x127");
  }

  @Test
  void rejectsMoreOutputsThanReActsResultTakes() {
    JavaFileObject f =
        qa("@Signature(value = \"question -> " + fields("out", null, 253) + "\", react = true)", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining(
            "Qa's 253 output fields take 253 parameter slots, but the generated QaReActOutput constructor, which adds"
                + " 'trajectory' and 'reasoning', can take at most 252 of them")
        .inFile(f)
        .onLineContaining("out252");
  }

  @Test
  void rejectsMoreOutputsThanChainOfThoughtsResultTakes() {
    JavaFileObject f =
        qa("@Signature(value = \"question -> " + fields("out", null, 254) + "\", chainOfThought = true)", "interface Qa {}");
    assertThat(fails(f))
        .hadErrorContaining(
            "Qa's 254 output fields take 254 parameter slots, but the generated QaChainOfThoughtOutput constructor,"
                + " which adds 'reasoning', can take at most 253 of them")
        .inFile(f)
        .onLineContaining("out253");
  }

  // ---- how deep a type nests ----

  @Test
  void rejectsTypeNestedTooDeepInStringForm() {
    String deep = "List<".repeat(300) + "String" + ">".repeat(300);
    JavaFileObject f = qa("@Signature(\"question -> answer: " + deep + "\")", "interface Qa {}");
    Compilation compilation = fails(f);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("\" nests more than 32 levels deep; use a record to group the inner levels")
        .inFile(f)
        .onLineContaining("question -> answer: List<List<");
    assertThat(compilation).hadErrorContaining("type of field 'answer' in \"question -> answer: List<List<");
  }

  @Test
  void rejectsTypeNestedTooDeepInInterfaceForm() {
    String deep = "Optional<".repeat(40) + "String" + ">".repeat(40);
    JavaFileObject f =
        qa("@Signature", "interface Qa {", "  @Input String question();", "  @Output " + deep + " answer();", "}");
    assertThat(fails(f))
        .hadErrorContaining("nests more than 32 levels deep")
        .inFile(f)
        .onLineContaining("answer();");
  }
}
