package dev.jspy.it;

import dev.jspy.testing.OpenAiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;

/**
 * What DSPy 3.3.1 sends for the integration tests' scenarios, read from {@code dspyref/prompts.json}:
 * made by {@code it/dspyref/prompts.py}, which runs DSPy's own {@code dspy.ChainOfThought} and
 * {@code dspy.ReAct} with its ChatAdapter on the same signatures, tools and scripted replies (regenerate
 * as {@code it/src/test/resources/dspyref/README.md} says). Expected values, not derived from jspy: a
 * change here is a change in DSPy compatibility.
 */
final class DspyPrompts {
  private DspyPrompts() {}

  private static final JsonNode PROMPTS = load();

  static final String QA_COT_SYSTEM = prompt("QA_COT_SYSTEM");
  static final String QA_COT_USER = prompt("QA_COT_USER");
  static final String SIMPLIFY_COT_SYSTEM = prompt("SIMPLIFY_COT_SYSTEM");
  static final String SIMPLIFY_COT_USER = prompt("SIMPLIFY_COT_USER");
  static final String REACT_STEP_SYSTEM = prompt("REACT_STEP_SYSTEM");
  static final String REACT_STEP_0_USER = prompt("REACT_STEP_0_USER");
  static final String REACT_STEP_1_USER = prompt("REACT_STEP_1_USER");
  static final String REACT_STEP_2_USER = prompt("REACT_STEP_2_USER");
  static final String REACT_EXTRACT_SYSTEM = prompt("REACT_EXTRACT_SYSTEM");
  static final String REACT_EXTRACT_USER = prompt("REACT_EXTRACT_USER");
  static final String REACT_TRAJECTORY = prompt("REACT_TRAJECTORY");
  static final String LIST_OBSERVATION_TRAJECTORY = prompt("LIST_OBSERVATION_TRAJECTORY");

  private static JsonNode load() {
    try (InputStream in = DspyPrompts.class.getResourceAsStream("/dspyref/prompts.json")) {
      if (in == null) {
        throw new IllegalStateException("dspyref/prompts.json is not on the test classpath");
      }
      return OpenAiServer.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String prompt(String name) {
    JsonNode text = PROMPTS.path(name);
    if (!text.isString()) {
      throw new IllegalStateException("dspyref/prompts.json has no prompt " + name);
    }
    return text.stringValue();
  }
}
