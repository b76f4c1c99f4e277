package dev.jspy.signature;

import dev.jspy.internal.py.PyJson;
import dev.jspy.internal.py.PyStrings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/** Pydantic's lax-mode coercions of JSON scalars, and the error messages {@link FieldType} gives. */
final class Lax {
  private Lax() {}

  /** An integer as pydantic reads one in lax mode; {@code type} names what was expected. */
  static long integral(FieldType<?> type, Object json) {
    if (json instanceof Integer || json instanceof Long || json instanceof Short || json instanceof Byte) {
      return ((Number) json).longValue();
    }
    if (json instanceof BigInteger b) {
      if (b.bitLength() < 64) {
        return b.longValue();
      }
      throw longOutOfRange(json);
    }
    if (json instanceof Double || json instanceof Float) {
      // pydantic lax mode: int(f) for a float without a fractional part, i.e. exactly the double's value
      double v = ((Number) json).doubleValue();
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("expected int, got " + describe(json) + " (not a finite number)");
      }
      if (v != Math.rint(v)) {
        throw new IllegalArgumentException("expected int, got " + describe(json) + " (a number with a fractional part)");
      }
      if (v < -0x1p63 || v >= 0x1p63) {
        throw longOutOfRange(json);
      }
      return (long) v;
    }
    BigDecimal d = null;
    if (json instanceof BigDecimal b) {
      d = b;
    } else if (json instanceof String s) {
      String text = s.strip().replace("_", "");
      if (text.length() > PyJson.MAX_INT_DIGITS) {
        // pydantic's int_parsing_size; reading it would cost time growing with the square of its length
        throw new IllegalArgumentException("expected int, got " + describe(json)
            + " (unable to parse input string as an integer, exceeded maximum size of " + PyJson.MAX_INT_DIGITS
            + " characters)");
      }
      try {
        d = new BigDecimal(text);
      } catch (NumberFormatException e) {
        d = null;
      }
    }
    if (d == null) {
      throw mismatch(type, json);
    }
    // decided from the digit count before any rescaling, which would take long for 1e999999999 or 1e-999999999
    if (d.signum() != 0 && d.precision() - d.scale() > 19) {
      throw longOutOfRange(json);
    }
    if (d.signum() != 0 && d.precision() - d.scale() <= 0) {
      throw new IllegalArgumentException("expected int, got " + describe(json) + " (a number with a fractional part)");
    }
    try {
      return d.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("expected int, got " + describe(json) + " (not a whole number in range)");
    }
  }

  private static IllegalArgumentException longOutOfRange(Object json) {
    return new IllegalArgumentException("expected int, got " + describe(json) + " (out of range for a Java long: "
        + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")");
  }

  /** A Python float (a double); a finite number that overflows it is an error, an explicit infinity is not. */
  static double floating(FieldType<?> type, Object json) {
    if (json instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isInfinite(d) && !(json instanceof Double || json instanceof Float)) {
        throw doubleOutOfRange(json);
      }
      return d;
    }
    if (json instanceof String s) {
      switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "inf", "infinity", "+inf":
          return Double.POSITIVE_INFINITY;
        case "-inf", "-infinity":
          return Double.NEGATIVE_INFINITY;
        case "nan":
          return Double.NaN;
        default:
          try {
            double d = Double.parseDouble(s.strip().toLowerCase(Locale.ROOT).replace("_", ""));
            if (Double.isInfinite(d)) {
              throw doubleOutOfRange(json);
            }
            return d;
          } catch (NumberFormatException e) {
            break;
          }
      }
    }
    throw mismatch(type, json);
  }

  private static IllegalArgumentException doubleOutOfRange(Object json) {
    return new IllegalArgumentException("expected float, got " + describe(json)
        + " (out of range for a float: at most " + Double.MAX_VALUE + " in magnitude)");
  }

  /** A bool as pydantic reads one in lax mode. */
  static boolean bool(FieldType<?> type, Object json) {
    if (json instanceof Boolean b) {
      return b;
    }
    if (json instanceof Number n) {
      double v = n.doubleValue();
      if (v == 0) {
        return false;
      }
      if (v == 1) {
        return true;
      }
    }
    if (json instanceof String s) {
      switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "true", "t", "yes", "y", "on", "1":
          return true;
        case "false", "f", "no", "n", "off", "0":
          return false;
        default:
          break;
      }
    }
    throw mismatch(type, json);
  }

  /** {@code 'x'} or {@code "x"} without its quotes; anything else as it is. */
  static String unquote(String v) {
    if (v.length() > 1 && v.charAt(0) == v.charAt(v.length() - 1) && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  static IllegalArgumentException mismatch(FieldType<?> type, Object json) {
    return new IllegalArgumentException("expected " + type.pythonName() + ", got " + describe(json));
  }

  /** A value as an error message quotes it: Python's {@code None}, a string quoted, at most 200 characters. */
  static String describe(Object json) {
    if (json == null) {
      return "None";
    }
    if (json instanceof String s) {
      return "'" + PyStrings.excerpt(s, 200) + "'";
    }
    return PyStrings.excerpt(String.valueOf(json), 200);
  }
}
