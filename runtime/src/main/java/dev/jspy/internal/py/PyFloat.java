package dev.jspy.internal.py;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)} (which is also {@code str(float)} and what {@code json.dumps} writes):
 * the shortest digits that read back to the same value, in fixed notation when the decimal exponent is
 * in {@code [-4, 16)}, otherwise as {@code 1e-05} / {@code 1e+16}. Internal.
 *
 * <p>{@link Double#toString} differs ({@code 1.0E-5}, {@code 1.0E16}, and before JDK 19 not always the
 * shortest digits), so the digits are found here with {@link BigDecimal}.
 */
public final class PyFloat {
  private PyFloat() {}

  /**
   * @param d a double
   * @return Python's {@code repr(d)}: {@code 0.1}, {@code 1e-05}, {@code 1e+16}, {@code inf}, {@code nan}
   */
  public static String repr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    boolean negative = (Double.doubleToRawLongBits(d) & Long.MIN_VALUE) != 0;
    if (d == 0) {
      return negative ? "-0.0" : "0.0";
    }
    double abs = Math.abs(d);
    BigDecimal exact = new BigDecimal(abs);
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = shortest(exact, p, s -> Double.parseDouble(s) == abs);
      if (r != null) {
        return (negative ? "-" : "") + format(r);
      }
    }
    throw new AssertionError("no round-tripping digits for " + d);
  }

  /**
   * Python has no 32-bit float; a Java {@code float} is written with the shortest digits that read back
   * to the same {@code float} ({@code 0.1f} → {@code 0.1}, not {@code 0.10000000149011612}), in Python's
   * layout.
   *
   * @param f a float
   * @return its Python-style repr
   */
  public static String repr(float f) {
    if (Float.isNaN(f) || Float.isInfinite(f) || f == 0) {
      return repr((double) f);
    }
    boolean negative = f < 0;
    float abs = Math.abs(f);
    BigDecimal exact = new BigDecimal((double) abs);
    for (int p = 1; p <= 9; p++) {
      BigDecimal r = shortest(exact, p, s -> Float.parseFloat(s) == abs);
      if (r != null) {
        return (negative ? "-" : "") + format(r);
      }
    }
    throw new AssertionError("no round-tripping digits for " + f);
  }

  /**
   * The p-digit decimal closest to {@code exact} that reads back to the same value, or null. Only the
   * two p-digit neighbours of the exact value can be the answer; the nearer one wins when both do.
   */
  private static BigDecimal shortest(BigDecimal exact, int p, java.util.function.Predicate<String> roundTrips) {
    BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
    if (roundTrips.test(nearest.toString())) {
      return nearest;
    }
    BigDecimal down = exact.round(new MathContext(p, RoundingMode.DOWN));
    BigDecimal other = down.compareTo(nearest) == 0 ? exact.round(new MathContext(p, RoundingMode.UP)) : down;
    return roundTrips.test(other.toString()) ? other : null;
  }

  /** Lays out positive digits as Python's float_repr_style 'short' does. */
  private static String format(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    String digits = v.unscaledValue().toString();
    int n = digits.length();
    int decpt = n - v.scale(); // value = 0.<digits> * 10^decpt
    StringBuilder sb = new StringBuilder(n + 8);
    if (decpt <= -4 || decpt > 16) {
      sb.append(digits.charAt(0));
      if (n > 1) {
        sb.append('.').append(digits, 1, n);
      }
      int exp = decpt - 1;
      sb.append('e').append(exp < 0 ? '-' : '+');
      int a = Math.abs(exp);
      if (a < 10) {
        sb.append('0');
      }
      sb.append(a);
    } else if (decpt <= 0) {
      sb.append("0.");
      for (int i = 0; i < -decpt; i++) {
        sb.append('0');
      }
      sb.append(digits);
    } else if (decpt >= n) {
      sb.append(digits);
      for (int i = n; i < decpt; i++) {
        sb.append('0');
      }
      sb.append(".0");
    } else {
      sb.append(digits, 0, decpt).append('.').append(digits, decpt, n);
    }
    return sb.toString();
  }
}
