package dev.jspy.signature;

import dev.jspy.internal.py.PythonRepr;

/**
 * Python's {@code repr} of field values, as DSPy prints a {@code Prediction}: {@code 'it\'s'} is written
 * {@code "it's"}, booleans {@code True}/{@code False}, {@code null} and an empty {@code Optional}
 * {@code None}, floats as Python writes them ({@code 1e-05}), enums as Enum members
 * ({@code <Label.POSITIVE: 'POSITIVE'>}), lists and maps as Python literals, records as pydantic models
 * ({@code Customer(name='Yes,', age=-20)}).
 */
final class PyRepr {
  private PyRepr() {}

  static String repr(Object value) {
    return PythonRepr.repr(value);
  }
}
