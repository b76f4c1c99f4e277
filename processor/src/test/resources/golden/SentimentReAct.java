package p;

import dev.jspy.ReAct;
import dev.jspy.Tool;
import dev.jspy.lm.LM;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * A tool-using agent for the {@link Sentiment} signature, as DSPy's {@code dspy.ReAct}: in each step the LM
 * thinks, picks a tool and its arguments, and sees the tool's result; after {@code finish} or
 * {@code maxIters} steps it reasons over the trajectory and gives the outputs.
 *
 * <p>Instructions: Classify the sentiment of a product review.
 *
 * Quote the words that decided it.
 *
 * <pre>{@code
 * SentimentReAct agent = new SentimentReAct(tools);
 * SentimentReActOutput result = agent.forward(review);
 * Sentiment.Label label = result.label();
 * }</pre>
 *
 * <p>Tools come from {@code @Tool} methods ({@code <Class>Tools.of(target)}, generated) or from
 * {@code Tool.of(...)}. {@code forward} runs them with {@code Tool.call}, {@code aforward} with
 * {@code Tool.acall}. The agent uses the LM and adapter of the settings in force when it is
 * called; give it its own with {@code lm(...)}.
 * {@code forward(SentimentInput)} and {@code aforward(SentimentInput)} take the input record.
 *
 * @see Sentiment
 * @see SentimentSignature#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class SentimentReAct extends ReAct<SentimentInput, SentimentReActOutput> {
  /**
   * Creates an agent with DSPy's default budget of {@link ReAct#DEFAULT_MAX_ITERS} steps.
   *
   * @param tools the tools the agent may call ({@code finish} is added)
   */
  public SentimentReAct(List<Tool> tools) {
    this(tools, ReAct.DEFAULT_MAX_ITERS);
  }

  /**
   * Creates an agent.
   *
   * @param tools the tools the agent may call ({@code finish} is added)
   * @param maxIters the most think-act steps before the outputs are extracted
   */
  public SentimentReAct(List<Tool> tools, int maxIters) {
    super(SentimentSignature.SPEC, tools, maxIters, v -> new SentimentReActOutput(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)));
  }

  /**
   * Gives this agent its own LM, for both its inner predictors.
   *
   * <p>Returns this {@code SentimentReAct}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param lm the LM the agent always uses, or {@code null} for the settings' LM
   * @return this agent
   */
  @Override
  public SentimentReAct lm(LM lm) {
    super.lm(lm);
    return this;
  }

  /**
   * Runs the agent and waits for the outputs; tools run through {@code Tool.call}.
   *
   * @param review a product review (LM type {@code str})
   * @return the outputs: {@code trajectory}, {@code reasoning}, {@code label}, {@code confidence}, {@code evidence}
   */
  public SentimentReActOutput forward(String review) {
    return call(new SentimentInput(review));
  }

  /**
   * Runs the agent without blocking; tools run through {@code Tool.acall}, and cancelling the future
   * cancels the LM requests in flight.
   *
   * @param review a product review (LM type {@code str})
   * @return the outputs ({@code trajectory}, {@code reasoning}, {@code label}, {@code confidence}, {@code evidence}), or a future failed with the runtime's exception
   */
  public CompletableFuture<SentimentReActOutput> aforward(String review) {
    return acall(new SentimentInput(review));
  }
}
