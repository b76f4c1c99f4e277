package dev.jspy;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.jspy.lm.LM;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settings rule of {@link Jspy}, for every continuation method of {@link CompletionStage} and
 * {@link CompletableFuture}: jspy completes the futures it returns with the call's settings in force, so a
 * continuation that runs as part of that completion sees the call's settings, and any other sees the settings
 * of the thread that runs it. {@link #theTableCoversEveryContinuationMethod} fails when the JDK has a
 * continuation method the table lacks, so no method can be special.
 */
class SettingsRuleTest {
  /** The LM of the global settings: what a thread with no context sees. */
  private static final GateLM GLOBAL = GateLM.answering("global", "g");

  private static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "user-pool");
              t.setDaemon(true);
              return t;
            });
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
    GLOBAL.close();
  }

  @AfterEach
  void reset() {
    Jspy.configure(s -> s.lm(null));
  }

  /** When the source future's continuation runs: on success, on failure, or both. */
  enum On {
    SUCCESS,
    FAILURE,
    BOTH
  }

  /** How a row's continuation is attached: {@code probe} records the settings it sees. */
  interface Attach {
    CompletionStage<?> attach(CompletableFuture<PredictTest.QaOut> f, Runnable probe, Executor executor);
  }

  /**
   * A continuation method: its signature as reflection names it, when it runs, whether it takes an executor
   * ({@code null} executor for a row without one) and whether it runs on an executor at all (the
   * {@code *Async} methods).
   */
  record Row(String method, On on, boolean async, boolean takesExecutor, Attach attach) {
    @Override
    public String toString() {
      return method;
    }
  }

  private static final CompletableFuture<Object> NEVER = new CompletableFuture<>();
  private static final CompletableFuture<Object> DONE = CompletableFuture.completedFuture("other");

  private static <T> T run(Runnable probe, T value) {
    probe.run();
    return value;
  }

  /** Every continuation method of CompletableFuture (CompletionStage's included), plus the views' ones. */
  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    // then*
    rows.add(new Row("thenApply(Function)", On.SUCCESS, false, false, (f, p, e) -> f.thenApply(x -> run(p, x))));
    rows.add(new Row("thenApplyAsync(Function)", On.SUCCESS, true, false, (f, p, e) -> f.thenApplyAsync(x -> run(p, x))));
    rows.add(new Row("thenApplyAsync(Function,Executor)", On.SUCCESS, true, true, (f, p, e) -> f.thenApplyAsync(x -> run(p, x), e)));
    rows.add(new Row("thenAccept(Consumer)", On.SUCCESS, false, false, (f, p, e) -> f.thenAccept(x -> p.run())));
    rows.add(new Row("thenAcceptAsync(Consumer)", On.SUCCESS, true, false, (f, p, e) -> f.thenAcceptAsync(x -> p.run())));
    rows.add(new Row("thenAcceptAsync(Consumer,Executor)", On.SUCCESS, true, true, (f, p, e) -> f.thenAcceptAsync(x -> p.run(), e)));
    rows.add(new Row("thenRun(Runnable)", On.SUCCESS, false, false, (f, p, e) -> f.thenRun(p)));
    rows.add(new Row("thenRunAsync(Runnable)", On.SUCCESS, true, false, (f, p, e) -> f.thenRunAsync(p)));
    rows.add(new Row("thenRunAsync(Runnable,Executor)", On.SUCCESS, true, true, (f, p, e) -> f.thenRunAsync(p, e)));
    rows.add(new Row("thenCompose(Function)", On.SUCCESS, false, false,
        (f, p, e) -> f.thenCompose(x -> CompletableFuture.completedFuture(run(p, x)))));
    rows.add(new Row("thenComposeAsync(Function)", On.SUCCESS, true, false,
        (f, p, e) -> f.thenComposeAsync(x -> CompletableFuture.completedFuture(run(p, x)))));
    rows.add(new Row("thenComposeAsync(Function,Executor)", On.SUCCESS, true, true,
        (f, p, e) -> f.thenComposeAsync(x -> CompletableFuture.completedFuture(run(p, x)), e)));
    // both
    rows.add(new Row("thenCombine(CompletionStage,BiFunction)", On.SUCCESS, false, false,
        (f, p, e) -> f.thenCombine(DONE, (x, y) -> run(p, x))));
    rows.add(new Row("thenCombineAsync(CompletionStage,BiFunction)", On.SUCCESS, true, false,
        (f, p, e) -> f.thenCombineAsync(DONE, (x, y) -> run(p, x))));
    rows.add(new Row("thenCombineAsync(CompletionStage,BiFunction,Executor)", On.SUCCESS, true, true,
        (f, p, e) -> f.thenCombineAsync(DONE, (x, y) -> run(p, x), e)));
    rows.add(new Row("thenAcceptBoth(CompletionStage,BiConsumer)", On.SUCCESS, false, false,
        (f, p, e) -> f.thenAcceptBoth(DONE, (x, y) -> p.run())));
    rows.add(new Row("thenAcceptBothAsync(CompletionStage,BiConsumer)", On.SUCCESS, true, false,
        (f, p, e) -> f.thenAcceptBothAsync(DONE, (x, y) -> p.run())));
    rows.add(new Row("thenAcceptBothAsync(CompletionStage,BiConsumer,Executor)", On.SUCCESS, true, true,
        (f, p, e) -> f.thenAcceptBothAsync(DONE, (x, y) -> p.run(), e)));
    rows.add(new Row("runAfterBoth(CompletionStage,Runnable)", On.SUCCESS, false, false, (f, p, e) -> f.runAfterBoth(DONE, p)));
    rows.add(new Row("runAfterBothAsync(CompletionStage,Runnable)", On.SUCCESS, true, false,
        (f, p, e) -> f.runAfterBothAsync(DONE, p)));
    rows.add(new Row("runAfterBothAsync(CompletionStage,Runnable,Executor)", On.SUCCESS, true, true,
        (f, p, e) -> f.runAfterBothAsync(DONE, p, e)));
    // either (the other stage never completes: ours triggers it)
    rows.add(new Row("applyToEither(CompletionStage,Function)", On.SUCCESS, false, false,
        (f, p, e) -> f.applyToEither(never(), x -> run(p, x))));
    rows.add(new Row("applyToEitherAsync(CompletionStage,Function)", On.SUCCESS, true, false,
        (f, p, e) -> f.applyToEitherAsync(never(), x -> run(p, x))));
    rows.add(new Row("applyToEitherAsync(CompletionStage,Function,Executor)", On.SUCCESS, true, true,
        (f, p, e) -> f.applyToEitherAsync(never(), x -> run(p, x), e)));
    rows.add(new Row("acceptEither(CompletionStage,Consumer)", On.SUCCESS, false, false,
        (f, p, e) -> f.acceptEither(never(), x -> p.run())));
    rows.add(new Row("acceptEitherAsync(CompletionStage,Consumer)", On.SUCCESS, true, false,
        (f, p, e) -> f.acceptEitherAsync(never(), x -> p.run())));
    rows.add(new Row("acceptEitherAsync(CompletionStage,Consumer,Executor)", On.SUCCESS, true, true,
        (f, p, e) -> f.acceptEitherAsync(never(), x -> p.run(), e)));
    rows.add(new Row("runAfterEither(CompletionStage,Runnable)", On.SUCCESS, false, false, (f, p, e) -> f.runAfterEither(NEVER, p)));
    rows.add(new Row("runAfterEitherAsync(CompletionStage,Runnable)", On.SUCCESS, true, false,
        (f, p, e) -> f.runAfterEitherAsync(NEVER, p)));
    rows.add(new Row("runAfterEitherAsync(CompletionStage,Runnable,Executor)", On.SUCCESS, true, true,
        (f, p, e) -> f.runAfterEitherAsync(NEVER, p, e)));
    // both outcomes
    rows.add(new Row("handle(BiFunction)", On.BOTH, false, false, (f, p, e) -> f.handle((x, t) -> run(p, x))));
    rows.add(new Row("handleAsync(BiFunction)", On.BOTH, true, false, (f, p, e) -> f.handleAsync((x, t) -> run(p, x))));
    rows.add(new Row("handleAsync(BiFunction,Executor)", On.BOTH, true, true, (f, p, e) -> f.handleAsync((x, t) -> run(p, x), e)));
    rows.add(new Row("whenComplete(BiConsumer)", On.BOTH, false, false, (f, p, e) -> f.whenComplete((x, t) -> p.run())));
    rows.add(new Row("whenCompleteAsync(BiConsumer)", On.BOTH, true, false, (f, p, e) -> f.whenCompleteAsync((x, t) -> p.run())));
    rows.add(new Row("whenCompleteAsync(BiConsumer,Executor)", On.BOTH, true, true,
        (f, p, e) -> f.whenCompleteAsync((x, t) -> p.run(), e)));
    // failures
    rows.add(new Row("exceptionally(Function)", On.FAILURE, false, false, (f, p, e) -> f.exceptionally(t -> run(p, null))));
    rows.add(new Row("exceptionallyAsync(Function)", On.FAILURE, true, false, (f, p, e) -> f.exceptionallyAsync(t -> run(p, null))));
    rows.add(new Row("exceptionallyAsync(Function,Executor)", On.FAILURE, true, true,
        (f, p, e) -> f.exceptionallyAsync(t -> run(p, null), e)));
    rows.add(new Row("exceptionallyCompose(Function)", On.FAILURE, false, false,
        (f, p, e) -> f.exceptionallyCompose(t -> CompletableFuture.completedFuture(run(p, null)))));
    rows.add(new Row("exceptionallyComposeAsync(Function)", On.FAILURE, true, false,
        (f, p, e) -> f.exceptionallyComposeAsync(t -> CompletableFuture.completedFuture(run(p, null)))));
    rows.add(new Row("exceptionallyComposeAsync(Function,Executor)", On.FAILURE, true, true,
        (f, p, e) -> f.exceptionallyComposeAsync(t -> CompletableFuture.completedFuture(run(p, null)), e)));
    // the views, and dependents of dependents
    rows.add(new Row("minimalCompletionStage().exceptionally", On.FAILURE, false, false,
        (f, p, e) -> f.minimalCompletionStage().exceptionally(t -> run(p, null))));
    rows.add(new Row("minimalCompletionStage().thenApply", On.SUCCESS, false, false,
        (f, p, e) -> f.minimalCompletionStage().thenApply(x -> run(p, x))));
    rows.add(new Row("minimalCompletionStage().exceptionallyComposeAsync", On.FAILURE, true, true,
        (f, p, e) -> f.minimalCompletionStage().exceptionallyComposeAsync(t -> CompletableFuture.completedFuture(run(p, null)), e)));
    rows.add(new Row("minimalCompletionStage().toCompletableFuture().handle", On.BOTH, false, false,
        (f, p, e) -> f.minimalCompletionStage().toCompletableFuture().handle((x, t) -> run(p, x))));
    rows.add(new Row("toCompletableFuture().exceptionallyCompose", On.FAILURE, false, false,
        (f, p, e) -> f.toCompletableFuture().exceptionallyCompose(t -> CompletableFuture.completedFuture(run(p, null)))));
    rows.add(new Row("copy().whenComplete", On.BOTH, false, false, (f, p, e) -> f.copy().whenComplete((x, t) -> p.run())));
    rows.add(new Row("thenApply().thenApply", On.SUCCESS, false, false,
        (f, p, e) -> f.thenApply(x -> x).thenApply(x -> run(p, x))));
    rows.add(new Row("handle().thenComposeAsync", On.BOTH, true, true,
        (f, p, e) -> f.handle((x, t) -> x).thenComposeAsync(x -> CompletableFuture.completedFuture(run(p, x)), e)));
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static <T> CompletionStage<T> never() {
    return (CompletionStage<T>) NEVER;
  }

  /** The methods that take code but are no continuation of this future (they complete it). */
  private static final List<String> NOT_CONTINUATIONS = List.of("completeAsync(Supplier)", "completeAsync(Supplier,Executor)");

  @Test
  void theTableCoversEveryContinuationMethod() {
    TreeSet<String> functional = new TreeSet<>();
    for (Method m : CompletableFuture.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      boolean takesCode =
          Arrays.stream(m.getParameterTypes())
              .anyMatch(
                  t -> t == Function.class || t == BiFunction.class || t == Consumer.class
                      || t == BiConsumer.class || t == Runnable.class || t == Supplier.class);
      if (takesCode) {
        functional.add(m.getName() + "(" + String.join(",", Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).toList()) + ")");
      }
    }
    TreeSet<String> covered = new TreeSet<>(NOT_CONTINUATIONS);
    rows().forEach(r -> covered.add(r.method()));
    assertWithMessage("continuation methods of CompletableFuture on this JDK missing from the table")
        .that(covered)
        .containsAtLeastElementsIn(functional);
  }

  /** Which settings a row's continuation sees in one scenario. */
  enum Sees {
    CALL,
    THREAD
  }

  static Stream<Object[]> cases() {
    List<Object[]> out = new ArrayList<>();
    for (Row r : rows()) {
      for (boolean fail : r.on() == On.BOTH ? new boolean[] {false, true} : new boolean[] {r.on() == On.FAILURE}) {
        out.add(new Object[] {r, fail});
      }
    }
    return out.stream();
  }

  /**
   * Attached before the call completes, outside the context that started it: a continuation that runs as
   * part of the completion sees the call's settings; one on an executor sees that thread's (the global ones),
   * unless the executor is {@link Jspy#wrap wrapped} inside the context.
   */
  @ParameterizedTest(name = "{0} (failing: {1})")
  @MethodSource("cases")
  void attachedBeforeCompletion(Row row, boolean fail) throws Exception {
    Jspy.configure(s -> s.lm(GLOBAL));
    Map<String, Executor> executors = new LinkedHashMap<>();
    for (String which : row.takesExecutor() ? List.of("plain", "wrapped") : List.of("none")) {
      try (GateLM callLm = fail ? GateLM.answering("call", "c").failing() : GateLM.answering("call", "c")) {
        Predict<PredictTest.QaIn, PredictTest.QaOut> p = new Predict<>(PredictTest.QA);
        CompletableFuture<PredictTest.QaOut> f;
        try (Jspy.Scope scope = Jspy.context(s -> s.lm(callLm))) {
          f = p.acall(new PredictTest.QaIn("q"));
          executors.put("wrapped", Jspy.wrap(pool));
        }
        executors.put("plain", pool);
        CompletableFuture<LM> ran = new CompletableFuture<>();
        Runnable probe = () -> ran.complete(Jspy.current().lm());
        row.attach().attach(f, probe, executors.get(which)); // outside the scope, before completion
        assertThat(f.isDone()).isFalse();
        callLm.open();
        LM seen = ran.get(30, TimeUnit.SECONDS); // a hang guard
        Sees expected = !row.async() || which.equals("wrapped") ? Sees.CALL : Sees.THREAD;
        assertWithMessage("%s with %s executor", row, which)
            .that(seen)
            .isSameInstanceAs(expected == Sees.CALL ? callLm : GLOBAL);
      }
    }
  }

  /**
   * Attached after the call completed: the continuation runs on the attaching thread (or an executor) and
   * sees that thread's settings, whatever method attached it; a wrapped executor carries the settings it
   * was wrapped with.
   */
  @ParameterizedTest(name = "{0} (failing: {1})")
  @MethodSource("cases")
  void attachedAfterCompletion(Row row, boolean fail) throws Exception {
    Jspy.configure(s -> s.lm(GLOBAL));
    try (GateLM callLm = fail ? GateLM.answering("call", "c").failing() : GateLM.answering("call", "c");
        GateLM attacherLm = GateLM.answering("attacher", "a")) {
      callLm.open();
      for (String which : row.takesExecutor() ? List.of("plain", "wrapped") : List.of("none")) {
        Predict<PredictTest.QaIn, PredictTest.QaOut> p = new Predict<>(PredictTest.QA);
        CompletableFuture<PredictTest.QaOut> f;
        Executor wrapped;
        try (Jspy.Scope scope = Jspy.context(s -> s.lm(callLm))) {
          f = p.acall(new PredictTest.QaIn("q"));
          wrapped = Jspy.wrap(pool);
        }
        f.handle((x, t) -> x).get(30, TimeUnit.SECONDS);
        CompletableFuture<LM> ran = new CompletableFuture<>();
        Runnable probe = () -> ran.complete(Jspy.current().lm());
        try (Jspy.Scope attacher = Jspy.context(s -> s.lm(attacherLm))) {
          row.attach().attach(f, probe, which.equals("wrapped") ? wrapped : pool);
        }
        LM seen = ran.get(30, TimeUnit.SECONDS);
        LM expected = which.equals("wrapped") ? callLm : row.async() ? GLOBAL : attacherLm;
        assertWithMessage("%s with %s executor", row, which).that(seen).isSameInstanceAs(expected);
      }
    }
  }
}
