package p;

import dev.jspy.ReAct;
import dev.jspy.Tool;
import dev.jspy.lm.LM;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * A tool-using agent for the {@link RagQa} signature, as DSPy's {@code dspy.ReAct}: in each step the LM
 * thinks, picks a tool and its arguments, and sees the tool's result; after {@code finish} or
 * {@code maxIters} steps it reasons over the trajectory and gives the outputs.
 *
 * <p>Instructions: Answer with a short factoid.
 *
 * <pre>{@code
 * RagQaReAct agent = new RagQaReAct(tools);
 * RagQaReActOutput result = agent.forward(question, context);
 * String answer = result.answer();
 * }</pre>
 *
 * <p>Tools come from {@code @Tool} methods ({@code <Class>Tools.of(target)}, generated) or from
 * {@code Tool.of(...)}. {@code forward} runs them with {@code Tool.call}, {@code aforward} with
 * {@code Tool.acall}. The agent uses the LM and adapter of the settings in force when it is
 * called; give it its own with {@code lm(...)}.
 * {@code forward(RagQaInput)} and {@code aforward(RagQaInput)} take the input record.
 *
 * @see RagQa
 * @see RagQaSignature#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class RagQaReAct extends ReAct<RagQaInput, RagQaReActOutput> {
  /**
   * Creates an agent with DSPy's default budget of {@link ReAct#DEFAULT_MAX_ITERS} steps.
   *
   * @param tools the tools the agent may call ({@code finish} is added)
   */
  public RagQaReAct(List<Tool> tools) {
    this(tools, ReAct.DEFAULT_MAX_ITERS);
  }

  /**
   * Creates an agent.
   *
   * @param tools the tools the agent may call ({@code finish} is added)
   * @param maxIters the most think-act steps before the outputs are extracted
   */
  public RagQaReAct(List<Tool> tools, int maxIters) {
    super(RagQaSignature.SPEC, tools, maxIters, v -> new RagQaReActOutput(v.get(0), v.get(1), v.get(2), v.get(3)));
  }

  /**
   * Gives this agent its own LM, for both its inner predictors.
   *
   * <p>Returns this {@code RagQaReAct}, not the runtime's base class, so that calls chain on to the typed
   * {@code forward(...)} overloads.
   *
   * @param lm the LM the agent always uses, or {@code null} for the settings' LM
   * @return this agent
   */
  @Override
  public RagQaReAct lm(LM lm) {
    super.lm(lm);
    return this;
  }

  /**
   * Runs the agent and waits for the outputs; tools run through {@code Tool.call}.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @param context the {@code context} field (LM type {@code list[str]})
   * @return the outputs: {@code trajectory}, {@code reasoning}, {@code answer}, {@code confidence}
   */
  public RagQaReActOutput forward(String question, List<String> context) {
    return call(new RagQaInput(question, context));
  }

  /**
   * Runs the agent without blocking; tools run through {@code Tool.acall}, and cancelling the future
   * cancels the LM requests in flight.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @param context the {@code context} field (LM type {@code list[str]})
   * @return the outputs ({@code trajectory}, {@code reasoning}, {@code answer}, {@code confidence}), or a future failed with the runtime's exception
   */
  public CompletableFuture<RagQaReActOutput> aforward(String question, List<String> context) {
    return acall(new RagQaInput(question, context));
  }
}
