package dev.jspy.testing;

import dev.jspy.lm.CallOptions;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Message;
import dev.jspy.lm.Usage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An in-process LM whose reply is a function of the request; it completes on its own thread (as a real
 * LM's I/O thread would) and records every request.
 */
public final class ScriptedLM implements LM {
  private final BiFunction<LMRequest, CallOptions, String> reply;
  private final ConcurrentLinkedQueue<LMRequest> requests = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<CallOptions> options = new ConcurrentLinkedQueue<>();
  /** The options of the call whose {@link #acall(LMRequest)} runs now (the observation calls it inline). */
  private final ThreadLocal<CallOptions> current = new ThreadLocal<>();
  private final ExecutorService io = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "scripted-lm");
    t.setDaemon(true);
    return t;
  });

  public ScriptedLM(Function<LMRequest, String> reply) {
    this.reply = (r, o) -> reply.apply(r);
  }

  /** An LM whose reply also depends on the call's options (its rollout id, say). */
  public ScriptedLM(BiFunction<LMRequest, CallOptions, String> reply) {
    this.reply = reply;
  }

  /** An LM answering each question (the last user message's {@code question} field) with {@code answer}. */
  public static ScriptedLM answering(Function<String, String> answer) {
    return new ScriptedLM(r -> "[[ ## answer ## ]]\n" + answer.apply(field(r, "question")) + "\n\n[[ ## completed ## ]]\n");
  }

  /** The value of {@code [[ ## name ## ]]} in the request's last message. */
  public static String field(LMRequest r, String name) {
    List<Message> m = r.messages();
    String text = m.get(m.size() - 1).content();
    String marker = "[[ ## " + name + " ## ]]\n";
    int at = text.indexOf(marker);
    if (at < 0) {
      return "";
    }
    int start = at + marker.length();
    int end = text.indexOf("\n\n", start);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  @Override
  public String model() {
    return "scripted/m";
  }

  @Override
  public CompletableFuture<LMResponse> acall(LMRequest request, CallOptions callOptions) {
    current.set(callOptions);
    try {
      return LM.super.acall(request, callOptions);
    } finally {
      current.remove();
    }
  }

  @Override
  public CompletableFuture<LMResponse> acall(LMRequest request) {
    CallOptions o = current.get() != null ? current.get() : CallOptions.NONE;
    requests.add(request);
    options.add(o);
    return CompletableFuture.supplyAsync(
        () -> new LMResponse(List.of(new LMResponse.Choice(reply.apply(request, o), "stop")), Usage.NONE, "m"), io);
  }

  public List<LMRequest> requests() {
    return List.copyOf(requests);
  }

  /** @return the options of each call, in the order of {@link #requests()} */
  public List<CallOptions> options() {
    return List.copyOf(options);
  }

  @Override
  public void close() {
    io.shutdownNow();
  }
}
