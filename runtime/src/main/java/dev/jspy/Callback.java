package dev.jspy;

import dev.jspy.lm.LMCallback;
import java.util.List;
import java.util.Map;

/**
 * Hooks into what a program does, as DSPy's {@code BaseCallback}: module calls, LM calls (the methods of
 * {@link LMCallback}, fired by the LM's chain, so a direct {@code lm.call} is seen too), tool calls,
 * evaluations ({@code dev.jspy.evaluate.Evaluate}) and batches ({@link Module#abatch}), each as a start and
 * an end sharing a call id; a start names the call it runs in (its parent: a module call, an evaluation or
 * a batch), so a tracer can nest calls as the program runs, across threads and async continuations. Every
 * example of an evaluation and every input of a batch runs inside it: their module calls name the
 * evaluation or batch as their parent, whichever thread starts them. For metrics, tracing and logging. Register with
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

  /**
   * An evaluation started, as DSPy's {@code on_evaluate_start}: {@code Evaluate.run} or {@code arun} was
   * called. Every example's program call and metric run inside it, so their module, LM and tool calls name
   * {@code callId} as their parent.
   *
   * @param callId identifies this evaluation in the matching end, and is the parent of its examples' calls
   * @param parentCallId the call the evaluation runs in (a module call, say), or 0 at the top
   * @param program the program evaluated
   * @param devset the examples it runs over, in order
   */
  default void onEvaluateStart(long callId, long parentCallId, Module<?, ?> program, List<Example> devset) {}

  /**
   * An evaluation ended, as DSPy's {@code on_evaluate_end}: all examples scored, or it stopped.
   *
   * @param callId as given at the start
   * @param result the {@code dev.jspy.evaluate.EvaluationResult} (typed {@code Object} here, as DSPy's
   *     {@code outputs}, because this package cannot depend on the evaluate package), or {@code null} if the
   *     evaluation failed
   * @param error why it failed (an {@code EvaluationCancelledException} after {@code maxErrors} failures, a
   *     {@code CancellationException} when its future was cancelled), or {@code null}
   */
  default void onEvaluateEnd(long callId, Object result, Throwable error) {}

  /**
   * A batch started: {@link Module#abatch} or {@link Module#batch} was called. A jspy extension: DSPy's
   * {@code BaseCallback} has no batch events ({@code module.batch} runs each input as its own top-level
   * call there). Every input's module call runs inside it, so it names {@code callId} as its parent.
   *
   * @param callId identifies this batch in the matching end, and is the parent of its inputs' calls
   * @param parentCallId the call the batch runs in (a module call, say), or 0 at the top
   * @param module the module run over the inputs
   * @param inputs the inputs, in order
   */
  default void onBatchStart(long callId, long parentCallId, Module<?, ?> module, List<?> inputs) {}

  /**
   * A batch ended: every input started has ended. A jspy extension, as {@link #onBatchStart}.
   *
   * @param callId as given at the start
   * @param outputs the outputs in input order, or {@code null} if the batch failed
   * @param error why it failed (the first input's failure, or a {@code CancellationException} when its
   *     future was cancelled), or {@code null}
   */
  default void onBatchEnd(long callId, List<?> outputs, Throwable error) {}
}
