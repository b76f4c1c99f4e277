package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Field constraints ({@code @Ge}, {@code @Le}, ... on signature methods and record components) and records
 * as documented pydantic models (Javadoc as docstring, {@code @param} tags as field descriptions,
 * {@code @Default}): generated under javac and ECJ alike, and carried into the runtime types.
 */
class DocumentedRecordsTest {
  private static final String SOURCE =
      String.join(
          "\n",
          "package q;",
          "import dev.jspy.annotations.*;",
          "import java.util.List;",
          "import java.util.Optional;",
          "@Signature public interface ParseInvoice {",
          "  /**",
          "   * One line of an invoice.",
          "   *",
          "   * @param quantity units ordered",
          "   * @param sku the {@code SKU-} code",
          "   */",
          "  record LineItem(@Pattern(\"^SKU-\") String sku, @Ge(1) @Default(\"1\") int quantity,",
          "      @Gt(0) double unitPrice) {}",
          "  record Invoice(@MinLength(1) List<LineItem> items, @Default Optional<String> note,",
          "      @MaxLength(3) @Default(\"abc\") String code) {}",
          "  @Input String text();",
          "  @Output(desc = \"sentiment strength\") @Ge(0) @Le(1) double score();",
          "  @Output @Ge(-2) @MultipleOf(2) long even();",
          "  @Output Invoice invoice();",
          "}");

  @Test
  @SuppressWarnings("unchecked")
  void constraintsDocsAndDefaultsReachTheRuntimeTypes() throws Exception {
    Compilation compilation = TestCompiler.javac().compile(TestCompiler.source("q.ParseInvoice", SOURCE.split("\n")));
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = TestCompiler.load(compilation);
    SignatureSpec<?, ?> spec =
        (SignatureSpec<?, ?>) loader.loadClass("q.ParseInvoicePredict").getField("SPEC").get(null);

    FieldSpec score = spec.outputs().get(0);
    assertThat(dev.jspy.signature.Constraint.describe(score.constraints()))
        .isEqualTo("greater than or equal to: 0.0, less than or equal to: 1.0");
    assertThat(dev.jspy.signature.Constraint.describe(spec.outputs().get(1).constraints()))
        .isEqualTo("greater than or equal to: -2, a multiple of the given number: 2");
    assertThat(spec.inputs().get(0).constraints()).isEmpty();

    FieldType<?> invoice = spec.outputs().get(2).type();
    Map<String, Object> schema = invoice.jsonSchema();
    Map<String, Object> lineItem = (Map<String, Object>) ((Map<String, Object>) schema.get("$defs")).get("LineItem");
    assertThat(lineItem.get("description")).isEqualTo("One line of an invoice.");
    assertThat(lineItem.get("required")).isEqualTo(List.of("sku", "unitPrice"));
    Map<String, Object> props = (Map<String, Object>) lineItem.get("properties");
    assertThat(props.get("quantity"))
        .isEqualTo(Map.of("type", "integer", "default", 1, "description", "units ordered", "minimum", 1L, "title", "Quantity"));
    assertThat(((Map<String, Object>) props.get("sku")).get("description")).isEqualTo("the SKU- code");
    assertThat(((Map<String, Object>) props.get("sku")).get("pattern")).isEqualTo("^SKU-");
    assertThat(((Map<String, Object>) props.get("unitPrice")).get("exclusiveMinimum")).isEqualTo(0.0);
    Map<String, Object> invoiceProps = (Map<String, Object>) schema.get("properties");
    assertThat(((Map<String, Object>) invoiceProps.get("items")).get("minItems")).isEqualTo(1);
    assertThat(((Map<String, Object>) invoiceProps.get("note")).get("default")).isNull();
    assertThat(((Map<String, Object>) invoiceProps.get("note")).containsKey("default")).isTrue();
    assertThat(schema.get("required")).isEqualTo(List.of("items"));
    assertThat(schema.containsKey("description")).isFalse();

    // parsing: defaults fill what the reply leaves out; a broken constraint names the component and rule
    Object parsed = invoice.fromJson(Map.of("items", List.of(Map.of("sku", "SKU-1", "unitPrice", 2.5))));
    Map<String, Object> json = (Map<String, Object>) invoice.toJson(parsed);
    assertThat(json.get("note")).isNull();
    assertThat(json.get("code")).isEqualTo("abc");
    assertThat(((List<Map<String, Object>>) json.get("items")).get(0).get("quantity")).isEqualTo(1);
    IllegalArgumentException bad =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> invoice.fromJson(Map.of("items", List.of(Map.of("sku", "SKU-1", "quantity", 0, "unitPrice", 2.5)))));
    assertThat(bad.getMessage()).contains("LineItem.quantity: 0 breaks the constraint ge=1");
    assertThrows("items", () -> invoice.fromJson(Map.of("items", List.of())), "min_length=1");
    assertThrows(
        "code",
        () -> invoice.fromJson(Map.of("items", List.of(Map.of("sku", "SKU-1", "unitPrice", 1.0)), "code", "abcd")),
        "max_length=3");
    assertThrows(
        "sku", () -> invoice.fromJson(Map.of("items", List.of(Map.of("sku", "X-1", "unitPrice", 1.0)))), "pattern=^SKU-");
  }

  private static void assertThrows(String component, org.junit.jupiter.api.function.Executable call, String rule) {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, call);
    assertThat(e.getMessage()).contains(component);
    assertThat(e.getMessage()).contains(rule);
  }

  @Test
  void unchangedRecordsAndFieldsKeepTheShortGeneratedForm() {
    Compilation compilation = TestCompiler.javac().compile(TestCompiler.source("q.ParseInvoice", SOURCE.split("\n")));
    String generated = generated(compilation).get("q/ParseInvoicePredict.java");
    assertThat(generated).contains("new FieldSpec(\"text\", \"\", FieldType.STRING)");
    assertThat(generated).contains("Constraint.of(Constraint.Rule.GE, 0.0d), Constraint.of(Constraint.Rule.LE, 1.0d)");
    assertThat(generated).contains(".withDescription(\"units ordered\")");
    assertThat(generated).contains(".withDefault(java.util.Optional.empty())");
  }

  @Test
  void ecjGeneratesTheSameFilesAsJavac() {
    Ecj.Result ecj = Ecj.compile(Map.of("q/ParseInvoice.java", SOURCE));
    assertWithMessage(ecj.output()).that(ecj.success()).isTrue();
    Compilation javac = TestCompiler.javac().compile(TestCompiler.source("q.ParseInvoice", SOURCE.split("\n")));
    assertThat(javac).succeeded();
    assertThat(new TreeMap<>(ecj.generated())).isEqualTo(generated(javac));
  }

  @Test
  void constraintsAndDefaultsThatCannotBeHonouredAreCompileErrors() {
    JavaFileObject bad =
                TestCompiler.source(
                    "q.Bad",
                    "package q;",
                    "import dev.jspy.annotations.*;",
                    "@Signature public interface Bad {",
                    "  record R(@Default int n) {}",
                    "  record S(@Pattern(\"[a-\") String s) {}",
                    "  @Input String text();",
                    "  @Output @MinLength(1) int count();",
                    "  @Output @Ge(0) String word();",
                    "  @Output R r();",
                    "  @Output S s();",
                    "  @Output @MultipleOf(0) double m();",
                    "}");
    Compilation c = TestCompiler.javac().compile(bad);
    assertThat(c).hadErrorContaining("@MinLength on type 'int' for field 'count'");
    assertThat(c).hadErrorContaining("@MinLength on type 'int'").inFile(bad).onLineContaining("int count()");
    assertThat(c).hadErrorContaining("@Ge on type 'String' for field 'word'");
    assertThat(c).hadErrorContaining("@Ge on type 'String'").inFile(bad).onLineContaining("String word()");
    assertThat(c).hadErrorContaining("@Default without a value on type 'int' of component 'n' of record R");
    assertThat(c).hadErrorContaining("is not a regular expression").inFile(bad).onLineContaining("S s()");
    assertThat(c).hadErrorContaining("@MultipleOf(0.0) is not greater than zero");
  }

  private static Map<String, String> generated(Compilation compilation) {
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject f : compilation.generatedSourceFiles()) {
      try {
        files.put(f.getName().replaceFirst("^/SOURCE_OUTPUT/", ""), f.getCharContent(true).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }
}
