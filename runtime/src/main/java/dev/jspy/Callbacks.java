package dev.jspy;

import dev.jspy.internal.CallIds;
import dev.jspy.internal.EvaluationHooks;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the module, tool, evaluation and batch callbacks of some settings, each in isolation: one that throws
 * is logged and skipped. LM calls are observed by the LM's own chain ({@link LmObservation}). Installs the
 * evaluate package's {@link EvaluationHooks} when loaded.
 */
final class Callbacks {
  private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

  static {
    EvaluationHooks.install(new Evaluations());
  }

  private Callbacks() {}

  static long moduleStart(List<Callback> callbacks, long parent, Module<?, ?> module, Object input) {
    long id = CallIds.next();
    each(callbacks, "onModuleStart", c -> c.onModuleStart(id, parent, module, input));
    return id;
  }

  static void moduleEnd(List<Callback> callbacks, long id, Object output, Throwable error) {
    each(callbacks, "onModuleEnd", c -> c.onModuleEnd(id, output, error));
  }

  static long toolStart(List<Callback> callbacks, long parent, Tool tool, Map<String, Object> args) {
    long id = CallIds.next();
    each(callbacks, "onToolStart", c -> c.onToolStart(id, parent, tool, args));
    return id;
  }

  static void toolEnd(List<Callback> callbacks, long id, Object result, Throwable error) {
    each(callbacks, "onToolEnd", c -> c.onToolEnd(id, result, error));
  }

  static long evaluateStart(List<Callback> callbacks, long parent, Module<?, ?> program, List<Example> devset) {
    long id = CallIds.next();
    each(callbacks, "onEvaluateStart", c -> c.onEvaluateStart(id, parent, program, devset));
    return id;
  }

  static void evaluateEnd(List<Callback> callbacks, long id, Object result, Throwable error) {
    each(callbacks, "onEvaluateEnd", c -> c.onEvaluateEnd(id, result, error));
  }

  static long batchStart(List<Callback> callbacks, long parent, Module<?, ?> module, List<?> inputs) {
    long id = CallIds.next();
    each(callbacks, "onBatchStart", c -> c.onBatchStart(id, parent, module, inputs));
    return id;
  }

  static void batchEnd(List<Callback> callbacks, long id, List<?> outputs, Throwable error) {
    each(callbacks, "onBatchEnd", c -> c.onBatchEnd(id, outputs, error));
  }

  /** An evaluation as a call: its examples run with the settings inside it. */
  private static final class Evaluations implements EvaluationHooks<Settings> {
    @Override
    @SuppressWarnings("unchecked")
    public Settings start(Settings settings, Object program, List<?> devset) {
      List<Callback> callbacks = settings.callbacks();
      if (callbacks.isEmpty()) {
        return settings;
      }
      long id = evaluateStart(callbacks, settings.callId(), (Module<?, ?>) program, (List<Example>) devset);
      return settings.inCall(id);
    }

    @Override
    public void end(Settings inEvaluation, Object result, Throwable error) {
      List<Callback> callbacks = inEvaluation.callbacks();
      if (!callbacks.isEmpty()) {
        evaluateEnd(callbacks, inEvaluation.callId(), result, error);
      }
    }
  }

  private static void each(List<Callback> callbacks, String method, Consumer<Callback> event) {
    for (Callback c : callbacks) {
      try {
        event.accept(c);
      } catch (RuntimeException | Error e) {
        // An Error from a callback (a class that fails to load, an assertion, a stack overflow) is the
        // callback's failure, not the call's; only running out of memory and the like concern everyone.
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          throw e;
        }
        failed(c, method, e);
      }
    }
  }

  private static void failed(Callback c, String method, Throwable e) {
    log.warn("callback {}.{} threw; the call goes on: {}", c.getClass().getName(), method, e.toString(), e);
  }
}
