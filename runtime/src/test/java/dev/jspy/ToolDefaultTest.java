package dev.jspy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.signature.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tool arguments with defaults, as DSPy's {@code def get_weather(city: str, days: int = 1)}. */
class ToolDefaultTest {
  private static Tool weather() {
    return Tool.of(
        "get_weather",
        "Get the weather forecast for a city.",
        List.of(Tool.arg("city", FieldType.STRING), Tool.arg("days", FieldType.LONG, "how many days").withDefault(1)),
        a -> a.get(0) + " for " + a.get(1) + " " + a.get(1).getClass().getSimpleName());
  }

  @Test
  @SuppressWarnings("unchecked")
  void defaultIsInTheSchemaAfterTheTypeAndBeforeTheDescription() {
    Map<String, Object> days = (Map<String, Object>) weather().argsSchema().get("days");
    assertEquals(List.of("type", "default", "description"), List.copyOf(days.keySet()));
    assertEquals(1L, days.get("default"));
    assertEquals(Map.of("type", "string"), weather().argsSchema().get("city"));
  }

  @Test
  void aCallThatLeavesTheArgumentOutGetsTheDefault() {
    assertEquals("Paris for 1 Long", weather().call(Map.of("city", "Paris")));
    assertEquals("Paris for 3 Long", weather().call(Map.of("city", "Paris", "days", 3)));
    ToolException missing = assertThrows(ToolException.class, () -> weather().call(Map.of("days", 3)));
    assertEquals(true, missing.getMessage().contains("missing argument 'city'"), missing.getMessage());
  }

  @Test
  void aDefaultOfAnotherTypeIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Tool.arg("days", FieldType.LONG).withDefault("one"));
    assertEquals(true, e.getMessage().contains("default one of argument 'days' is not a int"), e.getMessage());
  }
}
