package dev.jspy.micrometer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what is written to {@code System.err} (where slf4j-simple logs) while some code runs. */
final class StandardErr {
  private StandardErr() {}

  /** Code that may throw, for tests. */
  interface Body {
    void run() throws Exception;
  }

  static synchronized String capture(Body body) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      try {
        body.run();
      } finally {
        System.setErr(original);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
