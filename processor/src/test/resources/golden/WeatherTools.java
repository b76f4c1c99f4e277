package p;

import dev.jspy.Tool;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.Values;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The {@code @Tool} methods of {@link Weather} as tools an agent can call:
 * {@code new <Signature>ReAct(WeatherTools.of(target))}. Each tool has the method's name, description and
 * argument schema, written down by the annotation processor, and calls the method directly:
 * no reflection at run time.
 *
 * @see Weather
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public final class WeatherTools {
  /**
   * {@link Weather.Place}, a pydantic model named {@code Place} for the LM.
   */
  private static final FieldType<Weather.Place> PLACE_TYPE = FieldType.record(
      "Place",
      "Where a forecast is for.",
      List.of(
          FieldType.component("city", FieldType.STRING),
          FieldType.component("country", FieldType.STRING)),
      v -> new Weather.Place(v.get(0), v.get(1)),
      r -> new Object[] {r.city(), r.country()});

  /**
   * {@link Weather.Day}, a pydantic model named {@code Day} for the LM.
   */
  private static final FieldType<Weather.Day> DAY_TYPE = FieldType.record(
      "Day",
      "A day's forecast.",
      List.of(
          FieldType.component("day", FieldType.INT)
              .withDescription("the day, from 0 for today"),
          FieldType.component("summary", FieldType.STRING)
              .withDescription("what to expect"),
          FieldType.component("high", FieldType.DOUBLE)
              .withDescription("the highest temperature, in °C")),
      v -> new Weather.Day(v.get(0), v.get(1), v.get(2)),
      r -> new Object[] {r.day(), r.summary(), r.high()});

  private WeatherTools() {
  }

  /**
   * The tools, in declaration order: {@code get_weather}, {@code forecast}, {@code toFahrenheit}, {@code note}.
   *
   * @param target the object whose methods the tools call
   * @return a new list with one tool per {@code @Tool} method of {@link Weather}
   */
  public static List<Tool> of(Weather target) {
    Objects.requireNonNull(target, "target");
    return List.of(
        new Tool(
            "get_weather",
            "Weather in a city.",
            List.of(Tool.arg("city", FieldType.STRING, "the city name")),
            false,
            FieldType.STRING) {
          @Override
          protected Object invoke(Values a) throws Exception {
            return target.get_weather(a.get(0));
          }
        },
        new Tool(
            "forecast",
            "The forecast for the next days.",
            List.of(
                Tool.arg("place", PLACE_TYPE, "where"),
                Tool.arg("days", FieldType.INT, "how many days, at most 7")),
            true,
            FieldType.list(DAY_TYPE)) {
          @Override
          protected Object invoke(Values a) throws Exception {
            return target.forecastAsync(a.get(0), a.get(1));
          }
        },
        new Tool(
            "toFahrenheit",
            "Converts Celsius to Fahrenheit.",
            List.of(Tool.arg("celsius", FieldType.DOUBLE)),
            false,
            FieldType.DOUBLE) {
          @Override
          protected Object invoke(Values a) throws Exception {
            return Weather.toFahrenheit(a.get(0));
          }
        },
        new Tool(
            "note",
            "Logs a note and returns nothing.",
            List.of(Tool.arg("text", FieldType.STRING)),
            false,
            null) {
          @Override
          protected Object invoke(Values a) throws Exception {
            target.note(a.get(0));
            return null;
          }
        });
  }
}
