package dev.jspy.optimize;

import dev.jspy.Example;
import dev.jspy.Module;
import dev.jspy.Predict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers the optimizers share. */
final class Programs {
  private Programs() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <M extends Module<?, ?>> M resetCopy(M program) {
    return (M) ((Module) program).resetCopy();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <M extends Module<?, ?>> M deepcopy(M program) {
    return (M) ((Module) program).deepcopy();
  }

  /** Examples as demos: every field, labels included, as DSPy keeps an {@code Example} as a demo. */
  static List<Map<String, Object>> asDemos(List<Example> examples) {
    List<Map<String, Object>> out = new ArrayList<>(examples.size());
    for (Example e : examples) {
      out.add(e.toMap());
    }
    return out;
  }

  static void setDemos(Predict<?, ?> predictor, List<? extends Map<String, ?>> demos) {
    predictor.clearDemos();
    for (Map<String, ?> d : demos) {
      predictor.addDemo(d);
    }
  }
}
