package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Which {@code java.lang} names a package shadows is worked out once per package, not once per signature:
 * each {@code getTypeElement} of a type that does not exist searches every module in javac, and asking for
 * each type of the package for each signature made the processor's time grow with the square of a package's
 * signatures.
 */
class ShadowedNamesTest {
  private static final int SIGNATURES = 40;

  @Test
  void looksUpJavaLangNamesOncePerPackageNotOncePerSignature() {
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < SIGNATURES; i++) {
      sources.add(
          TestCompiler.source(
              "p.Sig" + i,
              "package p;",
              "import dev.jspy.annotations.Signature;",
              "@Signature(\"question -> answer\")",
              "interface Sig" + i + " {}"));
    }
    // A package type named like a java.lang one: generated code in p must write java.lang.Override in full.
    sources.add(TestCompiler.source("p.Override", "package p;", "class Override {}"));
    AtomicInteger javaLangLookups = new AtomicInteger();
    Compilation compilation =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(new CountingJavaLangLookups(new SignatureProcessor(), javaLangLookups))
            .compile(sources);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("p.Sig7Predict")
        .contentsAsUtf8String()
        .contains("@java.lang.Override");
    // Before: one lookup per type of p (41, then 161 once generated) for each of the 40 signatures.
    assertThat(javaLangLookups.get()).isLessThan(SIGNATURES);
  }

  /** Runs {@code delegate} with an {@link Elements} that counts {@code getTypeElement("java.lang.…")}. */
  private static final class CountingJavaLangLookups extends AbstractProcessor {
    private final SignatureProcessor delegate;
    private final AtomicInteger count;

    CountingJavaLangLookups(SignatureProcessor delegate, AtomicInteger count) {
      this.delegate = delegate;
      this.count = count;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      Elements real = env.getElementUtils();
      Elements counting =
          (Elements)
              Proxy.newProxyInstance(
                  Elements.class.getClassLoader(),
                  new Class<?>[] {Elements.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("getTypeElement")
                        && args.length == 1
                        && args[0].toString().startsWith("java.lang.")) {
                      count.incrementAndGet();
                    }
                    try {
                      return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      delegate.init(
          (ProcessingEnvironment)
              Proxy.newProxyInstance(
                  ProcessingEnvironment.class.getClassLoader(),
                  new Class<?>[] {ProcessingEnvironment.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("getElementUtils")) {
                      return counting;
                    }
                    try {
                      return method.invoke(env, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  }));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }
}
