package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.testing.OpenAiServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

/**
 * Replies larger than {@code maxResponseBytes} fail the call with a typed error instead of filling the
 * heap, counted after decompression. The limit here is 64 KiB so the tests stay small; the bodies stream.
 */
class ReplySizeTest {
  private static final int LIMIT = 64 * 1024;
  private static final List<Message> HELLO = List.of(Message.user("hi"));

  /** {@code size} bytes of a JSON string's inside, written as they are read; -1 declares no length. */
  static MockResponseBody streaming(long size, boolean declareLength) {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return declareLength ? size : -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] chunk = new byte[8192];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (long left = size; left > 0; left -= chunk.length) {
          sink.write(chunk, 0, (int) Math.min(chunk.length, left));
          sink.flush(); // onto the wire now; the client closing the connection ends this with an IOException
        }
      }
    };
  }

  private static LMResponseTooLargeException tooLarge(MockResponse reply) throws Exception {
    try (OpenAiServer server = OpenAiServer.answering(b -> reply);
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).maxResponseBytes(LIMIT).build()) {
      CompletableFuture<LMResponse> f = lm.acall(LMRequest.of(HELLO));
      // A hang guard only: the call fails as soon as the limit is passed.
      ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
      assertThat(e).hasCauseThat().isInstanceOf(LMResponseTooLargeException.class);
      LMResponseTooLargeException cause = (LMResponseTooLargeException) e.getCause();
      assertThat(cause.limit()).isEqualTo(LIMIT);
      assertThat(cause).hasMessageThat().contains("limit of " + LIMIT + " bytes");
      assertThat(cause).hasMessageThat().contains("maxResponseBytes(n)");
      assertThat(cause).hasMessageThat().contains(server.baseUrl() + "/chat/completions");
      assertThat(server.requests()).hasSize(1); // a reply this large will not shrink on a retry
      return cause;
    }
  }

  @Test
  void gzipBombIsCountedAfterDecompression() throws Exception {
    Buffer gzipped = new Buffer();
    try (GZIPOutputStream gz = new GZIPOutputStream(gzipped.outputStream())) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 16; i++) { // 16 MiB inflated
        gz.write(zeros);
      }
    }
    assertThat(gzipped.size()).isLessThan(LIMIT); // small on the wire
    tooLarge(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .addHeader("Content-Encoding", "gzip")
            .body(gzipped)
            .build());
  }

  @Test
  void bodyDeclaredLargerThanTheLimitIsNotRead() throws Exception {
    LMResponseTooLargeException e =
        tooLarge(new MockResponse.Builder().body(streaming(1L << 30, true)).build()); // 1 GiB
    assertThat(e).hasMessageThat().contains("declares " + (1L << 30) + " bytes");
  }

  @Test
  void bodyWithoutALengthThatGoesOnAndOnIsCut() throws Exception {
    // Runs until the client hangs up (256 MiB is only a guard against a runaway test).
    tooLarge(new MockResponse.Builder().body(streaming(256L << 20, false)).build());
  }

  @Test
  void chunkedBodyThatGoesOnAndOnIsCut() throws Exception {
    tooLarge(
        new MockResponse.Builder()
            .addHeader("Transfer-Encoding", "chunked")
            .body(chunked(256L << 20))
            .build());
  }

  @Test
  void replyAtTheLimitIsRead() throws Exception {
    // A completion of exactly LIMIT bytes, sent chunked so only the counting can tell.
    int overhead = (int) OpenAiServer.completion("", "stop").getBody().getContentLength();
    String content = "x".repeat(LIMIT - overhead);
    Buffer body = new Buffer();
    OpenAiServer.completion(content, "stop").getBody().writeTo(body);
    assertThat(body.size()).isEqualTo(LIMIT);
    MockResponse reply = new MockResponse.Builder().chunkedBody(body, 4096).build();
    try (OpenAiServer server = OpenAiServer.answering(b -> reply);
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).maxResponseBytes(LIMIT).build()) {
      assertThat(lm.call(LMRequest.of(HELLO)).text()).isEqualTo(content);
    }
  }

  @Test
  void errorReplyLargerThanTheLimitStillReportsItsStatus() throws Exception {
    try (OpenAiServer server =
            OpenAiServer.answering(b -> new MockResponse.Builder().code(400).body(streaming(1L << 30, false)).build());
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).maxResponseBytes(LIMIT).build()) {
      CompletableFuture<LMResponse> f = lm.acall(LMRequest.of(HELLO));
      ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
      assertThat(e).hasCauseThat().isInstanceOf(dev.jspy.lm.LMHttpException.class);
      assertThat(((dev.jspy.lm.LMHttpException) e.getCause()).status()).isEqualTo(400);
      assertThat(e.getCause().getMessage().length()).isLessThan(4000); // the body quoted short
    }
  }

  @Test
  void limitMustBePositive() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LM.builder("openai/m").maxResponseBytes(0));
    assertThat(e).hasMessageThat().contains("maxResponseBytes");
  }

  /** {@code size} bytes in HTTP/1.1 chunks of 8 KiB, framed by hand, streamed. */
  private static MockResponseBody chunked(long size) {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] chunk = new byte[8192];
        java.util.Arrays.fill(chunk, (byte) ' ');
        for (long left = size; left > 0; left -= chunk.length) {
          sink.writeUtf8(Integer.toHexString(chunk.length)).writeUtf8("\r\n").write(chunk).writeUtf8("\r\n");
          sink.flush();
        }
        sink.writeUtf8("0\r\n\r\n");
      }
    };
  }
}
