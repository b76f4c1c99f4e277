package dev.jspy.streaming;

import dev.jspy.lm.LM;
import dev.jspy.Module;
import dev.jspy.Tool;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import java.util.Map;

/**
 * The texts of status messages, as DSPy's {@code StatusMessageProvider}. The defaults are DSPy's: a message
 * when a tool starts and when it ends, nothing for modules and LM calls. Override what you want to change;
 * return {@code null} or an empty string for no message.
 */
public interface StatusMessageProvider {
  /** DSPy's defaults. */
  StatusMessageProvider DEFAULT = new StatusMessageProvider() {};

  /**
   * @param tool the tool about to run
   * @param args its arguments as the LM gave them
   * @return the message, by default {@code "Calling tool NAME..."}
   */
  default String toolStart(Tool tool, Map<String, Object> args) {
    return "Calling tool " + tool.name() + "...";
  }

  /**
   * @param result what the tool returned, or {@code null} if it failed
   * @return the message, by default {@code "Tool calling finished! Querying the LLM with tool calling results..."}
   */
  default String toolEnd(Object result) {
    return "Tool calling finished! Querying the LLM with tool calling results...";
  }

  /**
   * @param module the module (or predictor) about to run
   * @param input its input
   * @return the message, by default none
   */
  default String moduleStart(Module<?, ?> module, Object input) {
    return null;
  }

  /**
   * @param output what the module returned, or {@code null} if it failed
   * @return the message, by default none
   */
  default String moduleEnd(Object output) {
    return null;
  }

  /**
   * @param lm the LM about to be called
   * @param request the request
   * @return the message, by default none
   */
  default String lmStart(LM lm, LMRequest request) {
    return null;
  }

  /**
   * @param response the response, or {@code null} if the call failed
   * @return the message, by default none
   */
  default String lmEnd(LMResponse response) {
    return null;
  }
}
