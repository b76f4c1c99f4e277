package dev.jspy.streaming;

import dev.jspy.core.ConfigurationException;
import dev.jspy.Predict;
import dev.jspy.signature.FieldSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks for one output field to be streamed, as DSPy's {@code StreamListener}. Immutable; the per-run
 * state lives in the {@link FieldDetector} that {@link #newDetector} makes.
 *
 * <pre>{@code
 * List<StreamListener> listeners = List.of(
 *     StreamListener.of("answer"),                       // the one predictor with an output 'answer'
 *     StreamListener.of("next_thought").allowReuse(),    // produced again on every ReAct step
 *     StreamListener.of("answer").onPredictor("judge")); // this predictor's, when several have it
 * }</pre>
 */
public final class StreamListener {
  private final String fieldName;
  private final String predictName;
  private final boolean allowReuse;

  private StreamListener(String fieldName, String predictName, boolean allowReuse) {
    this.fieldName = fieldName;
    this.predictName = predictName;
    this.allowReuse = allowReuse;
  }

  /**
   * @param fieldName the output field, as written in the signature
   * @return a listener for that field of whichever single predictor has it
   */
  public static StreamListener of(String fieldName) {
    Objects.requireNonNull(fieldName, "fieldName");
    if (fieldName.isEmpty()) {
      throw new IllegalArgumentException("fieldName is empty");
    }
    return new StreamListener(fieldName, null, false);
  }

  /**
   * @param name the predictor, as named by {@code Module.namedPredictors()} ({@code "self"} for a bare one)
   * @return this listener bound to that predictor's field
   */
  public StreamListener onPredictor(String name) {
    return new StreamListener(fieldName, Objects.requireNonNull(name, "name"), allowReuse);
  }

  /**
   * Streams the field each time it is produced (DSPy's {@code allow_reuse=True}), as in ReAct's loop. Without
   * it, only the first occurrence streams.
   *
   * @return this listener, reusable
   */
  public StreamListener allowReuse() {
    return new StreamListener(fieldName, predictName, true);
  }

  /** @return the output field's name */
  public String fieldName() {
    return fieldName;
  }

  /** @return the predictor named at setup, if any */
  public Optional<String> predictName() {
    return Optional.ofNullable(predictName);
  }

  /** @return whether the field streams each time it is produced */
  public boolean isReusable() {
    return allowReuse;
  }

  /**
   * Starts a run: the state machine that finds this field in the reply text of {@code predictName}.
   *
   * @param format the reply format of the predictor's adapter
   * @param predictName the predictor's name, put on every chunk
   * @return a fresh detector
   */
  public FieldDetector newDetector(StreamFormat format, String predictName) {
    return new FieldDetector(format, Objects.requireNonNull(predictName, "predictName"), fieldName, allowReuse);
  }

  /**
   * Binds listeners to the predictors of a program, as DSPy's {@code find_predictor_for_stream_listeners}: a
   * listener without a predictor binds to the one predictor that has its field among its outputs; a listener
   * that names a predictor binds to it, which must exist and have that output field.
   *
   * @param listeners the listeners
   * @param namedPredictors the program's {@code namedPredictors()}
   * @return the listeners of each predictor that has any, in {@code namedPredictors} order
   * @throws ConfigurationException when no predictor or several have a listener's field, or the named
   *     predictor does not exist or lacks the field
   */
  public static Map<String, List<StreamListener>> bind(
      List<StreamListener> listeners, List<? extends Map.Entry<String, ? extends Predict<?, ?>>> namedPredictors) {
    Map<String, List<String>> outputsByPredictor = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Predict<?, ?>> e : namedPredictors) {
      List<String> names = new ArrayList<>();
      for (FieldSpec f : e.getValue().signature().outputs()) {
        names.add(f.name());
      }
      outputsByPredictor.put(e.getKey(), names);
    }
    Map<String, List<StreamListener>> bound = new LinkedHashMap<>();
    outputsByPredictor.keySet().forEach(k -> bound.put(k, new ArrayList<>()));
    for (StreamListener l : listeners) {
      String owner;
      if (l.predictName != null) {
        List<String> outs = outputsByPredictor.get(l.predictName);
        if (outs == null) {
          throw new ConfigurationException("stream listener for field '" + l.fieldName + "' names predictor '"
              + l.predictName + "', but the program's predictors are " + outputsByPredictor.keySet());
        }
        if (!outs.contains(l.fieldName)) {
          throw new ConfigurationException("stream listener names predictor '" + l.predictName
              + "', which has no output field '" + l.fieldName + "'; its outputs are " + outs);
        }
        owner = l.predictName;
      } else {
        List<String> owners = new ArrayList<>();
        outputsByPredictor.forEach((name, outs) -> {
          if (outs.contains(l.fieldName)) {
            owners.add(name);
          }
        });
        if (owners.isEmpty()) {
          throw new ConfigurationException("no predictor in the program has an output field '" + l.fieldName
              + "' to stream; verify the field name or name the predictor (outputs: " + outputsByPredictor + ")");
        }
        if (owners.size() > 1) {
          throw new ConfigurationException("output field '" + l.fieldName + "' is produced by several predictors "
              + owners + "; name the one to stream with StreamListener.of(\"" + l.fieldName
              + "\").onPredictor(...)");
        }
        owner = owners.get(0);
      }
      bound.get(owner).add(l);
    }
    bound.values().removeIf(List::isEmpty);
    bound.replaceAll((k, v) -> List.copyOf(v));
    return bound;
  }

  @Override
  public String toString() {
    return "StreamListener[" + (predictName == null ? "" : predictName + ".") + fieldName
        + (allowReuse ? ", allowReuse" : "") + "]";
  }
}
