package dev.jspy;

import dev.jspy.adapters.AdapterParseException;
import dev.jspy.internal.Futures;
import dev.jspy.internal.Workers;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMTruncatedException;
import dev.jspy.adapters.ChatAdapter;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.signature.Values;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool-using agent, as DSPy's {@code dspy.ReAct}: in each step the LM thinks, picks a tool and its
 * arguments, and sees the tool's result; after {@code finish} (or {@code maxIters} steps) a
 * {@link ChainOfThought} over the signature and the trajectory extracts the outputs. Generated
 * {@code <Name>ReAct} classes extend this with typed overloads.
 *
 * <p>The prompts are DSPy's own, so a program tuned with DSPy behaves the same. {@link #forward} runs tools
 * with {@link Tool#call} on the calling thread (so async tools need {@code allowToolAsyncSyncConversion});
 * {@link #aforward} runs async tools with {@link Tool#acall} and synchronous ones on a jspy worker. A tool
 * that throws an exception, an unknown tool name, arguments that do not fit, or a tool still running at the
 * {@link #toolTimeout(Duration) tool timeout} become an observation the LM reads ({@code "Execution error
 * in <tool>: …"}), as in DSPy; an {@link Error} thrown by a tool propagates from both. A step whose reply
 * cannot be parsed, even by the adapter's fallback, or was cut off at the token limit, ends the trajectory,
 * and the outputs are still extracted from the steps so far.
 *
 * @param <I> the input record
 * @param <O> the output record: {@code trajectory()}, {@code reasoning()}, then the signature's outputs
 */
public class ReAct<I, O> extends Module<I, O> {
  /** DSPy's default step budget. */
  public static final int DEFAULT_MAX_ITERS = 20;

  /**
   * How long a tool may run unless {@link #toolTimeout(Duration)} says otherwise: 60 seconds. DSPy has no
   * tool timeout; a service needs a bound, so a stuck tool costs a step rather than the whole call.
   */
  public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(ReAct.class);
  private static final String FINISH = "finish";
  /** What a tool's future completes with at the timeout; never a tool's result. */
  private static final Object TIMED_OUT = new Object();

  private final SignatureSpec<I, ?> signature;
  private final Map<String, Tool> tools;
  private final int maxIters;
  private final Predict<Object[], Object[]> react;
  private final ChainOfThought<Object[], Object[]> extract;
  private final Function<Values, O> outputs;
  private volatile Duration toolTimeout = DEFAULT_TOOL_TIMEOUT;

  /**
   * @param signature the task
   * @param tools the tools the agent may call ({@code finish} is added)
   * @param maxIters the most think-act steps before extracting
   * @param outputs builds the output record from the trajectory, the extraction's reasoning and the
   *     signature's outputs, in that order
   */
  public ReAct(SignatureSpec<I, ?> signature, List<Tool> tools, int maxIters, Function<Values, O> outputs) {
    if (maxIters < 1) {
      throw new IllegalArgumentException("maxIters must be at least 1, got " + maxIters);
    }
    this.signature = signature;
    this.maxIters = maxIters;
    this.outputs = outputs;
    Map<String, Tool> byName = new LinkedHashMap<>();
    for (Tool t : tools) {
      if (t.name().equals(FINISH)) {
        throw new IllegalArgumentException("a tool may not be named 'finish': ReAct adds its own finish tool");
      }
      if (byName.put(t.name(), t) != null) {
        throw new IllegalArgumentException("two tools are named '" + t.name() + "'");
      }
    }
    String outNames = backticked(signature.outputs());
    byName.put(
        FINISH,
        Tool.of(
            FINISH,
            "Marks the task as complete. That is, signals that all information for producing the outputs, i.e. "
                + outNames
                + ", are now available to be extracted.",
            List.of(),
            args -> "Completed."));
    this.tools = java.util.Collections.unmodifiableMap(byName);
    this.react = new Predict<>(stepSignature(signature, byName));
    this.extract = new ChainOfThought<>(extractSignature(signature), Values::toArray, o -> o);
  }

  private static String backticked(List<FieldSpec> fields) {
    List<String> names = new ArrayList<>();
    for (FieldSpec f : fields) {
      names.add("`" + f.name() + "`");
    }
    return String.join(", ", names);
  }

  private static SignatureSpec<Object[], Object[]> stepSignature(SignatureSpec<?, ?> sig, Map<String, Tool> tools) {
    List<String> instr = new ArrayList<>();
    if (!sig.instructions().isEmpty()) {
      instr.add(sig.instructions() + "\n");
    }
    instr.add(
        "You are an Agent. In each episode, you will be given the fields "
            + backticked(sig.inputs())
            + " as input. And you can see your past trajectory so far.");
    instr.add(
        "Your goal is to use one or more of the supplied tools to collect any necessary information for producing "
            + backticked(sig.outputs())
            + ".\n");
    instr.add(
        "To do this, you will interleave next_thought, next_tool_name, and next_tool_args in each turn, and also when finishing the task.");
    instr.add("After each tool call, you receive a resulting observation, which gets appended to your trajectory.\n");
    instr.add(
        "When writing next_thought, you may reason about the current situation and plan for future steps.");
    instr.add("When selecting the next_tool_name and its next_tool_args, the tool must be one of:\n");
    int idx = 1;
    for (Tool t : tools.values()) {
      instr.add("(" + idx++ + ") " + t.describe());
    }
    instr.add("When providing `next_tool_args`, the value inside the field must be in JSON format");

    SignatureSpec.Builder<Object[], Object[]> b =
        SignatureSpec.<Object[], Object[]>builder(sig.name() + "ReActStep").instructions(String.join("\n", instr));
    for (FieldSpec f : sig.inputs()) {
      b.input(f.name(), f.description(), f.type());
    }
    return b.input("trajectory", "", FieldType.STRING)
        .output("next_thought", "", FieldType.STRING)
        .output("next_tool_name", "", FieldType.literal(new ArrayList<>(tools.keySet()), false))
        .output("next_tool_args", "", FieldType.map(FieldType.ANY))
        .inputValues(in -> in)
        .outputs(Values::toArray)
        .outputValues(out -> out)
        .build();
  }

  private static SignatureSpec<Object[], Object[]> extractSignature(SignatureSpec<?, ?> sig) {
    SignatureSpec.Builder<Object[], Object[]> b =
        SignatureSpec.<Object[], Object[]>builder(sig.name() + "ReActExtract").instructions(sig.instructions());
    for (FieldSpec f : sig.inputs()) {
      b.input(f.name(), f.description(), f.type());
    }
    b.input("trajectory", "", FieldType.STRING);
    for (FieldSpec f : sig.outputs()) {
      b.output(f.name(), f.description(), f.type());
    }
    return b.inputValues(in -> in).outputs(Values::toArray).outputValues(out -> out).build();
  }

  /** @return the tools by name, {@code finish} last */
  public Map<String, Tool> tools() {
    return tools;
  }

  /** @return the most think-act steps before extracting */
  public int maxIters() {
    return maxIters;
  }

  /** @return how long a tool may run before it is stopped, or {@code null} for no bound */
  public Duration toolTimeout() {
    return toolTimeout;
  }

  /**
   * Bounds each tool call. A tool still running at the timeout is stopped — an async tool's future is
   * cancelled, a synchronous tool's thread interrupted — and the LM reads {@code "Execution error in
   * <tool>: TimeoutException: …"} as the step's observation. In {@link #forward} a synchronous tool runs
   * on the caller's thread, so the step ends once the interrupted tool returns; in {@link #aforward} it
   * ends at the timeout.
   *
   * @param timeout the bound, positive; {@code null} for none, as in DSPy
   * @return this module
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public ReAct<I, O> toolTimeout(Duration timeout) {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("the tool timeout must be positive (or null for none), got " + timeout);
    }
    this.toolTimeout = timeout;
    return this;
  }

  /**
   * @param lm the LM both inner predictors use, or {@code null} for the settings' LM
   * @return this module
   */
  public ReAct<I, O> lm(LM lm) {
    react.lm(lm);
    extract.lm(lm);
    return this;
  }

  /**
   * Runs the agent and waits: the same as {@link #call}. Tools run with {@link Tool#call} on the calling
   * thread.
   *
   * @param input the input record
   * @return the outputs
   */
  @Override
  public O forward(I input) {
    return call(input);
  }

  /**
   * Runs the agent without blocking: the same as {@link #acall}. Async tools run through {@link Tool#acall},
   * synchronous ones on a jspy worker; cancelling the future cancels the step in flight.
   *
   * @param input the input record
   * @return the outputs, or a future failed with the runtime's exception
   */
  @Override
  public CompletableFuture<O> aforward(I input) {
    return acall(input);
  }

  @Override
  O callBody(I input, Settings settings) {
    Object[] in = signature.inputValues(input);
    Trajectory trajectory = Trajectory.EMPTY;
    for (int i = 0; i < maxIters; i++) {
      Object[] pred;
      try {
        pred = react.call(withTrajectory(in, trajectory), settings);
      } catch (AdapterParseException | LMTruncatedException e) {
        endingTheTrajectory(e);
        break;
      }
      String toolName = (String) pred[1];
      Map<String, Object> args = toolArgs(pred[2]);
      Tool tool = tools.get(toolName);
      Object observation = tool == null ? unknownTool(toolName) : callBounded(tool, args, settings);
      trajectory = trajectory.plus(new Trajectory.Step((String) pred[0], toolName, args, observation));
      if (FINISH.equals(toolName)) {
        break;
      }
    }
    Object[] extracted = extract.call(withTrajectory(in, trajectory), settings);
    return result(trajectory, extracted);
  }

  @Override
  CompletableFuture<O> acallBody(I input, Settings settings) {
    Object[] in = signature.inputValues(input);
    // Every step runs with the call's settings, passed as a value: whatever thread completed the previous
    // step (an async tool completes on its own executor), no thread-local is read.
    Run run = new Run(settings);
    astep(run, in, Trajectory.EMPTY, 0)
        .thenCompose(t -> run.track(extract.acall(withTrajectory(in, t), settings)).thenApply(x -> result(t, x)))
        .whenComplete(
            (value, error) -> {
              if (error != null) {
                run.result.completeExceptionally(Futures.unwrap(error));
              } else {
                run.result.complete(value);
              }
            });
    return run.result;
  }

  /** One aforward: its settings, the step in flight to cancel, and the future handed to the caller. */
  private final class Run {
    final Settings settings;
    final AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
    final CompletableFuture<O> result = new CompletableFuture<>();

    Run(Settings settings) {
      this.settings = settings;
      result.whenComplete(
          (o, e) -> {
            if (e instanceof CancellationException) {
              CompletableFuture<?> f = inFlight.get();
              if (f != null) {
                f.cancel(true);
              }
            }
          });
    }

    /** Makes {@code f} (an LM call or a tool) the work to cancel. */
    <T> CompletableFuture<T> track(CompletableFuture<T> f) {
      inFlight.set(f);
      if (result.isCancelled()) {
        f.cancel(true);
      }
      return f;
    }

    boolean stopped() {
      return result.isDone();
    }
  }

  private CompletableFuture<Trajectory> astep(Run run, Object[] in, Trajectory trajectory, int i) {
    if (i >= maxIters || run.stopped()) {
      return CompletableFuture.completedFuture(trajectory);
    }
    return run.track(react.acall(withTrajectory(in, trajectory), run.settings))
        .handle(
            (pred, error) -> {
              if (error == null) {
                return pred;
              }
              Throwable cause = Futures.unwrap(error);
              if (cause instanceof AdapterParseException || cause instanceof LMTruncatedException) {
                endingTheTrajectory(cause);
                return null;
              }
              throw Futures.rethrow(cause);
            })
        .thenCompose(
            pred -> {
              if (pred == null) {
                return CompletableFuture.completedFuture(trajectory);
              }
              if (run.stopped()) {
                throw new CancellationException("the ReAct run was cancelled");
              }
              String toolName = (String) pred[1];
              Map<String, Object> args = toolArgs(pred[2]);
              return observe(run, toolName, args)
                  .thenCompose(
                      obs -> {
                        Trajectory next =
                            trajectory.plus(new Trajectory.Step((String) pred[0], toolName, args, obs));
                        return FINISH.equals(toolName)
                            ? CompletableFuture.completedFuture(next)
                            : astep(run, in, next, i + 1);
                      });
            });
  }

  /**
   * The step's reply could not be used (unparseable even by the fallback adapter, or cut off at the token
   * limit): the trajectory ends here and the outputs are extracted from the steps so far, as DSPy's loop
   * ends on a step that fails to pick a valid tool ({@code except ValueError}).
   */
  private static void endingTheTrajectory(Throwable cause) {
    log.warn(
        cause instanceof LMTruncatedException
            ? "Ending the trajectory: the agent's step was cut off at the token limit: {}"
            : "Ending the trajectory: the agent's step could not be parsed: {}",
        cause.getMessage());
  }

  /**
   * Runs a tool for {@link #forward}, on the calling thread: an exception becomes the observation, an
   * {@link Error} propagates. At the tool timeout the thread is interrupted (an async tool waited for
   * with {@code allowToolAsyncSyncConversion} then has its future cancelled) and, once the tool returns,
   * the observation says it timed out.
   */
  private Object callBounded(Tool tool, Map<String, Object> args, Settings settings) {
    Duration timeout = toolTimeout;
    if (timeout == null) {
      try {
        return tool.observation(tool.call(args, settings));
      } catch (RuntimeException e) {
        return executionError(tool.name(), e);
      }
    }
    Thread caller = Thread.currentThread();
    Object lock = new Object();
    boolean[] state = new boolean[2]; // [0]: the tool returned, [1]: the watchdog interrupted it
    CompletableFuture<Void> watchdog = new CompletableFuture<>();
    watchdog
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS) // the JDK's delay thread; cancelled when the tool returns
        .whenComplete(
            (v, e) -> {
              if (e instanceof TimeoutException) {
                synchronized (lock) {
                  if (!state[0]) {
                    state[1] = true;
                    caller.interrupt();
                  }
                }
              }
            });
    Object observation;
    boolean timedOut;
    try {
      observation = tool.observation(tool.call(args, settings));
    } catch (RuntimeException e) {
      observation = executionError(tool.name(), e);
    } finally {
      synchronized (lock) {
        state[0] = true;
        timedOut = state[1];
      }
      watchdog.complete(null);
      if (timedOut) {
        Thread.interrupted(); // the watchdog's interrupt (delivered inside the lock) must not outlive the tool
      }
    }
    return timedOut ? timedOut(tool.name(), timeout) : observation;
  }

  /**
   * Runs a tool for {@link #aforward}: an async tool through {@code acall}; a synchronous one on a jspy
   * worker, so a slow or blocking tool never holds the LM's I/O thread (and its concurrency slot). The tool
   * is the run's work in flight: cancelling the run, or the tool timeout, cancels an async tool's future
   * or interrupts the synchronous tool's thread. Every exception, and the timeout, becomes the observation
   * the LM reads next; a cancellation or an {@link Error} fails the run.
   */
  private CompletableFuture<Object> observe(Run run, String toolName, Map<String, Object> args) {
    Tool tool = tools.get(toolName);
    if (tool == null) {
      return CompletableFuture.completedFuture(unknownTool(toolName));
    }
    // What the run waits for: the tool's outcome, a timeout, or the run's cancellation.
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Duration timeout = toolTimeout;
    CompletableFuture<Object> running;
    Runnable stop;
    if (tool.isAsync()) {
      running = tool.acall(args, run.settings);
      stop = () -> running.cancel(true);
      timeOut(outcome, timeout);
    } else {
      CompletableFuture<Object> done = new CompletableFuture<>();
      FutureTask<Void> task =
          new FutureTask<>(
              () -> {
                timeOut(outcome, timeout); // from when the tool starts, not while it waits for a worker
                try {
                  done.complete(tool.call(args, run.settings));
                } catch (Throwable t) { // an Error too: it fails the run below, not this worker
                  done.completeExceptionally(t);
                }
                return null;
              });
      // Inside a synchronous body on the blocking lane, the tool must not queue behind that body.
      (run.settings.inBlockingBody() ? Workers.nestedBlocking() : Workers.blocking()).execute(task);
      running = done;
      stop = () -> task.cancel(true);
    }
    running.whenComplete(
        (r, e) -> {
          if (e == null) {
            outcome.complete(r);
          } else {
            outcome.completeExceptionally(Futures.unwrap(e));
          }
        });
    outcome.whenComplete(
        (r, e) -> {
          if ((e != null || r == TIMED_OUT) && !running.isDone()) {
            stop.run(); // the timeout, or the run was cancelled
          }
        });
    return run.track(outcome)
        .handle(
            (r, e) -> {
              if (e == null) {
                return r == TIMED_OUT ? timedOut(toolName, timeout) : tool.observation(r);
              }
              Throwable cause = Futures.unwrap(e);
              if (cause instanceof CancellationException) {
                throw (CancellationException) cause;
              }
              if (cause instanceof Error) {
                throw (Error) cause;
              }
              return executionError(toolName, cause);
            });
  }

  /**
   * Completes {@code outcome} with {@link #TIMED_OUT} after {@code timeout} unless it completes first; the
   * JDK's delay thread keeps the time (its timer cancelled when the tool finishes first) and a jspy worker
   * goes on with the run.
   */
  private static void timeOut(CompletableFuture<Object> outcome, Duration timeout) {
    if (timeout == null) {
      return;
    }
    CompletableFuture<Object> timer = new CompletableFuture<>();
    timer.completeOnTimeout(TIMED_OUT, timeout.toNanos(), TimeUnit.NANOSECONDS)
        .thenAcceptAsync(
            r -> {
              if (r == TIMED_OUT) {
                outcome.complete(TIMED_OUT);
              }
            },
            Workers.executor());
    outcome.whenComplete((r, e) -> timer.complete(null));
  }

  /** The observation for a tool stopped at the timeout: what was expected, and that nothing came. */
  private static String timedOut(String toolName, Duration timeout) {
    return executionError(
        toolName,
        new TimeoutException(
            "the tool did not finish within " + seconds(timeout) + " (ReAct's toolTimeout) and was stopped"));
  }

  private static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }

  private O result(Trajectory trajectory, Object[] extracted) {
    Object[] values = new Object[extracted.length + 1];
    values[0] = trajectory;
    System.arraycopy(extracted, 0, values, 1, extracted.length);
    return outputs.apply(new Values(values));
  }

  private Object[] withTrajectory(Object[] in, Trajectory trajectory) {
    Object[] out = Arrays.copyOf(in, in.length + 1);
    out[in.length] = ChatAdapter.formatTrajectory(trajectory.toMap());
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toolArgs(Object parsed) {
    return parsed == null ? Map.of() : (Map<String, Object>) parsed;
  }

  private String unknownTool(String name) {
    return "Execution error in " + name + ": unknown tool '" + name + "'; the tool must be one of: "
        + String.join(", ", tools.keySet());
  }

  private static String executionError(String toolName, Throwable e) {
    return "Execution error in " + toolName + ": " + e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** @return the module and its signature, as DSPy prints a predictor */
  @Override
  public String toString() {
    return "ReAct(" + signature + ", tools=" + tools.keySet() + ", maxIters=" + maxIters + ")";
  }
}
