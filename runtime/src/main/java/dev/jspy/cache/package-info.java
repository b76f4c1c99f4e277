/**
 * The LM response cache, as DSPy's {@code dspy.cache}: {@link dev.jspy.cache.LMCache}, a memory tier in front
 * of a SQLite disk tier with single-flight lookups. It implements the LM's {@link dev.jspy.lm.ResponseCache}
 * port and depends on the LM package, never the other way round.
 */
package dev.jspy.cache;
