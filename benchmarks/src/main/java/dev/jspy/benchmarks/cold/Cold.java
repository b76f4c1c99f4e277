package dev.jspy.benchmarks.cold;

import java.util.List;

/**
 * Cold start (issue 7, workload 3): one small main per contender, each run in a fresh JVM on that contender's
 * own runtime classpath, from {@code main} to the first typed result printed; {@code ColdStart} times the
 * whole process. The inputs are those of the other workloads (kept here so a cold main loads nothing else).
 */
final class Cold {
  static final String QUESTION = "Where is the Eiffel Tower, and when was it completed?";
  static final String CONTEXT =
      "[doc-1] The Eiffel Tower is a wrought-iron lattice tower on the Champ de Mars in Paris, France. "
          + "It is named after the engineer Gustave Eiffel, whose company designed and built the tower from 1887 "
          + "to 1889. [doc-2] Locally nicknamed 'La dame de fer', it was constructed as the centrepiece of the "
          + "1889 World's Fair. [doc-3] The tower is 330 metres tall, about the same height as an 81-storey "
          + "building, and the tallest structure in Paris. [doc-7] It was the tallest man-made structure in the "
          + "world until the Chrysler Building in New York City was finished in 1930.";
  static final String LANGUAGE = "English";
  static final String INSTRUCTIONS =
      "Answer the question from the context, in the given language. Cite the ids of the sources used.";

  private Cold() {}

  /** Prints the typed result and ends the process at once (status 1 if it is not the expected one). */
  static void done(String answer, double confidence, List<String> sources) {
    boolean ok = answer.startsWith("The Eiffel Tower") && confidence == 0.92 && sources.equals(List.of("doc-1", "doc-2"));
    System.out.println(answer + " | " + confidence + " | " + sources);
    System.out.flush();
    Runtime.getRuntime().halt(ok ? 0 : 1);
  }
}
