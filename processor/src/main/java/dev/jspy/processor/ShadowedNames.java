package dev.jspy.processor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The simple names of a package's types that are also {@code java.lang} types: there a simple {@code String}
 * (or {@code Object}, {@code Override}) means the package's type, so code generated into that package must
 * write the {@code java.lang} ones qualified.
 *
 * <p>Every signature and tool class of a package asks, and javac is slow to say that a type does not exist
 * ({@code getTypeElement} searches every module): asked anew for each type, with a lookup per type of the
 * package, the answer cost time quadratic in the package's size. So {@code java.lang}'s names are listed once
 * per compilation, and a package's answer is kept for the round (the next one may add types to it).
 */
final class ShadowedNames {
  private final Elements elements;
  /** By package, for the current round. */
  private final Map<String, List<String>> byPackage = new HashMap<>();
  /** The simple names of {@code java.lang}'s types, listed on first use; {@code null} until then. */
  private Set<String> javaLang;

  ShadowedNames(Elements elements) {
    this.elements = elements;
  }

  /** Starts a round: packages may have gained types. */
  void newRound() {
    byPackage.clear();
  }

  /** The shadowed names of {@code scope}'s package, sorted, for stable output. */
  List<String> of(TypeElement scope) {
    PackageElement pkg = elements.getPackageOf(scope);
    return byPackage.computeIfAbsent(pkg.getQualifiedName().toString(), p -> compute(pkg));
  }

  private List<String> compute(PackageElement pkg) {
    List<String> names = new ArrayList<>();
    for (TypeElement t : ElementFilter.typesIn(pkg.getEnclosedElements())) {
      String name = t.getSimpleName().toString();
      if (inJavaLang(name)) {
        names.add(name);
      }
    }
    Collections.sort(names);
    return List.copyOf(names);
  }

  private boolean inJavaLang(String simpleName) {
    if (javaLang == null) {
      javaLang = new HashSet<>();
      PackageElement lang = elements.getPackageElement("java.lang");
      if (lang != null) {
        for (TypeElement t : ElementFilter.typesIn(lang.getEnclosedElements())) {
          javaLang.add(t.getSimpleName().toString());
        }
      }
    }
    // A compiler that lists no java.lang types is asked per name instead.
    return javaLang.isEmpty()
        ? elements.getTypeElement("java.lang." + simpleName) != null
        : javaLang.contains(simpleName);
  }
}
