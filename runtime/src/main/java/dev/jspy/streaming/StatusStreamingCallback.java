package dev.jspy.streaming;

import dev.jspy.Callback;
import dev.jspy.lm.LM;
import dev.jspy.Module;
import dev.jspy.Tool;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns a program's callbacks into {@link StatusMessage}s, as DSPy's {@code StatusStreamingCallback}, with
 * its skip rules: nothing when ReAct's {@code finish} tool starts, nothing when a tool returns
 * {@code "Completed."} (what {@code finish} returns), and nothing when the provider gives {@code null} or
 * an empty text. Messages go to the sink synchronously, on the thread that runs the callback.
 */
public final class StatusStreamingCallback implements Callback {
  private static final String FINISH_TOOL = "finish";
  private static final String FINISH_RESULT = "Completed.";

  private final StatusMessageProvider provider;
  private final Consumer<? super StatusMessage> sink;

  /**
   * @param provider the texts ({@link StatusMessageProvider#DEFAULT} for DSPy's)
   * @param sink where messages go; must be quick and never block (it runs where the callback runs)
   */
  public StatusStreamingCallback(StatusMessageProvider provider, Consumer<? super StatusMessage> sink) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public void onToolStart(long callId, long parentCallId, Tool tool, Map<String, Object> args) {
    if (FINISH_TOOL.equals(tool.name())) {
      return;
    }
    send(provider.toolStart(tool, args));
  }

  @Override
  public void onToolEnd(long callId, Object result, Throwable error) {
    if (FINISH_RESULT.equals(result)) {
      return;
    }
    send(provider.toolEnd(result));
  }

  @Override
  public void onModuleStart(long callId, long parentCallId, Module<?, ?> module, Object input) {
    send(provider.moduleStart(module, input));
  }

  @Override
  public void onModuleEnd(long callId, Object output, Throwable error) {
    send(provider.moduleEnd(output));
  }

  @Override
  public void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {
    send(provider.lmStart(lm, request));
  }

  @Override
  public void onLmEnd(long callId, LMResponse response, Throwable error) {
    send(provider.lmEnd(response));
  }

  private void send(String message) {
    if (message != null && !message.isEmpty()) {
      sink.accept(new StatusMessage(message));
    }
  }
}
