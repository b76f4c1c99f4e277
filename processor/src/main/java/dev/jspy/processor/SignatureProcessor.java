package dev.jspy.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.jspy.processor.ErrorReporter.Location;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * jspy's processor. For every {@code @Signature} interface it generates the typed modules next to it:
 * {@code <Name>Input}, {@code <Name>Output}, {@code <Name>Predict} (with the constant {@code SPEC}), and, if the
 * annotation asks ({@code chainOfThought = true}, {@code react = true}), {@code <Name>ChainOfThought} (with
 * {@code <Name>ChainOfThoughtOutput}) and {@code <Name>ReAct} (with {@code <Name>ReActOutput}). For every class with {@code @Tool} methods it generates {@code <Class>Tools}.
 *
 * <p>Per interface: {@link ElementReader} reads it (with {@link SignatureParser} for the string form and
 * {@link TypeResolver} for types), {@link SignatureValidator} checks it and yields a {@link SignatureModel},
 * {@link SignatureGenerator} writes the files. Per tool class, likewise: {@link ToolReader},
 * {@link ToolsValidator}, {@link ToolsModel}, {@link ToolsGenerator}. A type that refers to types not
 * generated yet is retried in the next round. Errors go through an {@link ErrorReporter}; nothing escapes
 * {@link #process}, and a type with errors gets no files at all. Every generated file has one originating
 * element, the interface or class it is for, so Gradle can process incrementally ({@code isolating}).
 */
@AutoService(Processor.class)
public final class SignatureProcessor extends AbstractProcessor {

  private static final String GENERATED = "javax.annotation.processing.Generated";

  /** Interfaces waiting for types that later rounds may generate, by qualified name. */
  private final Set<String> deferred = new LinkedHashSet<>();
  /** Classes with {@code @Tool} methods waiting likewise, by qualified name. */
  private final Set<String> deferredTools = new LinkedHashSet<>();
  /** Top-level types that are sources of this compilation (not class files), by qualified name. */
  private final Set<String> sourceTypes = new HashSet<>();
  /** Types this processor generated, by qualified name, with what they were generated for. */
  private final Map<String, String> generated = new HashMap<>();
  /** Which {@code java.lang} names each package shadows; set in {@link #init}. */
  private ShadowedNames shadowed;

  /** Creates the processor; the compiler calls {@link #init} next. */
  public SignatureProcessor() {}

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
    super.init(env);
    shadowed = new ShadowedNames(env.getElementUtils());
    // @Tool methods of local and anonymous classes are invisible to processing; javac can still report them.
    LocalToolsCheck.register(env);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // @Input and @Output too, so a stray one (outside any @Signature interface) is reported.
    return Set.of(ElementReader.SIGNATURE, ElementReader.INPUT, ElementReader.OUTPUT, ToolReader.TOOL);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    shadowed.newRound();
    for (TypeElement t : ElementFilter.typesIn(round.getRootElements())) {
      sourceTypes.add(t.getQualifiedName().toString());
    }
    List<TypeElement> work = new ArrayList<>();
    for (String name : deferred) {
      TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
      if (t != null) {
        work.add(t);
      }
    }
    deferred.clear();
    TypeElement signature = processingEnv.getElementUtils().getTypeElement(ElementReader.SIGNATURE);
    if (signature != null) {
      for (Element e : round.getElementsAnnotatedWith(signature)) {
        if (e instanceof TypeElement && !work.contains(e)) {
          work.add((TypeElement) e);
        }
      }
    }
    reportStrayFieldAnnotations(round);
    for (TypeElement type : work) {
      processType(type, round.processingOver());
    }
    for (TypeElement type : toolClasses(round)) {
      processTools(type, round.processingOver());
    }
    // Never claim: javac stops offering a round's annotations to later processors once all are claimed, which
    // would starve universal ("*") processors. The price is javac's -Xlint:processing note that nobody
    // claimed @Signature and @Generated, which every processor that returns false shares.
    return false;
  }

  /** The classes declaring the round's {@code @Tool} methods, and those deferred from earlier rounds. */
  private List<TypeElement> toolClasses(RoundEnvironment round) {
    List<TypeElement> classes = new ArrayList<>();
    for (String name : deferredTools) {
      TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
      if (t != null) {
        classes.add(t);
      }
    }
    deferredTools.clear();
    TypeElement tool = processingEnv.getElementUtils().getTypeElement(ToolReader.TOOL);
    if (tool != null) {
      for (Element e : round.getElementsAnnotatedWith(tool)) {
        if (e.getEnclosingElement() instanceof TypeElement && !classes.contains(e.getEnclosingElement())) {
          classes.add((TypeElement) e.getEnclosingElement());
        }
      }
    }
    return classes;
  }

  private void processType(TypeElement type, boolean finalRound) {
    guarded(
        type,
        deferred,
        errors -> {
          ElementReader.Result read =
              new ElementReader(
                      processingEnv.getElementUtils(),
                      new TypeResolver(processingEnv.getElementUtils(), finalRound, shadowed),
                      errors)
                  .read(type);
          Optional<SignatureModel> model = new SignatureValidator(errors, this::takenBy).validate(read);
          if (model.isPresent() && !errors.hasErrors()) {
            write(type, "signature " + type.getQualifiedName(), new SignatureGenerator(hasGeneratedAnnotation()).generate(model.get()), errors);
          }
        });
  }

  private void processTools(TypeElement type, boolean finalRound) {
    guarded(
        type,
        deferredTools,
        errors -> {
          ToolReader.Result read =
              new ToolReader(
                      processingEnv.getElementUtils(),
                      processingEnv.getTypeUtils(),
                      new TypeResolver(processingEnv.getElementUtils(), finalRound, shadowed),
                      errors)
                  .read(type);
          Optional<ToolsModel> model = new ToolsValidator(errors, this::takenBy).validate(read);
          if (model.isPresent() && !errors.hasErrors()) {
            JavaFile file = new ToolsGenerator(hasGeneratedAnnotation()).generate(model.get());
            write(type, "the @Tool methods of " + type.getQualifiedName(), List.of(file), errors);
          }
        });
  }

  /**
   * Runs {@code work} for {@code type} at the per-type error boundary: its errors are reported at the end;
   * if it needs a type that is not generated yet, it is put in {@code deferTo} for the next round instead.
   */
  private void guarded(TypeElement type, Set<String> deferTo, Consumer<ErrorReporter> work) {
    ErrorReporter errors = new ErrorReporter();
    try {
      work.accept(errors);
      errors.flushTo(processingEnv.getMessager());
    } catch (TypeResolver.MissingTypeException e) {
      // Another processor may generate it; errors found so far are dropped, the retry finds them again.
      deferTo.add(type.getQualifiedName().toString());
    } catch (ErrorReporter.AbortException e) {
      errors.flushTo(processingEnv.getMessager());
    } catch (RuntimeException | StackOverflowError e) {
      errors.flushTo(processingEnv.getMessager());
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              "internal error in jspy processor for " + type.getQualifiedName() + ", please report: " + trace(e),
              type);
    }
  }

  /** How many frames {@link #trace} shows of each throwable. */
  static final int TRACE_FRAMES = 10;

  /**
   * {@code e} and its causes for an error message, each with its first {@link #TRACE_FRAMES} frames, in the
   * layout of a stack trace.
   */
  static String trace(Throwable e) {
    StringBuilder text = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      text.append(t == e ? "" : "Caused by: ").append(t).append('\n');
      StackTraceElement[] frames = t.getStackTrace();
      int shown = Math.min(frames.length, TRACE_FRAMES);
      for (int i = 0; i < shown; i++) {
        text.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > shown) {
        text.append("\t... ").append(frames.length - shown).append(" more\n");
      }
    }
    return text.toString();
  }

  private boolean hasGeneratedAnnotation() {
    return processingEnv.getElementUtils().getTypeElement(GENERATED) != null;
  }

  /**
   * Writes files generated in memory, so a failing type never leaves half its files; {@code type} is each
   * file's one originating element, {@code forWhat} says what they were generated for.
   */
  private void write(TypeElement type, String forWhat, List<JavaFile> files, ErrorReporter errors) {
    for (JavaFile file : files) {
      String name = file.packageName().isEmpty() ? file.typeSpec().name() : file.packageName() + "." + file.typeSpec().name();
      try {
        JavaFileObject source = processingEnv.getFiler().createSourceFile(name, type);
        try (Writer w = source.openWriter()) {
          file.writeTo(w);
        }
        generated.put(name, forWhat);
      } catch (IOException e) {
        errors.reportError(Location.of(type), "jspy could not write " + name + ": " + e.getMessage());
        return;
      }
    }
  }

  /** Why {@code qualifiedName}, which jspy is about to generate, is already taken; {@code null} if free. */
  private String takenBy(String qualifiedName) {
    String owner = generated.get(qualifiedName);
    if (owner != null) {
      return "it is already generated for " + owner;
    }
    if (!sourceTypes.contains(qualifiedName)) {
      // Class files do not count: they may be this signature's output from an earlier, incremental build.
      return null;
    }
    TypeElement existing = processingEnv.getElementUtils().getTypeElement(qualifiedName);
    if (existing == null || isOurs(existing)) {
      return null;
    }
    return "a type " + qualifiedName + " already exists";
  }

  private static boolean isOurs(TypeElement type) {
    AnnotationMirror generated = ElementReader.annotation(type, GENERATED);
    if (generated == null) {
      return false;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : generated.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("value") && e.getValue().toString().contains(SignatureGenerator.PROCESSOR)) {
        return true;
      }
    }
    return false;
  }

  /** {@code @Input}/{@code @Output} do nothing outside a {@code @Signature} interface; say so. */
  private void reportStrayFieldAnnotations(RoundEnvironment round) {
    for (String annotation : List.of(ElementReader.INPUT, ElementReader.OUTPUT)) {
      TypeElement a = processingEnv.getElementUtils().getTypeElement(annotation);
      if (a == null) {
        continue;
      }
      for (Element e : round.getElementsAnnotatedWith(a)) {
        Element owner = e.getEnclosingElement();
        if (ElementReader.annotation(owner, ElementReader.SIGNATURE) == null) {
          processingEnv
              .getMessager()
              .printMessage(
                  Diagnostic.Kind.ERROR,
                  "@" + a.getSimpleName() + " only declares a field inside a @Signature interface, but "
                      + owner.getSimpleName() + " has no @Signature; annotate " + owner.getSimpleName()
                      + " with @Signature or remove @" + a.getSimpleName(),
                  e,
                  ElementReader.annotation(e, annotation));
        }
      }
    }
  }
}
