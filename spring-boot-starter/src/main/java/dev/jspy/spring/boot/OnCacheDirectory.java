package dev.jspy.spring.boot;

import dev.jspy.cache.LMCache;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code jspy.cache.dir} is set to a directory other than the shared cache's and
 * {@code jspy.cache.enabled} is not {@code false}.
 */
final class OnCacheDirectory extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Environment env = context.getEnvironment();
    String dir = env.getProperty("jspy.cache.dir");
    if (dir == null || dir.isBlank()) {
      return ConditionOutcome.noMatch("jspy.cache.dir is not set");
    }
    // Read as text: a value that is no boolean is reported by the binder, naming the property.
    if ("false".equalsIgnoreCase(String.valueOf(env.getProperty("jspy.cache.enabled")).trim())) {
      return ConditionOutcome.noMatch("jspy.cache.enabled is false");
    }
    // JSPY_CACHE_DIR reaches Spring as jspy.cache.dir too; that directory is the shared cache's already.
    if (sameDirectory(dir, LMCache.defaultDirectory())) {
      return ConditionOutcome.noMatch("jspy.cache.dir is the shared cache's directory (JSPY_CACHE_DIR)");
    }
    return ConditionOutcome.match("jspy.cache.dir is " + dir);
  }

  private static boolean sameDirectory(String dir, Path shared) {
    try {
      return Path.of(dir.trim()).toAbsolutePath().normalize().equals(shared.toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      return false; // the binder reports it, naming the property
    }
  }
}
