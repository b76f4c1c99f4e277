package dev.jspy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ReAct} agent did: each step's thought, the tool it picked, the arguments and what it
 * observed. Immutable.
 */
public final class Trajectory {
  /**
   * One think-act-observe step.
   *
   * @param thought the LM's {@code next_thought}
   * @param toolName the tool it picked ({@code finish} ends the loop)
   * @param toolArgs the arguments it gave, as JSON values
   * @param observation the tool's result, or the error text the LM saw
   */
  public record Step(String thought, String toolName, Map<String, Object> toolArgs, Object observation) {
    /** Copies the arguments. */
    public Step {
      toolArgs = Collections.unmodifiableMap(new LinkedHashMap<>(toolArgs));
    }
  }

  static final Trajectory EMPTY = new Trajectory(List.of());

  private final List<Step> steps;

  private Trajectory(List<Step> steps) {
    this.steps = steps;
  }

  /** @return the steps, in order */
  public List<Step> steps() {
    return steps;
  }

  Trajectory plus(Step step) {
    List<Step> next = new ArrayList<>(steps);
    next.add(step);
    return new Trajectory(Collections.unmodifiableList(next));
  }

  /**
   * @return DSPy's flat form: {@code thought_0}, {@code tool_name_0}, {@code tool_args_0},
   *     {@code observation_0}, {@code thought_1}, … in order
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      map.put("thought_" + i, s.thought());
      map.put("tool_name_" + i, s.toolName());
      map.put("tool_args_" + i, s.toolArgs());
      map.put("observation_" + i, s.observation());
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public String toString() {
    return toMap().toString();
  }
}
