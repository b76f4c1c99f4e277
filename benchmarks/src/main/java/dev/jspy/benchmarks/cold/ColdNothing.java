package dev.jspy.benchmarks.cold;

import java.util.List;

/** Cold start baseline: the JVM alone, printing a constant result. */
public final class ColdNothing {
  private ColdNothing() {}

  public static void main(String[] args) {
    Cold.done("The Eiffel Tower", 0.92, List.of("doc-1", "doc-2"));
  }
}
