package dev.jspy;

import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the callbacks of some settings, each in isolation: one that throws is logged and skipped. */
final class Callbacks {
  private static final Logger log = LoggerFactory.getLogger(Callbacks.class);
  private static final AtomicLong IDS = new AtomicLong();

  private Callbacks() {}

  static long moduleStart(List<Callback> callbacks, Module<?, ?> module, Object input) {
    long id = IDS.incrementAndGet();
    for (Callback c : callbacks) {
      try {
        c.onModuleStart(id, module, input);
      } catch (RuntimeException e) {
        failed(c, "onModuleStart", e);
      }
    }
    return id;
  }

  static void moduleEnd(List<Callback> callbacks, long id, Object output, Throwable error) {
    for (Callback c : callbacks) {
      try {
        c.onModuleEnd(id, output, error);
      } catch (RuntimeException e) {
        failed(c, "onModuleEnd", e);
      }
    }
  }

  static long lmStart(List<Callback> callbacks, LM lm, LMRequest request) {
    long id = IDS.incrementAndGet();
    for (Callback c : callbacks) {
      try {
        c.onLmStart(id, lm, request);
      } catch (RuntimeException e) {
        failed(c, "onLmStart", e);
      }
    }
    return id;
  }

  static void lmEnd(List<Callback> callbacks, long id, LMResponse response, Throwable error) {
    for (Callback c : callbacks) {
      try {
        c.onLmEnd(id, response, error);
      } catch (RuntimeException e) {
        failed(c, "onLmEnd", e);
      }
    }
  }

  static long toolStart(List<Callback> callbacks, Tool tool, Map<String, Object> args) {
    long id = IDS.incrementAndGet();
    for (Callback c : callbacks) {
      try {
        c.onToolStart(id, tool, args);
      } catch (RuntimeException e) {
        failed(c, "onToolStart", e);
      }
    }
    return id;
  }

  static void toolEnd(List<Callback> callbacks, long id, Object result, Throwable error) {
    for (Callback c : callbacks) {
      try {
        c.onToolEnd(id, result, error);
      } catch (RuntimeException e) {
        failed(c, "onToolEnd", e);
      }
    }
  }

  private static void failed(Callback c, String method, RuntimeException e) {
    log.warn("callback {}.{} threw; the call goes on: {}", c.getClass().getName(), method, e.toString(), e);
  }
}
