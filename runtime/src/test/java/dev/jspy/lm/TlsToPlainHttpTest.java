package dev.jspy.lm;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An {@code https://} base URL pointed at a server that speaks plain http and waits for a request line (as
 * llama.cpp's does): the handshake never finishes. Before, the call waited the read timeout (10 minutes)
 * per attempt, saying nothing; now it fails after the connect timeout, once, saying what to change.
 */
class TlsToPlainHttpTest {
  @Test
  @Timeout(60) // a hang guard: the call must fail within about one connect timeout
  void aHandshakeThatNeverFinishesFailsAfterTheConnectTimeoutAndSaysUseHttp() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            Socket s = silent.accept();
            connections.incrementAndGet();
            held.add(s);
            InputStream in = s.getInputStream();
            Thread reader = new Thread(() -> {
              try {
                in.readAllBytes(); // read the ClientHello and answer nothing, as a plain-http server does
              } catch (Exception ignored) {
                // closed by the test
              }
            });
            reader.setDaemon(true);
            reader.start();
          }
        } catch (Exception closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      try (OpenAiLM lm = LM.builder("openai/m").apiBase("https://127.0.0.1:" + silent.getLocalPort() + "/v1")
          .apiKey("sk-test").cache(false).connectTimeout(Duration.ofMillis(500)).build()) {
        long t0 = System.nanoTime();
        LMException e = assertThrows(LMException.class, () -> lm.call(LMRequest.of(List.of(Message.user("q")))));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(e).hasMessageThat().contains("TLS handshake");
        assertThat(e).hasMessageThat().contains("use http://");
        assertThat(connections.get()).isEqualTo(1); // not retried: the server will not start speaking TLS
        assertThat(ms).isLessThan(30_000);
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }
}
