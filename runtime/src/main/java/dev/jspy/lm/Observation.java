package dev.jspy.lm;

import dev.jspy.internal.CallIds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observation link: callbacks' start and end, then the recorder (history, usage). While the rest of
 * the chain starts, an LM that the transport calls in turn sees no ambient options, so a wrapping LM's call
 * is observed once, not twice.
 */
final class Observation implements Interceptor {
  static final Observation INSTANCE = new Observation();

  private static final Logger log = LoggerFactory.getLogger(Observation.class);
  /** Per thread, whether it is starting an observed call's downstream links (a holder: no entry per call). */
  private static final ThreadLocal<boolean[]> STARTING = ThreadLocal.withInitial(() -> new boolean[1]);

  private Observation() {}

  /** Whether the current thread is starting an observed call's downstream links. */
  static boolean starting() {
    return STARTING.get()[0];
  }

  @Override
  public CompletableFuture<LMResponse> intercept(Chain chain) {
    return observe(chain.lm(), chain.request(), chain.options(), chain::proceed);
  }

  /** Observes {@code rest}, the chain below this link, called with the request and options. */
  static CompletableFuture<LMResponse> observe(
      LM lm, LMRequest request, CallOptions options,
      BiFunction<LMRequest, CallOptions, CompletableFuture<LMResponse>> rest) {
    List<LMCallback> callbacks = options.callbacks();
    LMRecorder recorder = options.recorder();
    if (callbacks.isEmpty() && recorder == null) {
      return quietly(rest, request, options);
    }
    long start = System.nanoTime();
    long id = callbacks.isEmpty() ? 0 : CallIds.next();
    for (LMCallback c : callbacks) {
      try {
        c.onLmStart(id, options.parentCallId(), lm, request);
      } catch (RuntimeException | Error e) {
        callbackFailed(c, "onLmStart", e);
      }
    }
    CompletableFuture<LMResponse> inner = quietly(rest, request, options);
    Downstream<LMResponse> out = new Downstream<>(inner);
    inner.whenComplete(
        (r, e) -> {
          Throwable error = e == null ? null : Downstream.unwrap(e);
          if (r != null && recorder != null) {
            try {
              recorder.record(lm, request, r, Duration.ofNanos(System.nanoTime() - start));
            } catch (RuntimeException | Error x) {
              callbackFailed(recorder, "record", x);
            }
          }
          for (LMCallback c : callbacks) {
            try {
              c.onLmEnd(id, r, error);
            } catch (RuntimeException | Error x) {
              callbackFailed(c, "onLmEnd", x);
            }
          }
          if (error != null) {
            out.completeExceptionally(error);
          } else {
            out.complete(r);
          }
        });
    return out;
  }

  private static CompletableFuture<LMResponse> quietly(
      BiFunction<LMRequest, CallOptions, CompletableFuture<LMResponse>> rest, LMRequest request,
      CallOptions options) {
    boolean[] starting = STARTING.get();
    if (starting[0]) {
      return rest.apply(request, options);
    }
    starting[0] = true;
    try {
      return rest.apply(request, options);
    } finally {
      starting[0] = false;
    }
  }

  private static void callbackFailed(Object c, String method, Throwable e) {
    // An Error from a callback (a class that fails to load, an assertion, a stack overflow) is the
    // callback's failure, not the call's; only running out of memory and the like concern everyone.
    if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
      throw (VirtualMachineError) e;
    }
    log.warn("callback {}.{} threw; the call goes on: {}", c.getClass().getName(), method, e.toString(), e);
  }
}
