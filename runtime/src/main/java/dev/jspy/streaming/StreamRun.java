package dev.jspy.streaming;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import dev.jspy.Jspy;
import dev.jspy.Settings;
import dev.jspy.internal.Workers;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One streamed run of a program: a {@link Flow.Publisher} of its {@link StreamEvent}s (field chunks and
 * status messages in the order they happened, then the {@link Final} result if asked for), and the result
 * as a {@link CompletableFuture}.
 *
 * <p>One subscriber per run (a second one gets {@code onError}). Events are delivered on a jspy worker
 * thread, never on the LM's I/O thread, with the settings of the caller that started the run in force (as
 * the futures here complete, see {@link Jspy}), as the subscriber {@linkplain Flow.Subscription#request requests} them.
 * Memory is bounded: when the buffer holds its limit of field chunks, reading the LM's reply pauses (no
 * thread waits; TCP holds the server back) until the subscriber has taken half of them. Status messages
 * and the final event are never held back; there are at most a few per module and tool call. Cancelling
 * the subscription, or the {@link #result()} future, cancels the program and its HTTP calls. A program that
 * fails ends the stream with {@code onError} and the result with the same exception.
 *
 * @param <O> the program's output
 */
public final class StreamRun<O> implements Flow.Publisher<StreamEvent> {
  private final int capacity;
  /** The settings of the caller that started the run: in force while events are delivered and futures complete. */
  private final Settings settings = Jspy.current();
  private final Executor executor = Jspy.wrap(Workers.executor());
  private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
  private final AtomicInteger wip = new AtomicInteger();
  private final CompletableFuture<O> result =
      new CompletableFuture<>() {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
          boolean c = super.cancel(mayInterruptIfRunning);
          StreamRun.this.cancelProgram();
          return c;
        }
      };
  private CompletableFuture<O> program;
  private Flow.Subscriber<? super StreamEvent> subscriber;
  private long demand;
  private boolean cancelled;
  private boolean done;
  private boolean terminated;
  private Throwable error;
  private CompletableFuture<Void> space;

  StreamRun(int capacity) {
    this.capacity = capacity;
  }

  void start(CompletableFuture<O> program, boolean includeFinal) {
    synchronized (this) {
      this.program = program;
    }
    if (result.isCancelled()) {
      program.cancel(true);
    }
    program.whenComplete(
        (o, e) -> {
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause == null && includeFinal && o != null) {
            offer(new Final<>(o), false);
          }
          synchronized (this) {
            done = true;
            error = cause;
          }
          drain();
          try (Jspy.Scope scope = Jspy.context(settings)) {
            if (cause == null) {
              result.complete(o);
            } else {
              result.completeExceptionally(cause);
            }
          }
        });
  }

  /** @return the program's result; cancelling it cancels the run */
  public CompletableFuture<O> result() {
    return result;
  }

  /**
   * The callback form: delivers every event to {@code onEvent}, in order, one at a time, on a pool thread.
   *
   * @param onEvent receives each event; an exception it throws cancels the run and fails the result
   * @return the program's result, completed once every event was delivered
   */
  public CompletableFuture<O> forEach(Consumer<? super StreamEvent> onEvent) {
    Objects.requireNonNull(onEvent, "onEvent");
    CompletableFuture<O> delivered =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            result.cancel(mayInterruptIfRunning);
            return super.cancel(mayInterruptIfRunning);
          }
        };
    subscribe(
        new Flow.Subscriber<StreamEvent>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(StreamEvent item) {
            onEvent.accept(item);
          }

          @Override
          public void onError(Throwable t) {
            delivered.completeExceptionally(t);
          }

          @Override
          public void onComplete() {
            result.whenComplete((o, e) -> {
              if (e != null) {
                delivered.completeExceptionally(e);
              } else {
                delivered.complete(o);
              }
            });
          }
        });
    return delivered;
  }

  /**
   * The blocking form: an iterator over the events, for callers who do not use {@link Flow}. It asks for
   * events as it is read, so a slow reader holds the LM back instead of filling memory. A failed program
   * makes {@code hasNext} throw its exception (a {@link RuntimeException} as it is, else wrapped in a
   * {@link CompletionException}).
   *
   * @return the events, in order
   */
  public Iterator<StreamEvent> iterator() {
    BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    Object end = new Object();
    Flow.Subscription[] subscription = new Flow.Subscription[1];
    subscribe(
        new Flow.Subscriber<StreamEvent>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription[0] = s;
            s.request(capacity);
          }

          @Override
          public void onNext(StreamEvent item) {
            items.add(item);
          }

          @Override
          public void onError(Throwable t) {
            items.add(new Failure(t));
          }

          @Override
          public void onComplete() {
            items.add(end);
          }
        });
    return new Iterator<>() {
      private Object next;
      private int taken;

      @Override
      public boolean hasNext() {
        if (next == null) {
          try {
            next = items.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new CancellationException("interrupted while waiting for the next stream event");
          }
        }
        if (next instanceof Failure) {
          Throwable t = ((Failure) next).error;
          throw t instanceof RuntimeException ? (RuntimeException) t : new CompletionException(t);
        }
        return next != end;
      }

      @Override
      public StreamEvent next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        StreamEvent e = (StreamEvent) next;
        next = null;
        if (++taken == capacity / 2) { // keep asking as the reader takes them: bounded, never stalled
          taken = 0;
          subscription[0].request(capacity / 2);
        }
        return e;
      }
    };
  }

  private static final class Failure {
    final Throwable error;

    Failure(Throwable error) {
      this.error = error;
    }
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamEvent> s) {
    Objects.requireNonNull(s, "subscriber");
    synchronized (this) {
      if (subscriber != null) {
        s.onSubscribe(new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
        s.onError(new IllegalStateException("a stream run has one subscriber; call stream(input) again for another"));
        return;
      }
      subscriber = s;
    }
    s.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            if (n <= 0) {
              synchronized (StreamRun.this) {
                error = new IllegalArgumentException("Flow rule 3.9: request(n) needs n > 0, got " + n);
                done = true;
                queue.clear();
              }
              cancelProgram();
            } else {
              synchronized (StreamRun.this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
              }
            }
            drain();
          }

          @Override
          public void cancel() {
            cancelProgram();
          }
        });
    drain();
  }

  private void cancelProgram() {
    CompletableFuture<O> p;
    CompletableFuture<Void> release;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      queue.clear();
      p = program;
      release = space;
      space = null;
    }
    if (release != null) {
      release.complete(null); // lets the paused reader see the cancellation and close the reply
    }
    if (p != null) {
      p.cancel(true);
    }
    result.cancel(true);
  }

  /**
   * Queues an event. A field chunk that fills the buffer returns a stage the LM reader waits for (without a
   * thread) before it reads on.
   */
  CompletionStage<?> offer(StreamEvent event, boolean gated) {
    CompletionStage<?> gate = null;
    synchronized (this) {
      if (cancelled || terminated) {
        return null;
      }
      queue.add(event);
      if (gated && queue.size() >= capacity) {
        if (space == null) {
          space = new CompletableFuture<>();
        }
        gate = space;
      }
    }
    drain();
    return gate;
  }

  private void drain() {
    if (wip.getAndIncrement() == 0) {
      executor.execute(this::drainLoop);
    }
  }

  private void drainLoop() {
    int missed = 1;
    while (true) {
      while (true) {
        StreamEvent next = null;
        CompletableFuture<Void> release = null;
        boolean terminate = false;
        Throwable failure = null;
        Flow.Subscriber<? super StreamEvent> s;
        synchronized (this) {
          s = subscriber;
          if (s == null || terminated) {
            break;
          }
          if (cancelled) {
            terminated = true;
            break;
          }
          if (demand > 0 && !queue.isEmpty()) {
            next = queue.poll();
            if (demand != Long.MAX_VALUE) {
              demand--;
            }
            if (space != null && queue.size() <= capacity / 2) {
              release = space;
              space = null;
            }
          } else if (queue.isEmpty() && done) {
            terminated = true;
            terminate = true;
            failure = error;
          }
        }
        if (release != null) {
          release.complete(null);
        }
        if (next != null) {
          try {
            s.onNext(next);
          } catch (RuntimeException | Error t) {
            synchronized (this) {
              terminated = true;
            }
            result.completeExceptionally(t);
            cancelProgram();
            s.onError(t);
            break;
          }
          continue;
        }
        if (terminate) {
          if (failure != null) {
            s.onError(failure);
          } else {
            s.onComplete();
          }
        }
        break;
      }
      missed = wip.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }
}
