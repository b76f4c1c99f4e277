package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.jspy.Jspy;
import dev.jspy.Tool;
import dev.jspy.ToolException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Loads the {@code <Class>Tools} generated for the samples and runs their tools as the runtime (ReAct) would:
 * name, description, argument schema, async flag, and calls that reach the annotated methods. Reflection is
 * for this test only; generated code uses none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedToolsTest {
  private ClassLoader loader;

  @BeforeAll
  void compileAndLoad() {
    Compilation compilation =
        TestCompiler.javac()
            .compile(
                TestCompiler.sample("p/Weather.java"),
                TestCompiler.sample("p/Toolbox.java"),
                TestCompiler.sample("p/Priority.java"),
                // Instances of the package-private sample classes, for the test to hand to of(target).
                TestCompiler.source(
                    "p.Targets",
                    "package p;",
                    "import java.util.List;",
                    "import java.util.concurrent.CompletableFuture;",
                    "final class Targets {",
                    "  static Weather weather() { return new Weather(); }",
                    "  static Toolbox.Catalog catalog() { return new Toolbox.Catalog(List.of(\"apple\", \"banana\", \"cherry\")); }",
                    "  static Toolbox.Shelf shelf() {",
                    "    return (title, priority) -> CompletableFuture.completedStage(priority == Priority.HIGH);",
                    "  }",
                    "  static Toolbox.Box<String> box() { return new Toolbox.Box<>(\"cat\"); }",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
    loader = TestCompiler.load(compilation);
  }

  /** {@code <Class>Tools.of(Targets.<target>())}, or {@code of()} when {@code target} is null. */
  @SuppressWarnings("unchecked")
  private List<Tool> tools(String toolsClass, String target) throws Exception {
    Class<?> tools = loader.loadClass("p." + toolsClass);
    if (target == null) {
      return (List<Tool>) tools.getMethod("of").invoke(null);
    }
    Method factory = loader.loadClass("p.Targets").getDeclaredMethod(target);
    factory.setAccessible(true);
    Object instance = factory.invoke(null);
    Method of = tools.getMethod("of", factory.getReturnType());
    return (List<Tool>) of.invoke(null, instance);
  }

  private static Tool named(List<Tool> tools, String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void toolsComeInDeclarationOrderWithNamesFromTheMethodOrTheAnnotation() throws Exception {
    List<Tool> tools = tools("WeatherTools", "weather");
    assertThat(tools.stream().map(Tool::name).toList())
        .containsExactly("get_weather", "forecast", "toFahrenheit", "note")
        .inOrder();
  }

  @Test
  void syncToolDescribesItselfFromJavadocAndArgAndRunsTheMethod() throws Exception {
    Tool weather = named(tools("WeatherTools", "weather"), "get_weather");
    assertThat(weather.desc()).isEqualTo("Weather in a city.");
    assertThat(weather.argsSchema()).isEqualTo(Map.of("city", Map.of("type", "string", "description", "the city name")));
    assertThat(weather.isAsync()).isFalse();
    assertThat(weather.call(Map.of("city", "Paris"))).isEqualTo("sunny in Paris");
  }

  @Test
  void asyncToolTakesARecordAndReturnsRecordsAsJson() throws Exception {
    Tool forecast = named(tools("WeatherTools", "weather"), "forecast");
    assertThat(forecast.isAsync()).isTrue();
    assertThat(forecast.desc()).isEqualTo("The forecast for the next days.");
    // Javadoc @param text, continuation lines joined
    assertThat(forecast.argsSchema().get("days")).isEqualTo(Map.of("type", "integer", "description", "how many days, at most 7"));
    @SuppressWarnings("unchecked")
    Map<String, Object> place = (Map<String, Object>) forecast.argsSchema().get("place");
    assertThat(place).containsEntry("title", "Place");
    assertThat(place).containsEntry("description", "where");
    assertThat(((Map<?, ?>) place.get("properties")).keySet()).containsExactly("city", "country").inOrder();

    Object result = forecast.acall(Map.of("place", Map.of("city", "Paris", "country", "FR"), "days", 3)).join();
    assertThat(((List<?>) result).get(0).getClass().getName()).isEqualTo("p.Weather$Day");
    assertThat(forecast.observation(result))
        .isEqualTo(List.of(Map.of("day", 0, "summary", "sunny in Paris", "high", 23.0)));
  }

  @Test
  void asyncToolRefusesASyncCallUnlessConversionIsOn() throws Exception {
    Tool forecast = named(tools("WeatherTools", "weather"), "forecast");
    Map<String, Object> args = Map.of("place", Map.of("city", "Oslo", "country", "NO"), "days", 1);
    ToolException e = assertThrows(ToolException.class, () -> forecast.call(args));
    assertThat(e).hasMessageThat().contains("this tool is async");
    try (var scope = Jspy.context(s -> s.allowToolAsyncSyncConversion(true))) {
      assertThat(forecast.call(args)).isInstanceOf(List.class);
    }
  }

  @Test
  void staticAndVoidToolsRun() throws Exception {
    List<Tool> tools = tools("WeatherTools", "weather");
    Tool fahrenheit = named(tools, "toFahrenheit");
    assertThat(fahrenheit.desc()).isEqualTo("Converts Celsius to Fahrenheit.");
    assertThat(fahrenheit.argsSchema()).isEqualTo(Map.of("celsius", Map.of("type", "number")));
    assertThat(fahrenheit.call(Map.of("celsius", 100))).isEqualTo(212.0);
    Tool note = named(tools, "note");
    assertThat(note.call(Map.of("text", "hello"))).isNull();
    assertThat(note.observation(null)).isNull();
  }

  @Test
  void classWithOnlyStaticToolsGetsOfWithoutTarget() throws Exception {
    Tool now = named(tools("ClockTools", null), "now");
    assertThat(now.call(Map.of("zone", "Europe/Paris"))).isEqualTo("12:00 Europe/Paris");
    assertThat(now.argsSchema().get("zone")).isEqualTo(Map.of("type", "string", "description", "an IANA zone, e.g. Europe/Paris"));
  }

  @Test
  void overloadedMethodsEachReachTheirOwnOverload() throws Exception {
    List<Tool> tools = tools("CatalogTools", "catalog");
    assertThat(named(tools, "count_word").call(Map.of("word", "an"))).isEqualTo(1);
    assertThat(named(tools, "count_times").call(Map.of("times", 2))).isEqualTo(6L);
  }

  @Test
  void optionalArgumentMayBeLeftOut() throws Exception {
    Tool search = named(tools("CatalogTools", "catalog"), "search");
    assertThat(search.call(Map.of("word", "e"))).isEqualTo(List.of("apple", "cherry"));
    assertThat(search.call(Map.of("word", "e", "limit", 1))).isEqualTo(List.of("apple"));
  }

  @Test
  void completionStageIsAnAsyncToolAndDefaultMethodsWork() throws Exception {
    List<Tool> tools = tools("ShelfTools", "shelf");
    Tool lend = named(tools, "lend");
    assertThat(lend.isAsync()).isTrue();
    assertThat(lend.acall(Map.of("title", "Dune", "priority", "HIGH")).join()).isEqualTo(true);
    assertThat(lend.argsSchema().get("priority")).isEqualTo(Map.of("enum", List.of("LOW", "HIGH"), "title", "Priority", "type", "string"));
    assertThat(named(tools, "stock").call(Map.of())).isEqualTo(Map.of("Dune", 2));
  }

  @Test
  void genericClassToolsTakeAnyInstance() throws Exception {
    List<Tool> tools = tools("BoxTools", "box");
    assertThat(named(tools, "describe").call(Map.of("id", 7, "loud", true))).isEqualTo("BOX 7 HOLDS CAT");
    Tool unwrap = named(tools, "unwrap");
    // A type jspy cannot describe is shown to the LM as it prints.
    assertThat(unwrap.observation(unwrap.call(Map.of()))).isEqualTo("cat");
    assertThat(named(tools, "open").acall(Map.of()).join()).isEqualTo("cat");
  }

  @Test
  void badArgumentsFailAsToolExceptions() throws Exception {
    Tool weather = named(tools("WeatherTools", "weather"), "get_weather");
    assertThat(assertThrows(ToolException.class, () -> weather.call(Map.of("town", "Paris"))))
        .hasMessageThat()
        .contains("town");
  }

  @Test
  void ofRejectsANullTarget() throws Exception {
    Class<?> weather = loader.loadClass("p.Weather");
    Method of = loader.loadClass("p.WeatherTools").getMethod("of", weather);
    InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> of.invoke(null, (Object) null));
    assertThat(e).hasCauseThat().isInstanceOf(NullPointerException.class);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("target");
  }
}
