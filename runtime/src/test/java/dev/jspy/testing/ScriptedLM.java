package dev.jspy.testing;

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
import java.util.function.Function;

/**
 * An in-process LM whose reply is a function of the request; it completes on its own thread (as a real
 * LM's I/O thread would) and records every request.
 */
public final class ScriptedLM implements LM {
  private final Function<LMRequest, String> reply;
  private final ConcurrentLinkedQueue<LMRequest> requests = new ConcurrentLinkedQueue<>();
  private final ExecutorService io = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "scripted-lm");
    t.setDaemon(true);
    return t;
  });

  public ScriptedLM(Function<LMRequest, String> reply) {
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
  public CompletableFuture<LMResponse> acall(LMRequest request) {
    requests.add(request);
    return CompletableFuture.supplyAsync(
        () -> new LMResponse(List.of(new LMResponse.Choice(reply.apply(request), "stop")), Usage.NONE, "m"), io);
  }

  public List<LMRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    io.shutdownNow();
  }
}
