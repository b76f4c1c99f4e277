package dev.jspy.signature;

/**
 * Renders generated results the way DSPy prints them: {@code Prediction(\n    answer='4'\n)}, values in
 * Python's {@code repr} form.
 */
public final class Repr {
  private Repr() {}

  /**
   * @param type the printed type name, {@code Prediction} for results
   * @param names the field names, in order
   * @param values the field values, in order
   * @return the DSPy-style rendering
   */
  public static String of(String type, String[] names, Object[] values) {
    StringBuilder sb = new StringBuilder(type).append("(\n    ");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(",\n    ");
      }
      sb.append(names[i]).append('=').append(PyRepr.repr(values[i]));
    }
    return sb.append("\n)").toString();
  }
}
