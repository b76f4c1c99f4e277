package dev.jspy.internal.py;

/**
 * The text breaks a limit Python enforces too, so the value cannot be read at all: an integer with more
 * than {@value PyJson#MAX_INT_DIGITS} decimal digits (CPython's {@code int_max_str_digits}; {@code json.loads}
 * raises {@code ValueError} for it) or containers nested more than {@value PyJson#MAX_DEPTH} deep (Python
 * raises {@code RecursionError}). Unlike a syntax error, it does not send a reader on to its next way of
 * reading the text: as in DSPy, the whole parse fails. Internal.
 */
public final class ValueLimitException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which limit, and by how much
   */
  public ValueLimitException(String message) {
    super(message);
  }
}
