package dev.jspy.sample;

import dev.jspy.Module;
import java.util.concurrent.CompletableFuture;

/**
 * The two-step program from DSPy's async guide: answer a question with ChainOfThought, then simplify the
 * answer with a second ChainOfThought. Only {@code aforward} is written; {@code forward} waits for it.
 */
final class TwoStep extends Module<String, String> {
  private final QaChainOfThought answer = new QaChainOfThought();
  private final SimplifyChainOfThought simplify = new SimplifyChainOfThought();

  @Override
  public CompletableFuture<String> aforward(String question) {
    return answer
        .aforward(question)
        .thenCompose(a -> simplify.aforward(a.answer()))
        .thenApply(SimplifyChainOfThoughtOutput::simplified_answer);
  }
}
