package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/** The LM sits under the runtime: it depends on neither the cache nor the settings above it. */
class LMPackageDependenciesTest {
  @Test
  void theLmPackageDependsOnNeitherTheCacheNorTheRootPackage() throws Exception {
    Path classes = Path.of(LM.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none",
        classes.toString());
    assertThat(status).isEqualTo(0);
    List<String> wrong = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      // "   dev.jspy.lm.OpenAiLM    -> dev.jspy.cache.LMCache    classes"
      String[] parts = line.trim().split("\\s+");
      if (parts.length < 3 || !parts[1].equals("->") || !parts[0].startsWith("dev.jspy.lm.")) {
        continue;
      }
      String target = parts[2];
      String pkg = target.substring(0, Math.max(0, target.lastIndexOf('.')));
      if (pkg.equals("dev.jspy") || pkg.startsWith("dev.jspy.cache")) {
        wrong.add(parts[0] + " -> " + target);
      }
    }
    assertThat(wrong).isEmpty();
  }
}
