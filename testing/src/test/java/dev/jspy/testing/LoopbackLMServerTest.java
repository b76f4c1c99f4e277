package dev.jspy.testing;

import static com.google.common.truth.Truth.assertWithMessage;

import org.junit.jupiter.api.Test;

class LoopbackLMServerTest {
  @Test
  void theServerRepliesWithNaglesAlgorithmOff() throws Exception {
    // Surefire starts this JVM without the property: only the server's class can have set it. Without it the
    // JDK's server holds each small reply back until the client's delayed ACK, ~40 ms per call.
    try (LoopbackLMServer server = LoopbackLMServer.replying(r -> "[[ ## answer ## ]]\nA\n\n[[ ## completed ## ]]")) {
      assertWithMessage("sun.net.httpserver.nodelay once a LoopbackLMServer started (%s)", server.baseUrl())
          .that(System.getProperty("sun.net.httpserver.nodelay"))
          .isEqualTo("true");
    }
  }
}
