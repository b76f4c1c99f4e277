package p;

import dev.jspy.ReAct;
import dev.jspy.Tool;
import dev.jspy.lm.LM;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * A tool-using agent for the {@link Qa} signature, as DSPy's {@code dspy.ReAct}: in each step the LM
 * thinks, picks a tool and its arguments, and sees the tool's result; after {@code finish} or
 * {@code maxIters} steps it reasons over the trajectory and gives the outputs.
 *
 * <p>Instructions: Given the fields `question`, produce the fields `answer`.
 *
 * <pre>{@code
 * QaReAct agent = new QaReAct(tools);
 * QaReActOutput result = agent.forward(question);
 * String answer = result.answer();
 * }</pre>
 *
 * <p>Tools come from {@code @Tool} methods ({@code <Class>Tools.of(target)}) or {@code Tool.of(...)}.
 * It uses the settings in force when called unless given its own {@code lm(...)}.
 *
 * @see Qa
 * @see QaPredict#SPEC
 */
@Generated("dev.jspy.processor.SignatureProcessor")
public class QaReAct extends ReAct<QaInput, QaReActOutput> {
  /**
   * Creates an agent with DSPy's default budget of {@link ReAct#DEFAULT_MAX_ITERS} steps.
   *
   * @param tools the tools the agent may call ({@code finish} is added)
   */
  public QaReAct(List<Tool> tools) {
    this(tools, ReAct.DEFAULT_MAX_ITERS);
  }

  /**
   * Creates an agent.
   *
   * @param tools the tools the agent may call ({@code finish} is added)
   * @param maxIters the most think-act steps before the outputs are extracted
   */
  public QaReAct(List<Tool> tools, int maxIters) {
    super(QaPredict.SPEC, tools, maxIters, v -> new QaReActOutput(v.get(0), v.get(1), v.get(2)));
  }

  /**
   * Gives this agent its own LM, for both its inner predictors.
   *
   * @param lm the LM the agent always uses, or {@code null} for the settings' LM
   * @return this agent
   */
  @Override
  public QaReAct lm(LM lm) {
    super.lm(lm);
    return this;
  }

  /**
   * Runs the agent and waits for the outputs; tools run through {@code Tool.call}.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @return the outputs: {@code trajectory}, {@code reasoning}, {@code answer}
   */
  public QaReActOutput forward(String question) {
    return call(new QaInput(question));
  }

  /**
   * Runs the agent without blocking; tools run through {@code Tool.acall}, and cancelling the future
   * cancels the LM requests in flight.
   *
   * @param question the {@code question} field (LM type {@code str})
   * @return the outputs ({@code trajectory}, {@code reasoning}, {@code answer}), or a future failed with the runtime's exception
   */
  public CompletableFuture<QaReActOutput> aforward(String question) {
    return acall(new QaInput(question));
  }
}
