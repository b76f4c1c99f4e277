package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.jspy.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code @Arg(defaultValue)}: parsed by the parameter's type, shown in the schema, used when left out. */
class ArgDefaultsTest {
  private static Compilation compile(String... toolLines) {
    String[] lines = new String[toolLines.length + 8];
    lines[0] = "package q;";
    lines[1] = "import dev.jspy.annotations.Arg;";
    lines[2] = "import dev.jspy.annotations.EnumValue;";
    lines[3] = "import dev.jspy.annotations.Tool;";
    lines[4] = "public class Forecaster {";
    lines[5] = "  public enum Unit { @EnumValue(\"celsius\") C, F }";
    System.arraycopy(toolLines, 0, lines, 6, toolLines.length);
    lines[toolLines.length + 6] = "  public static Forecaster make() { return new Forecaster(); }";
    lines[toolLines.length + 7] = "}";
    return TestCompiler.javac().compile(TestCompiler.source("q.Forecaster", lines));
  }

  @Test
  @SuppressWarnings("unchecked")
  void defaultsAreTypedShownAndUsed() throws Exception {
    Compilation compilation =
        compile(
            "  /** Get the weather forecast for a city. */",
            "  @Tool public String get_weather(String city, @Arg(defaultValue = \"1\") int days,",
            "      @Arg(desc = \"unit\", defaultValue = \"celsius\") Unit unit, @Arg(defaultValue = \"0.5\") double p,",
            "      @Arg(defaultValue = \"it's\") String note, @Arg(defaultValue = \"F\") Unit unit2, ",
            "      @Arg(defaultValue = \"true\") boolean b, @Arg(defaultValue = \"7\") Long big) {",
            "    return city + days + unit + p + note + unit2 + b + big;",
            "  }");
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = TestCompiler.load(compilation);
    Object target = loader.loadClass("q.Forecaster").getMethod("make").invoke(null);
    Class<?> toolsClass = loader.loadClass("q.ForecasterTools");
    List<Tool> tools = (List<Tool>) toolsClass.getMethod("of", target.getClass()).invoke(null, target);
    Tool t = tools.get(0);
    assertThat(t.argsSchema().get("city")).isEqualTo(Map.of("type", "string"));
    assertThat(((Map<String, Object>) t.argsSchema().get("days")).get("default")).isEqualTo(1);
    Map<String, Object> unit = (Map<String, Object>) t.argsSchema().get("unit");
    assertThat(List.copyOf(unit.keySet())).containsExactly("enum", "title", "type", "default", "description").inOrder();
    assertThat(unit.get("default")).isEqualTo("celsius");
    assertThat(t.call(Map.of("city", "Oslo"))).isEqualTo("Oslo1C0.5it'sFtrue7");
    assertThat(t.call(Map.of("city", "Oslo", "days", 3, "unit", "F"))).isEqualTo("Oslo3F0.5it'sFtrue7");
  }

  @Test
  void aDefaultThatDoesNotFitItsTypeIsACompileError() {
    Compilation compilation =
        compile(
            "  @Tool public String a(@Arg(defaultValue = \"one\") int days) { return \"\"; }",
            "  @Tool public String b(@Arg(defaultValue = \"kelvin\") Unit unit) { return \"\"; }",
            "  @Tool public String c(@Arg(defaultValue = \"yes\") boolean flag) { return \"\"; }",
            "  @Tool public String d(@Arg(defaultValue = \"x\") java.util.List<String> xs) { return \"\"; }");
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("defaultValue \"one\" of parameter 'days' of @Tool method a() is not a finite int number");
    assertThat(compilation)
        .hadErrorContaining(
            "defaultValue \"kelvin\" of parameter 'unit' of @Tool method b() is not a constant of Forecaster.Unit;"
                + " write one of [celsius, F]");
    assertThat(compilation)
        .hadErrorContaining("defaultValue \"yes\" of parameter 'flag' of @Tool method c() is not a boolean");
    assertThat(compilation)
        .hadErrorContaining("defaultValue \"x\" of parameter 'xs' of @Tool method d() cannot be used");
  }
}
