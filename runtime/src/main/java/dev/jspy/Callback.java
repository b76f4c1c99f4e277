package dev.jspy;

import dev.jspy.lm.LMCallback;
import java.util.Map;

/**
 * Hooks into what a program does, as DSPy's {@code BaseCallback}: module calls, LM calls (the methods of
 * {@link LMCallback}, fired by the LM's chain, so a direct {@code lm.call} is seen too) and tool calls,
 * each as a start and an end sharing a call id; a start names the module call it runs in (its parent), so a
 * tracer can nest calls as the program runs, across threads and async continuations. For metrics, tracing
 * and logging. Register with
 * {@code Jspy.configure(s -> s.callbacks(List.of(myCallback)))} or for a scope with {@code Jspy.context};
 * the callbacks in force when a call starts see all of it, on whatever thread it runs.
 *
 * <p>Every method has an empty default, so implement only what you need. Callbacks run on the thread that
 * starts or completes the call (often an I/O thread): keep them quick and never block. An exception thrown
 * by a callback is logged and otherwise ignored; it never fails the call.
 */
public interface Callback extends LMCallback {
  /**
   * A module's {@code call} or {@code acall} started.
   *
   * @param callId identifies this call in the matching end
   * @param parentCallId the module call this one runs in, or 0 at the top
   * @param module the module
   * @param input its input
   */
  default void onModuleStart(long callId, long parentCallId, Module<?, ?> module, Object input) {}

  /**
   * A module call ended.
   *
   * @param callId as given at the start
   * @param output the output, or {@code null} if it failed
   * @param error why it failed, or {@code null}
   */
  default void onModuleEnd(long callId, Object output, Throwable error) {}

  /**
   * A tool was called.
   *
   * @param callId identifies this call in the matching end
   * @param parentCallId the module call this one runs in, or 0 at the top
   * @param tool the tool
   * @param args its arguments as the LM gave them
   */
  default void onToolStart(long callId, long parentCallId, Tool tool, Map<String, Object> args) {}

  /**
   * A tool call ended.
   *
   * @param callId as given at the start
   * @param result the result, or {@code null} if it failed
   * @param error why it failed, or {@code null}
   */
  default void onToolEnd(long callId, Object result, Throwable error) {}
}
