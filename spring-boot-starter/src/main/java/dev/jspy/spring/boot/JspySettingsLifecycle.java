package dev.jspy.spring.boot;

import dev.jspy.Callback;
import dev.jspy.Jspy;
import dev.jspy.Settings;
import dev.jspy.adapters.Adapter;
import dev.jspy.lm.LM;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Calls {@code Jspy.configure} with the context's LM, adapter and callbacks when the context starts, and
 * puts back the settings it replaced when the context stops. Its phase is low, so jspy is configured before
 * the web server takes requests and stays configured until the server has finished its last one (the LM
 * itself is closed later still, when the beans are destroyed).
 */
final class JspySettingsLifecycle implements SmartLifecycle {
  /** Before the web server starts (its phase is near {@code Integer.MAX_VALUE}), and so after it stops. */
  static final int PHASE = -1000;

  private static final Logger log = LoggerFactory.getLogger(JspySettingsLifecycle.class);

  private final ObjectProvider<LM> lm;
  private final ObjectProvider<Adapter> adapter;
  private final ObjectProvider<Callback> callbacks;
  private final ObjectProvider<ObservabilityHook> hooks;
  private Settings replaced;
  private volatile boolean running;

  JspySettingsLifecycle(ObjectProvider<LM> lm, ObjectProvider<Adapter> adapter, ObjectProvider<Callback> callbacks,
      ObjectProvider<ObservabilityHook> hooks) {
    this.lm = lm;
    this.adapter = adapter;
    this.callbacks = callbacks;
    this.hooks = hooks;
  }

  @Override
  public synchronized void start() {
    LM theLm = lm.getIfUnique();
    if (theLm == null && lm.stream().findAny().isPresent()) {
      log.warn("jspy: the context has several LM beans and none is @Primary; Jspy.configure gets no LM, so each "
          + "predictor needs its own (predictor.lm(...)). Mark one @Primary to make it the default.");
    }
    Adapter theAdapter = adapter.getIfUnique();
    List<Callback> all = new ArrayList<>(callbacks.orderedStream().toList());
    hooks.orderedStream().forEach(h -> h.callback().ifPresent(all::add));
    replaced = Jspy.current();
    Jspy.configure(s -> {
      if (theLm != null) {
        s.lm(theLm);
      }
      if (theAdapter != null) {
        s.adapter(theAdapter);
      }
      s.callbacks(all);
    });
    running = true;
    log.info("jspy: configured {}, {} callback(s)", Jspy.current(), all.size());
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    Settings previous = replaced;
    Jspy.configure(s -> s.lm(previous.lm()).adapter(previous.adapter()).callbacks(previous.callbacks()));
    replaced = null;
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
