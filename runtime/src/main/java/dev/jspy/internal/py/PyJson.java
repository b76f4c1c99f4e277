package dev.jspy.internal.py;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Python's {@code json.dumps(x, ensure_ascii=False)} and {@code json.loads(s)} over plain JSON trees
 * (String, Number, Boolean, List, Map, {@code null}), plus Python's {@code str()} of a scalar. Internal.
 *
 * <p>{@code dumps} separates with {@code ", "} and {@code ": "}, keeps non-ASCII text as is (including
 * U+2028), escapes only {@code "}, {@code \}, and control characters below U+0020 ({@code \n},
 * {@code \u001b}), and writes floats as Python does ({@code 1e-05}, {@code NaN}, {@code Infinity}).
 */
public final class PyJson {
  /**
   * The most decimal digits an integer may have, as CPython's default {@code sys.get_int_max_str_digits()}:
   * {@code json.loads}, {@code int()} and the compiler refuse longer ones (reading them takes time that
   * grows with the square of their length).
   */
  public static final int MAX_INT_DIGITS = 4300;

  /** How deep lists and objects may nest in text the readers accept. */
  public static final int MAX_DEPTH = 512;

  /** The bits {@link #MAX_INT_DIGITS} decimal digits can hold: the limit for hex, octal and binary integers. */
  private static final double MAX_INT_BITS = MAX_INT_DIGITS * (Math.log(10) / Math.log(2));

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PyJson() {}

  /**
   * @param tree a JSON tree; {@link Optional}s are unwrapped, enums written by name, other objects by
   *     {@code String.valueOf}
   * @return {@code json.dumps(tree, ensure_ascii=False)}
   */
  public static String dumps(Object tree) {
    StringBuilder sb = new StringBuilder();
    write(sb, tree);
    return sb.toString();
  }

  /**
   * @param tree a JSON tree, as for {@link #dumps(Object)}
   * @param indent spaces per level
   * @return {@code json.dumps(tree, indent=indent, ensure_ascii=False)}: one item per line, items
   *     separated by {@code ","} (no trailing space), keys by {@code ": "}, and {@code []}/{@code {}} for
   *     empty containers
   */
  public static String dumps(Object tree, int indent) {
    if (indent < 0) {
      throw new IllegalArgumentException("indent < 0: " + indent);
    }
    StringBuilder sb = new StringBuilder();
    writeIndented(sb, tree, " ".repeat(indent), 0);
    return sb.toString();
  }

  /**
   * Python's {@code str()} of a JSON scalar: strings as they are, {@code True}/{@code False},
   * {@code None}, floats as {@code repr}. Containers are written as {@link #dumps}.
   *
   * @param value a JSON tree
   * @return its text
   */
  public static String str(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Boolean) {
      return ((Boolean) value) ? "True" : "False";
    }
    if (value instanceof Double) {
      return PyFloat.repr((Double) value);
    }
    if (value instanceof Float) {
      return PyFloat.repr((Float) value);
    }
    if (value instanceof Map || value instanceof Collection) {
      return dumps(value);
    }
    return String.valueOf(value);
  }

  /**
   * Parses a document as Python's {@code json.loads} does: surrounding whitespace allowed, nothing
   * else; {@code NaN}, {@code Infinity} and {@code -Infinity} accepted; integers become Integer, Long or
   * BigInteger by size, other numbers Double; objects keep key order (a repeated key keeps its first
   * position and its last value).
   *
   * @param text the document
   * @return the JSON tree
   * @throws ValueLimitException if an integer has more than {@link #MAX_INT_DIGITS} digits or the
   *     document nests deeper than {@link #MAX_DEPTH}, where Python raises {@code ValueError} or
   *     {@code RecursionError} rather than a decode error
   * @throws IllegalArgumentException if it is not valid JSON, or a number overflows a double (Python
   *     would read {@code 1e400} as {@code inf}; here it is not a number, so no field takes it silently)
   */
  public static Object loads(String text) {
    return ValueReader.json(text);
  }

  private static void write(StringBuilder sb, Object v) {
    if (v instanceof Optional) {
      v = ((Optional<?>) v).orElse(null);
    }
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String) {
      quote(sb, (String) v);
    } else if (v instanceof Boolean) {
      sb.append(((Boolean) v) ? "true" : "false");
    } else if (v instanceof Double || v instanceof Float) {
      sb.append(floatText(((Number) v).doubleValue(), v instanceof Float ? PyFloat.repr((Float) v) : null));
    } else if (v instanceof BigDecimal) {
      sb.append(((BigDecimal) v).toString());
    } else if (v instanceof Number) {
      sb.append(v.toString());
    } else if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        quote(sb, keyText(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Collection) {
      writeItems(sb, (Collection<?>) v);
    } else if (v instanceof Object[]) {
      writeItems(sb, java.util.Arrays.asList((Object[]) v));
    } else if (v instanceof Enum) {
      quote(sb, ((Enum<?>) v).name());
    } else if (v instanceof Character) {
      quote(sb, v.toString());
    } else {
      quote(sb, String.valueOf(v));
    }
  }

  private static void writeIndented(StringBuilder sb, Object v, String unit, int level) {
    if (v instanceof Optional) {
      v = ((Optional<?>) v).orElse(null);
    }
    if (v instanceof Object[]) {
      v = java.util.Arrays.asList((Object[]) v);
    }
    if (v instanceof Map && !((Map<?, ?>) v).isEmpty()) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        sb.append(first ? "\n" : ",\n");
        first = false;
        sb.append(unit.repeat(level + 1));
        quote(sb, keyText(e.getKey()));
        sb.append(": ");
        writeIndented(sb, e.getValue(), unit, level + 1);
      }
      sb.append('\n').append(unit.repeat(level)).append('}');
    } else if (v instanceof Collection && !((Collection<?>) v).isEmpty()) {
      sb.append('[');
      boolean first = true;
      for (Object o : (Collection<?>) v) {
        sb.append(first ? "\n" : ",\n");
        first = false;
        sb.append(unit.repeat(level + 1));
        writeIndented(sb, o, unit, level + 1);
      }
      sb.append('\n').append(unit.repeat(level)).append(']');
    } else {
      write(sb, v);
    }
  }

  private static void writeItems(StringBuilder sb, Collection<?> items) {
    sb.append('[');
    boolean first = true;
    for (Object o : items) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      write(sb, o);
    }
    sb.append(']');
  }

  private static String floatText(double d, String floatRepr) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return floatRepr != null ? floatRepr : PyFloat.repr(d);
  }

  /** json.dumps turns non-string keys into strings: true/false/null, numbers as written. */
  private static String keyText(Object key) {
    if (key == null) {
      return "null";
    }
    if (key instanceof Boolean) {
      return ((Boolean) key) ? "true" : "false";
    }
    if (key instanceof Double || key instanceof Float) {
      return floatText(((Number) key).doubleValue(), key instanceof Float ? PyFloat.repr((Float) key) : null);
    }
    if (key instanceof Enum) {
      return ((Enum<?>) key).name();
    }
    return String.valueOf(key);
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /**
   * An integer from its digits, refusing more than {@link #MAX_INT_DIGITS} decimal digits (or, in another
   * radix, a value that large) before any conversion, so a long run of digits costs no more than reading it.
   */
  static Object integer(String digits, int radix) {
    int count = digits.length() - (digits.startsWith("-") || digits.startsWith("+") ? 1 : 0);
    if (radix == 10 && count > MAX_INT_DIGITS) {
      throw new ValueLimitException("Exceeds the limit (" + MAX_INT_DIGITS
          + " digits) for integer string conversion: value has " + count + " digits");
    }
    if (radix != 10 && count * (Math.log(radix) / Math.log(2)) > MAX_INT_BITS + 4) {
      throw new ValueLimitException("Exceeds the limit (" + MAX_INT_DIGITS
          + " digits) for integer string conversion: a base-" + radix + " literal of " + count + " digits");
    }
    BigInteger b = new BigInteger(digits, radix);
    if (b.bitLength() < 32) {
      return b.intValue();
    }
    if (b.bitLength() < 64) {
      return b.longValue();
    }
    return b;
  }
}
