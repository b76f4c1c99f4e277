package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.processor.SignatureParser.ParsedField;
import dev.jspy.processor.SignatureParser.Result;
import dev.jspy.processor.SignatureParser.TypeExpr;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureParserTest {

  @Test
  void untypedFieldsHaveNoType() {
    Result r = SignatureParser.parse("question, context -> answer");
    assertThat(r.errors()).isEmpty();
    assertThat(r.inputs()).containsExactly(new ParsedField("question", null), new ParsedField("context", null)).inOrder();
    assertThat(r.outputs()).containsExactly(new ParsedField("answer", null));
  }

  @Test
  void readsNestedTypeArgumentsAndKeepsTheWrittenText() {
    Result r = SignatureParser.parse("m: Map<String, List<Foo.Bar>> -> a: int");
    assertThat(r.errors()).isEmpty();
    TypeExpr m = r.inputs().get(0).type();
    assertThat(m.name()).isEqualTo("Map");
    assertThat(m.text()).isEqualTo("Map<String, List<Foo.Bar>>");
    assertThat(m.args().get(1).args().get(0).name()).isEqualTo("Foo.Bar");
    assertThat(r.outputs().get(0).type()).isEqualTo(new TypeExpr("int", List.of(), "int"));
  }

  @Test
  void readsPythonBrackets() {
    Result r = SignatureParser.parse("xs: list[str] -> d: dict[str, int]");
    assertThat(r.errors()).isEmpty();
    assertThat(r.inputs().get(0).type().args().get(0).name()).isEqualTo("str");
    assertThat(r.outputs().get(0).type().args()).hasSize(2);
  }

  @Test
  void keepsNamesExactlyAsWritten() {
    Result r = SignatureParser.parse("  simplified_answer ,q2->  out_1 ");
    assertThat(r.errors()).isEmpty();
    assertThat(r.inputs().stream().map(ParsedField::name).toList()).containsExactly("simplified_answer", "q2").inOrder();
    assertThat(r.outputs().get(0).name()).isEqualTo("out_1");
  }

  @Test
  void reportsMismatchedBrackets() {
    assertThat(SignatureParser.parse("x: List<String] -> y").errors().get(0)).contains("expected ',' or '>' but found ']'");
    assertThat(SignatureParser.parse("x: List<> -> y").errors().get(0)).contains("expected a type name but found '>'");
    assertThat(SignatureParser.parse("x: List<String, -> y").errors().get(0)).contains("a type name is missing at the end");
  }
}
