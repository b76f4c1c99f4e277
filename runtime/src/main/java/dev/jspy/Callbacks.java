package dev.jspy;

import dev.jspy.internal.CallIds;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the module and tool callbacks of some settings, each in isolation: one that throws is logged and
 * skipped. LM calls are observed by the LM's own chain ({@link LmObservation}).
 */
final class Callbacks {
  private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

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
