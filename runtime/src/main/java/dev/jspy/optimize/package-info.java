/**
 * DSPy's few-shot optimizers ("teleprompters"): {@link dev.jspy.optimize.LabeledFewShot},
 * {@link dev.jspy.optimize.BootstrapFewShot} and {@link dev.jspy.optimize.BootstrapFewShotWithRandomSearch}.
 * Each {@code compile} returns a new program and leaves the student untouched; given the same trainset, metric
 * and LM replies they choose the demos DSPy 3.3.1 chooses (CPython's {@code random}, ported exactly).
 */
package dev.jspy.optimize;
