package dev.jspy.internal;

import java.util.List;
import java.util.Objects;

/**
 * How the evaluate package reports an evaluation to the callbacks and runs its examples inside it, which
 * takes the settings' package-private call id. The settings package installs the hooks when its
 * {@code Callbacks} class loads; the types are parameters so this package needs no import of it (no package
 * cycle).
 *
 * @param <S> the settings type ({@code dev.jspy.Settings})
 */
public interface EvaluationHooks<S> {
  /**
   * Reports an evaluation's start to the settings' callbacks.
   *
   * @param settings the settings the evaluation runs with
   * @param program the program ({@code dev.jspy.Module})
   * @param devset its examples ({@code dev.jspy.Example}s)
   * @return the settings inside the evaluation's call, for its examples and metric; {@code settings} itself
   *     when they have no callbacks (nothing is reported then)
   */
  S start(S settings, Object program, List<?> devset);

  /**
   * Reports an evaluation's end; called once per {@link #start}.
   *
   * @param inEvaluation what {@link #start} returned
   * @param result the evaluation's result, or {@code null} if it failed
   * @param error why it failed, or {@code null}
   */
  void end(S inEvaluation, Object result, Throwable error);

  /**
   * @param <S> the settings type
   * @return the installed hooks (loading the settings package's {@code Callbacks} on first use)
   */
  @SuppressWarnings("unchecked")
  static <S> EvaluationHooks<S> get() {
    return (EvaluationHooks<S>) Holder.hooks();
  }

  /**
   * @param hooks the hooks; installed by {@code dev.jspy.Callbacks}
   */
  static void install(EvaluationHooks<?> hooks) {
    Holder.installed = Objects.requireNonNull(hooks, "hooks");
  }

  /** The installed hooks. */
  final class Holder {
    private static volatile EvaluationHooks<?> installed;

    private Holder() {}

    static EvaluationHooks<?> hooks() {
      EvaluationHooks<?> h = installed;
      if (h == null) {
        try {
          Class.forName("dev.jspy.Callbacks", true, EvaluationHooks.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException("dev.jspy.Callbacks is missing from the class path", e);
        }
        h = installed;
        if (h == null) {
          throw new IllegalStateException("dev.jspy.Callbacks did not install the evaluation hooks");
        }
      }
      return h;
    }
  }
}
