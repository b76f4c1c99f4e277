package dev.jspy;

import dev.jspy.lm.LM;
import dev.jspy.lm.LMException;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process LM that replies on its own thread ("gate-lm-io", as a real LM's I/O thread) and, while its
 * gate is closed, holds every reply until {@link #open()}: so a test can attach continuations before a call
 * completes. Replies come from a function of the request; {@link #failing()} makes every reply an
 * {@link LMException}.
 */
final class GateLM implements LM {
  private final String name;
  private final Function<LMRequest, String> reply;
  private final ExecutorService io =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "gate-lm-io");
            t.setDaemon(true);
            return t;
          });
  private final List<Runnable> held = new ArrayList<>(); // guarded by this
  private final AtomicInteger requests = new AtomicInteger();
  private boolean open; // guarded by this
  private volatile boolean failing;

  GateLM(String name, Function<LMRequest, String> reply) {
    this.name = name;
    this.reply = reply;
  }

  /** An LM answering every Qa question with {@code answer}. */
  static GateLM answering(String name, String answer) {
    return new GateLM(name, r -> "[[ ## answer ## ]]\n" + answer + "\n\n[[ ## completed ## ]]\n");
  }

  GateLM failing() {
    failing = true;
    return this;
  }

  /** Releases the replies held so far and answers every later request at once (on the I/O thread). */
  void open() {
    List<Runnable> release;
    synchronized (this) {
      open = true;
      release = new ArrayList<>(held);
      held.clear();
    }
    release.forEach(io::execute);
  }

  int requests() {
    return requests.get();
  }

  @Override
  public String model() {
    return "gate/" + name;
  }

  @Override
  public CompletableFuture<LMResponse> acall(LMRequest request) {
    requests.incrementAndGet();
    CompletableFuture<LMResponse> out = new CompletableFuture<>();
    Runnable answer =
        () -> {
          if (failing) {
            out.completeExceptionally(new LMException(model(), "the gate LM fails", null));
          } else {
            out.complete(
                new LMResponse(List.of(new LMResponse.Choice(reply.apply(request), "stop")), Usage.NONE, name));
          }
        };
    synchronized (this) {
      if (!open) {
        held.add(answer);
        return out;
      }
    }
    io.execute(answer);
    return out;
  }

  @Override
  public void close() {
    io.shutdownNow();
  }

  @Override
  public String toString() {
    return model();
  }
}
