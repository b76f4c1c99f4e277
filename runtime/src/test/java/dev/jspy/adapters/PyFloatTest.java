package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.jspy.internal.py.PyFloat;
import org.junit.jupiter.api.Test;

/** {@link PyFloat}: expected values are CPython 3.11's {@code repr(float)}. */
class PyFloatTest {

  @Test
  void writesDoublesAsPythonRepr() {
    Object[][] cases = {
      {0.1, "0.1"},
      {1.0, "1.0"},
      {-1.5, "-1.5"},
      {100.0, "100.0"},
      {0.0, "0.0"},
      {-0.0, "-0.0"},
      {1e-05, "1e-05"},
      {0.0001, "0.0001"},
      {0.00012345, "0.00012345"},
      {1.5e-07, "1.5e-07"},
      {1e16, "1e+16"},
      {1.5e16, "1.5e+16"},
      {1e15, "1000000000000000.0"},
      {1234567890123456.0, "1234567890123456.0"},
      {12345678901234567.0, "1.2345678901234568e+16"},
      {123456789.0, "123456789.0"},
      {1.0 / 3, "0.3333333333333333"},
      {2.0 / 3, "0.6666666666666666"},
      {0.1 + 0.2, "0.30000000000000004"},
      {5e-324, "5e-324"},
      {2.2250738585072014e-308, "2.2250738585072014e-308"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {1e22, "1e+22"},
      {1e23, "1e+23"},
      {2e23, "2e+23"},
      {9007199254740993.0, "9007199254740992.0"},
      {123.456, "123.456"},
      {-2.5e-10, "-2.5e-10"},
      {Double.POSITIVE_INFINITY, "inf"},
      {Double.NEGATIVE_INFINITY, "-inf"},
      {Double.NaN, "nan"},
    };
    for (Object[] c : cases) {
      assertWithMessage("repr(%s)", c[0]).that(PyFloat.repr((double) c[0])).isEqualTo(c[1]);
    }
  }

  @Test
  void writesJavaFloatsWithTheirOwnShortestDigits() {
    assertWithMessage("0.1f").that(PyFloat.repr(0.1f)).isEqualTo("0.1");
    assertWithMessage("1e-5f").that(PyFloat.repr(1e-5f)).isEqualTo("1e-05");
    assertWithMessage("3.4028235e38f").that(PyFloat.repr(Float.MAX_VALUE)).isEqualTo("3.4028235e+38");
    assertWithMessage("1.4e-45f").that(PyFloat.repr(Float.MIN_VALUE)).isEqualTo("1e-45");
    assertWithMessage("16777216f").that(PyFloat.repr(16777216f)).isEqualTo("16777216.0");
    assertWithMessage("-0f").that(PyFloat.repr(-0f)).isEqualTo("-0.0");
    assertWithMessage("NaN").that(PyFloat.repr(Float.NaN)).isEqualTo("nan");
  }
}
