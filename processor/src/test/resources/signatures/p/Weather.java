package p;

import dev.jspy.annotations.Arg;
import dev.jspy.annotations.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Weather data for the agent. */
class Weather {
  final List<String> notes = new ArrayList<>();

  /** Where a forecast is for. */
  record Place(String city, String country) {}

  /**
   * A day's forecast.
   *
   * @param day the day, from 0 for today
   * @param summary what to expect
   * @param high the highest temperature, in °C
   */
  record Day(int day, String summary, double high) {}

  /** Weather in a city. */
  @Tool
  String get_weather(@Arg(desc = "the city name") String city) {
    return "sunny in " + city;
  }

  /**
   * The forecast for the next days.
   *
   * @param place where
   * @param days how many days,
   *     at most 7
   */
  @Tool(name = "forecast")
  CompletableFuture<List<Day>> forecastAsync(Place place, int days) {
    return CompletableFuture.completedFuture(List.of(new Day(0, "sunny in " + place.city(), 20.0 + days)));
  }

  @Tool(desc = "Converts Celsius to Fahrenheit.")
  static double toFahrenheit(double celsius) {
    return celsius * 9 / 5 + 32;
  }

  /** Logs a note and returns nothing. */
  @Tool
  void note(String text) {
    notes.add(text);
  }

  /** Not a tool. */
  String helper() {
    return "";
  }
}
