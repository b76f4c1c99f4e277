package dev.jspy.it;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code jspy-bom} lists exactly the published artifacts: the modules that ship a Javadoc jar. A module added
 * later and forgotten in the BOM fails here, not in a user's build.
 */
class BomTest {
  private static final Pattern ARTIFACT = Pattern.compile("<artifactId>(jspy-[\\w-]+)</artifactId>");

  @Test
  void listsEveryPublishedModuleAndNothingElse() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Set<String> published = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        Path pom = dir.resolve("pom.xml");
        if (Files.isRegularFile(pom)) {
          String text = Files.readString(pom);
          if (text.contains("<artifactId>maven-javadoc-plugin</artifactId>")) {
            Matcher own = ARTIFACT.matcher(text.substring(text.indexOf("</parent>")));
            assertWithMessage("artifactId of %s", pom).that(own.find()).isTrue();
            published.add(own.group(1));
          }
        }
      }
    }
    String bom = Files.readString(root.resolve("bom/pom.xml"));
    String managed = bom.substring(bom.indexOf("<dependencyManagement>"));
    Set<String> listed = new TreeSet<>();
    Matcher m = ARTIFACT.matcher(managed);
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertWithMessage("published modules (with a Javadoc jar)").that(published).isNotEmpty();
    assertWithMessage("artifacts in bom/pom.xml").that(listed).containsExactlyElementsIn(published);
  }
}
