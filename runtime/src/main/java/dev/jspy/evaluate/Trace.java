package dev.jspy.evaluate;

/**
 * The predictor calls of one program run, handed to a {@link Metric} while optimizing (DSPy's
 * {@code trace}). A placeholder for now: {@link Evaluate} passes {@code null}, as DSPy's {@code Evaluate}
 * does; the optimizers will record traces here.
 */
public interface Trace {}
