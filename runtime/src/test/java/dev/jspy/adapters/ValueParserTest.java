package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.signature.FieldType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DSPy's {@code tests/adapters/test_adapter_utils.py} parse_value cases that have a jspy type. */
class ValueParserTest {
  record Profile(String name, int age) {}

  private static final FieldType<Profile> PROFILE = FieldType.record(
      "Profile",
      List.of(FieldType.component("name", FieldType.STRING), FieldType.component("age", FieldType.INT)),
      v -> new Profile(v.get(0), v.get(1)),
      p -> new Object[] {p.name(), p.age()});

  /** test_parse_value_str_annotation */
  @Test
  void keepsTextForStringFields() {
    assertThat(ValueParser.parse(FieldType.STRING, "hello")).isEqualTo("hello");
    assertThat(ValueParser.parse(FieldType.STRING, "[1, 2, 3]")).isEqualTo("[1, 2, 3]");
  }

  /** test_parse_value_pydantic_types */
  @Test
  void parsesRecordsAndRejectsMissingComponents() {
    assertThat(ValueParser.parse(PROFILE, "{\"name\": \"John\", \"age\": 30}")).isEqualTo(new Profile("John", 30));
    assertThrows(IllegalArgumentException.class, () -> ValueParser.parse(PROFILE, "{\"name\": \"John\"}"));
  }

  /** test_parse_value_basic_types */
  @Test
  void parsesBasicTypes() {
    assertThat(ValueParser.parse(FieldType.INT, "42")).isEqualTo(42);
    assertThat(ValueParser.parse(FieldType.DOUBLE, "3.14")).isEqualTo(3.14);
    assertThat(ValueParser.parse(FieldType.BOOLEAN, "true")).isEqualTo(true);
    assertThat(ValueParser.parse(FieldType.BOOLEAN, "false")).isEqualTo(false);
    assertThat(ValueParser.parse(FieldType.list(FieldType.INT), "[1, 2, 3]")).isEqualTo(List.of(1, 2, 3));
  }

  /** test_parse_value_union */
  @Test
  void parsesOptionals() {
    FieldType<Optional<String>> optionalString = FieldType.optional(FieldType.STRING);
    assertThat(ValueParser.parse(optionalString, "test")).isEqualTo(Optional.of("test"));
    assertThat(ValueParser.parse(optionalString, "text with [placeholder]")).isEqualTo(Optional.of("text with [placeholder]"));
    assertThat(ValueParser.parse(FieldType.optional(FieldType.INT), "5")).isEqualTo(Optional.of(5));
  }

  /** test_parse_value_json_repair */
  @Test
  void parsesMapsFromJsonOrPythonAndRejectsProse() {
    FieldType<Map<String, String>> dict = FieldType.map(FieldType.STRING);
    assertThat(ValueParser.parse(dict, "{\"key\": \"value\"}")).isEqualTo(Map.of("key", "value"));
    assertThat(ValueParser.parse(dict, "{'key': 'value'}")).isEqualTo(Map.of("key", "value"));
    assertThrows(IllegalArgumentException.class, () -> ValueParser.parse(dict, "not json or literal"));
  }

  /**
   * parse_value for a Literal reads the raw text, never JSON: an exact value; else the text stripped of a
   * {@code Literal[...]} or {@code str[...]} wrapper and then of one pair of matching quotes (chat-parse-050..052,
   * chat-parse-edge-16 in the goldens). {@code Literal['x']} read as JSON would be the list {@code ['x']}.
   */
  @Test
  void literalStripsWrapperAndQuotesFromTheRawText() {
    FieldType<String> verdict = FieldType.literal(List.of("supported", "refuted", "it's", "say \"hi\""));

    assertThat(ValueParser.parse(verdict, "Literal['supported']")).isEqualTo("supported");
    assertThat(ValueParser.parse(verdict, "str['refuted']")).isEqualTo("refuted");
    assertThat(ValueParser.parse(verdict, "Literal[\"it's\"]")).isEqualTo("it's");
    assertThat(ValueParser.parse(verdict, "Literal['it's']")).isEqualTo("it's");
    assertThat(ValueParser.parse(verdict, "Literal['say \"hi\"']")).isEqualTo("say \"hi\"");
    assertThat(ValueParser.parse(verdict, "'refuted'")).isEqualTo("refuted");
    assertThat(ValueParser.parse(verdict, "\"supported\"")).isEqualTo("supported");
    assertThat(ValueParser.parse(verdict, "supported")).isEqualTo("supported");
  }

  /** DSPy compares Literal values case-sensitively, and strips one wrapper only: no JSON, no lists. */
  @Test
  void literalIsCaseSensitiveAndNotReadAsJson() {
    FieldType<String> verdict = FieldType.literal(List.of("supported", "refuted"));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ValueParser.parse(verdict, "Literal['Supported']"));
    assertThat(e).hasMessageThat().contains("is not one of [supported, refuted]");
    assertThrows(IllegalArgumentException.class, () -> ValueParser.parse(verdict, "SUPPORTED"));
    assertThrows(IllegalArgumentException.class, () -> ValueParser.parse(verdict, "['supported']"));
    assertThrows(IllegalArgumentException.class, () -> ValueParser.parse(verdict, "[\"supported\"]"));
    assertThrows(IllegalArgumentException.class, () -> ValueParser.parse(verdict, "Literal[Literal['supported']]"));
  }

  @Test
  void candidateTriesJsonThenEmbeddedJsonThenPythonThenRawText() {
    assertThat(ValueParser.candidate("\"4\"")).isEqualTo("4");
    assertThat(ValueParser.candidate("Answer: {'a': 1} done")).isEqualTo(Map.of("a", 1));
    assertThat(ValueParser.candidate("True")).isEqualTo(true);
    assertThat(ValueParser.candidate("None")).isNull();
    assertThat(ValueParser.candidate("just words")).isEqualTo("just words");
    assertThat(ValueParser.candidate("")).isEqualTo("");
  }
}
