package dev.jspy.it;

import dev.jspy.annotations.EnumValue;
import dev.jspy.signature.FieldType;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The Python enums the goldens use, ported as a Java user would: one constant per member, named as the
 * member, with {@link EnumValue} where the member's value differs from its name ({@code Color.RED = "red"}
 * is {@code @EnumValue("red") RED}). {@link #type} builds the runtime type as the processor generates it
 * for such an enum: {@code FieldType.enumOf("Color", Color.values(), List.of("red", "green", "blue"))}.
 */
final class GoldenEnums {
  private GoldenEnums() {}

  /** {@code class Sentiment(Enum)}: values equal to the names. */
  enum Sentiment {
    POSITIVE,
    NEGATIVE,
    NEUTRAL
  }

  /** {@code class Color(Enum)}: {@code RED = "red"}, {@code GREEN = "green"}, {@code BLUE = "blue"}. */
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN,
    @EnumValue("blue")
    BLUE
  }

  static FieldType<?> type(String name) {
    switch (name) {
      case "Sentiment":
        return FieldType.enumOf("Sentiment", Sentiment.values());
      case "Color":
        return FieldType.enumOf("Color", Color.values(), List.of("red", "green", "blue"));
      default:
        throw new IllegalArgumentException("no Java enum for golden enum " + name);
    }
  }

  /** The constant for a golden enum value (DSPy dumps a member as its value), or the value itself if none. */
  static Object byValue(String name, JsonNode members, Object value) {
    for (JsonNode m : members) {
      if (m.path("value").stringValue().equals(value)) {
        String member = m.path("name").stringValue();
        return name.equals("Color") ? Color.valueOf(member) : Sentiment.valueOf(member);
      }
    }
    return value;
  }

  /** The golden value of a constant: its member's {@code value}. */
  static Object valueOf(JsonNode members, Enum<?> constant) {
    for (JsonNode m : members) {
      if (m.path("name").stringValue().equals(constant.name())) {
        return m.path("value").stringValue();
      }
    }
    return constant.name();
  }
}
