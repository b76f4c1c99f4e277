package dev.jspy.evaluate;

import dev.jspy.core.JspyException;
import java.util.List;

/**
 * An evaluation stopped because {@code maxErrors} programs or metrics failed, as DSPy raises "Execution
 * cancelled due to errors or interruption.". Carries the failures seen.
 */
public class EvaluationCancelledException extends JspyException {
  private static final long serialVersionUID = 1L;

  private final transient List<Throwable> errors;

  /**
   * @param message what happened
   * @param errors the failures, in the order they arrived; the first is also the cause
   */
  public EvaluationCancelledException(String message, List<Throwable> errors) {
    super(message, errors.isEmpty() ? null : errors.get(0));
    this.errors = List.copyOf(errors);
  }

  /** @return the failures, in the order they arrived */
  public List<Throwable> errors() {
    return errors;
  }
}
