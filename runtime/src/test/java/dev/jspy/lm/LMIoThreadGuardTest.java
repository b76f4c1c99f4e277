package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.core.JspyException;
import dev.jspy.internal.Futures;
import dev.jspy.testing.OpenAiServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A blocking wait on an LM's I/O thread is refused, recognised by a marker and not by the thread's name. */
class LMIoThreadGuardTest {
  private static final LMRequest HELLO = LMRequest.of(List.of(Message.user("hello")));
  private static final long WAIT = 60; // seconds; a hang guard only

  @Test
  void blockingOnAnLmIoThreadIsRefusedWhateverTheThreadIsCalled() throws Exception {
    CountDownLatch attached = new CountDownLatch(1);
    try (OpenAiServer server = OpenAiServer.answering(b -> {
          try {
            attached.await(WAIT, TimeUnit.SECONDS); // the reply leaves once the continuation is attached
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return OpenAiServer.completion("r", "stop");
        });
        OpenAiLM lm = LM.builder("openai/m").apiBase(server.baseUrl()).cache(false).build()) {
      CompletableFuture<Void> never = new CompletableFuture<>();
      // Runs on the I/O thread that completes the call (OkHttp renames it while the call runs).
      CompletableFuture<String> blocked = lm.acall(HELLO).thenApply(r -> {
        Futures.join(never);
        return "joined";
      });
      attached.countDown();
      ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(WAIT, TimeUnit.SECONDS));
      assertThat(e.getCause()).isInstanceOf(JspyException.class);
      assertThat(e.getCause().getMessage()).contains("LM I/O thread");
    }
  }
}
