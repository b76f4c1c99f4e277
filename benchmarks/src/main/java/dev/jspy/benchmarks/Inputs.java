package dev.jspy.benchmarks;

/**
 * The inputs every contender sends, and the system instructions of the peers and the floor (jspy's come
 * from {@link BenchRag}, rendered by its ChatAdapter).
 */
final class Inputs {
  static final String INSTRUCTIONS =
      "Answer the question from the context, in the given language. Cite the ids of the sources used.";
  static final String QUESTION = "Where is the Eiffel Tower, and when was it completed?";
  static final String CONTEXT =
      "[doc-1] The Eiffel Tower is a wrought-iron lattice tower on the Champ de Mars in Paris, France. "
          + "It is named after the engineer Gustave Eiffel, whose company designed and built the tower from 1887 "
          + "to 1889. [doc-2] Locally nicknamed 'La dame de fer', it was constructed as the centrepiece of the "
          + "1889 World's Fair. [doc-3] The tower is 330 metres tall, about the same height as an 81-storey "
          + "building, and the tallest structure in Paris. [doc-7] It was the tallest man-made structure in the "
          + "world until the Chrysler Building in New York City was finished in 1930.";
  static final String LANGUAGE = "English";

  /** What every contender's typed result must say (the loopback server's reply). */
  static final String ANSWER = "The Eiffel Tower is on the Champ de Mars in Paris; it was completed in 1889.";

  static final double CONFIDENCE = 0.92;
  static final java.util.List<String> SOURCES = java.util.List.of("doc-1", "doc-2");

  private Inputs() {}

  /** Throws unless a contender's typed result is the one the server sent. */
  static void check(String contender, String answer, double confidence, java.util.List<String> sources) {
    if (!ANSWER.equals(answer) || confidence != CONFIDENCE || !SOURCES.equals(sources)) {
      throw new IllegalStateException(
          contender + " parsed an unexpected result: " + answer + " / " + confidence + " / " + sources);
    }
  }
}
