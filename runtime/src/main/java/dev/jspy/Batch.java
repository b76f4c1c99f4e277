package dev.jspy;

import dev.jspy.internal.Futures;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@link Module#abatch}: keeps up to {@code window} inputs running, each finished input making room
 * for the next, so no thread waits for a free slot; results land in input order. Starting is a loop
 * guarded by a work counter, so inputs that finish at once (cache hits) do not recurse. Every input runs
 * with the batch's settings, passed as a value; with callbacks, the batch is a call of its own
 * ({@link Callback#onBatchStart}) and every input runs inside it, whichever thread starts it.
 */
final class Batch<I, O> {
  private final Module<I, O> module;
  private final List<I> inputs;
  private final int window;
  /** The caller's settings: the batch's future completes with them in force. */
  private final Settings settings;
  /** What the inputs run with: the caller's settings, inside the batch's call when there are callbacks. */
  private final Settings inputSettings;
  private final long callId; // 0 when no callback sees the batch
  private final AtomicBoolean reported = new AtomicBoolean();
  private final Object[] results;
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private int next; // guarded by the wip counter: only the draining thread reads or writes it
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Set<CompletableFuture<O>> running = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<List<O>> result = new CompletableFuture<>();

  Batch(Module<I, O> module, List<I> inputs, int window, Settings settings) {
    this.module = module;
    this.inputs = inputs;
    this.window = window;
    this.settings = settings;
    this.results = new Object[inputs.size()];
    List<Callback> callbacks = settings.callbacks();
    this.callId = callbacks.isEmpty() ? 0 : Callbacks.batchStart(callbacks, settings.callId(), module, inputs);
    this.inputSettings = callbacks.isEmpty() ? settings : settings.inCall(callId);
    result.whenComplete(
        (v, e) -> {
          if (e instanceof CancellationException) {
            reportEnd(null, e);
            cancelRunning();
          }
        });
  }

  CompletableFuture<List<O>> start() {
    if (inputs.isEmpty()) {
      reportEnd(List.of(), null);
      result.complete(List.of());
    } else {
      drain();
    }
    return result;
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return; // the thread already draining will see the room this call was about
    }
    do {
      while (next < inputs.size() && inFlight.get() < window) {
        int i = next++;
        if (failure.get() != null || result.isDone()) {
          end(); // not started after a failure or a cancel; counted so the batch still ends
          continue;
        }
        inFlight.incrementAndGet();
        CompletableFuture<O> f = module.acall(inputs.get(i), inputSettings);
        running.add(f);
        f.whenComplete(
            (value, error) -> {
              running.remove(f);
              if (error != null) {
                failure.compareAndSet(null, Futures.unwrap(error));
              } else {
                results[i] = value;
              }
              inFlight.decrementAndGet();
              end();
              drain();
            });
      }
    } while (wip.decrementAndGet() != 0);
  }

  @SuppressWarnings("unchecked")
  private void end() {
    if (ended.incrementAndGet() < inputs.size()) {
      return;
    }
    Throwable e = failure.get();
    List<O> outputs = e != null ? null : Collections.unmodifiableList((List<O>) Arrays.asList(results));
    reportEnd(outputs, e); // before the caller's continuations run, as a module call's end
    // Completed with the batch's settings in force, as every future jspy returns (see Jspy).
    Jspy.runWith(settings, () -> e != null ? result.completeExceptionally(e) : result.complete(outputs));
  }

  /** Tells the callbacks the batch ended, once (an end and a cancel may race). */
  private void reportEnd(List<O> outputs, Throwable error) {
    if (callId != 0 && reported.compareAndSet(false, true)) {
      Callbacks.batchEnd(settings.callbacks(), callId, outputs, error);
    }
  }

  private void cancelRunning() {
    for (CompletableFuture<O> f : running) {
      f.cancel(true);
    }
  }
}
