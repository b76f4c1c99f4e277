package dev.jspy.sample;

import dev.jspy.Jspy;
import dev.jspy.lm.LM;
import dev.jspy.History;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;

/**
 * jspy end to end: a string-form and an interface-form signature, called synchronously and with several
 * asynchronous calls in flight at once.
 */
public final class SampleMain {
  private SampleMain() {}

  public static void main(String[] args) {
    String key = System.getenv("OPENAI_API_KEY");
    String base = System.getenv("OPENAI_BASE_URL");
    if (isBlank(key) && isBlank(base)) {
      System.err.println(
          "jspy sample: no LM to talk to. Set OPENAI_API_KEY (and optionally OPENAI_BASE_URL for any "
              + "OpenAI-compatible server), and JSPY_LM for the model (default openai/gpt-4o-mini).");
      System.exit(2);
    }
    String model = System.getenv().getOrDefault("JSPY_LM", "openai/gpt-4o-mini");
    System.out.println("jspy sample: model " + model + " at " + (isBlank(base) ? "api.openai.com" : base));
    try (LM lm = LM.builder(model).maxTokens(400).temperature(0.0).build()) {
      Jspy.configure(s -> s.lm(lm));
      run();
      runTwoStep();
    }
    System.out.println();
    System.out.println("Which adapter served: " + adapterSummary());
    System.out.println("Last call, as DSPy's inspect_history prints it:");
    System.out.print(Jspy.inspectHistory(1));
  }

  /**
   * Counts LM calls per adapter. The ChatAdapter asks first; when its reply cannot be parsed (a small
   * model that ignores the [[ ## field ## ]] format), the JSONAdapter retries with a JSON schema the
   * server enforces, and its reply is the one that became the typed result.
   */
  static String adapterSummary() {
    Map<String, Long> counts =
        Jspy.history().entries().stream()
            .collect(Collectors.groupingBy(History.Entry::adapter, TreeMap::new, Collectors.counting()));
    long json = counts.getOrDefault("JSONAdapter", 0L);
    return counts
        + (json > 0
            ? " -- the ChatAdapter's replies did not parse, so the JSONAdapter (response_format json_schema) served"
            : " -- every reply parsed with the ChatAdapter");
  }

  static void run() {
    // Synchronous: typed parameters in, a typed record out.
    var qa = new QaPredict();
    QaOutput answer = qa.forward("What is the capital of France?");
    System.out.println("Qa.forward -> " + answer);
    System.out.println("answer() = " + answer.answer());

    // Asynchronous: several calls in flight at once, joined.
    var sentiment = new SentimentPredict();
    List<String> reviews =
        List.of(
            "Arrived broken and support never answered.",
            "Does exactly what it says, and the battery lasts for days.",
            "It is a phone case.");
    List<CompletableFuture<SentimentOutput>> inFlight =
        reviews.stream().map(sentiment::aforward).toList();
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    for (int i = 0; i < reviews.size(); i++) {
      SentimentOutput out = inFlight.get(i).join();
      System.out.printf(
          "Sentiment.aforward(%s) -> label=%s confidence=%.2f%n", reviews.get(i), out.label(), out.confidence());
    }
  }

  static void runTwoStep() {
    // A module of two ChainOfThought steps; call() waits, acall() does not block.
    TwoStep program = new TwoStep();
    System.out.println("TwoStep.call -> " + program.call("Why is the sky blue?"));
    System.out.println("TwoStep.acall -> " + program.acall("Why do cats purr?").join());
    System.out.println("TwoStep predictors: " + program.namedPredictors().stream().map(e -> e.getKey()).toList());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
