package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class InternalErrorTraceTest {

  private static StackTraceElement[] frames(int n) {
    StackTraceElement[] frames = new StackTraceElement[n];
    for (int i = 0; i < n; i++) {
      frames[i] = new StackTraceElement("p.C", "m" + i, "C.java", i + 1);
    }
    return frames;
  }

  @Test
  void showsTheFirstFramesOfTheErrorAndItsCauses() {
    IllegalStateException cause = new IllegalStateException("inner");
    cause.setStackTrace(frames(2));
    RuntimeException e = new RuntimeException("outer", cause);
    e.setStackTrace(frames(SignatureProcessor.TRACE_FRAMES + 3));

    String trace = SignatureProcessor.trace(e);

    assertThat(trace).startsWith("java.lang.RuntimeException: outer\n\tat p.C.m0(C.java:1)\n");
    assertThat(trace).contains("\tat p.C.m9(C.java:10)\n\t... 3 more\n");
    assertThat(trace).doesNotContain("m10(");
    assertThat(trace)
        .endsWith("Caused by: java.lang.IllegalStateException: inner\n\tat p.C.m0(C.java:1)\n\tat p.C.m1(C.java:2)\n");
  }

  @Test
  void stopsAtACycleOfCauses() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    a.setStackTrace(frames(0));
    b.setStackTrace(frames(0));

    assertThat(SignatureProcessor.trace(a))
        .isEqualTo("java.lang.RuntimeException: a\nCaused by: java.lang.RuntimeException: b\n");
  }
}
