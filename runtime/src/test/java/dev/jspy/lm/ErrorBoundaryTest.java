package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Callback;
import dev.jspy.Jspy;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.testing.OpenAiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} (out of memory, a stack overflow, a class that fails to load) on the way from the wire
 * to the caller still completes the caller's future.
 */
class ErrorBoundaryTest {
  record In(String question) {}

  record Out(String answer) {}

  static final SignatureSpec<In, Out> SPEC =
      SignatureSpec.<In, Out>builder("Qa")
          .instructions("Answer.")
          .input("question", "", FieldType.STRING)
          .output("answer", "", FieldType.STRING)
          .inputValues(in -> new Object[] {in.question()})
          .outputs(v -> new Out(v.get(0)))
          .outputValues(o -> new Object[] {o.answer()})
          .build();

  @AfterEach
  void reset() {
    Jspy.configure(s -> s.lm(null).callbacks(List.of()));
  }

  /**
   * A client JVM with a 64 MiB heap and no reply limit reads an endless reply until it runs out of memory
   * on the I/O thread; its future must still complete. The server runs here, so only the client's reading
   * can exhaust the child's heap.
   */
  @Test
  void outOfMemoryWhileReadingTheReplyStillCompletesTheFuture() throws Exception {
    try (OpenAiServer server =
        OpenAiServer.answering(b -> new MockResponse.Builder().body(ReplySizeTest.streaming(8L << 30, false)).build())) {
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process child =
          new ProcessBuilder(
                  java.toString(), "-Xmx64m", "-cp", classpath, OutOfMemoryClient.class.getName(), server.baseUrl())
              .redirectErrorStream(true)
              .start();
      child.getOutputStream().close();
      // A hang guard only; the child is done in a few seconds.
      boolean exited = child.waitFor(180, TimeUnit.SECONDS);
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!exited) {
        child.destroyForcibly();
      }
      assertThat(exited).isTrue();
      assertThat(output).contains("completed exceptionally: dev.jspy.lm.LMException");
      assertThat(output).contains("java.lang.OutOfMemoryError");
      assertThat(child.exitValue()).isEqualTo(0);
    }
  }

  /** The child process of {@link #outOfMemoryWhileReadingTheReplyStillCompletesTheFuture}. */
  public static final class OutOfMemoryClient {
    public static void main(String[] args) throws Exception {
      try (OpenAiLM lm =
          LM.builder("openai/m").cache(false).apiBase(args[0]).numRetries(0).maxResponseBytes(Long.MAX_VALUE).build()) {
        CompletableFuture<LMResponse> f = lm.acall(LMRequest.of(List.of(Message.user("hi"))));
        try {
          f.get(120, TimeUnit.SECONDS);
          System.out.println("completed normally");
          System.exit(2);
        } catch (ExecutionException e) {
          System.out.println("completed exceptionally: " + e.getCause() + " caused by " + e.getCause().getCause());
          System.out.flush();
          Runtime.getRuntime().halt(0); // the I/O thread's rethrown error may still be printing
        } catch (java.util.concurrent.TimeoutException e) {
          System.out.println("never completed");
          System.exit(3);
        }
      }
    }
  }

  /** A callback that fails the way the JDK does, with an {@link Error}, at every event. */
  static final class ThrowingCallback implements Callback {
    @Override
    public void onModuleStart(long callId, long parentCallId, Module<?, ?> module, Object input) {
      throw new ExceptionInInitializerError("module start");
    }

    @Override
    public void onModuleEnd(long callId, Object output, Throwable error) {
      throw new NoClassDefFoundError("module end");
    }

    @Override
    public void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {
      throw new StackOverflowError("lm start");
    }

    @Override
    public void onLmEnd(long callId, LMResponse response, Throwable error) {
      throw new AssertionError("lm end");
    }
  }

  @Test
  void errorsThrownByCallbacksAreIsolatedFromTheCall() throws Exception {
    try (OpenAiServer server = OpenAiServer.replying(b -> "[[ ## answer ## ]]\nfour\n\n[[ ## completed ## ]]");
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      Jspy.configure(s -> s.lm(lm).callbacks(List.of(new ThrowingCallback())));
      Predict<In, Out> p = new Predict<>(SPEC);
      CompletableFuture<Out> async = p.acall(new In("q"));
      assertThat(async.get(60, TimeUnit.SECONDS).answer()).isEqualTo("four");
      assertThat(p.call(new In("q")).answer()).isEqualTo("four");
    }
  }
}
