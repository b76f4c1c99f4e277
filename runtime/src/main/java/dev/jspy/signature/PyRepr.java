package dev.jspy.signature;

/** Python's {@code repr} of Java values (placeholder until the adapter work lands the full rules). */
final class PyRepr {
  private PyRepr() {}

  static String repr(Object value) {
    if (value instanceof String) {
      return "'" + value + "'";
    }
    return String.valueOf(value);
  }
}
