package dev.jspy.benchmarks;

import java.util.Locale;

/** One call per contender against an in-process server: checks every contender parses its reply. */
public final class Smoke {
  private Smoke() {}

  /**
   * @param args contender names (default: all)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    String[] names = args.length > 0 ? args : new String[] {"bare", "floor", "jspy", "lc4j", "spring"};
    try (LoopbackServer server = new LoopbackServer(0)) {
      for (String n : names) {
        try (Contender c = Contender.create(n, server.baseUrl(), 4)) {
          server.resetStats();
          c.check(c.call());
          c.check(c.callAsync().join());
          System.out.printf(Locale.ROOT, "%-7s ok, request body %d bytes%n", n, server.requestBytes() / 2);
        }
      }
    }
  }
}
