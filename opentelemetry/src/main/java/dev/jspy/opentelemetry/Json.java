package dev.jspy.opentelemetry;

import java.lang.reflect.Array;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the JSON of content attributes: maps, lists, strings, numbers, booleans and {@code null}; any
 * other value as the string of its {@code toString}. Small on purpose: the values are what the LM and the
 * tools exchanged, already JSON-shaped.
 */
final class Json {
  private Json() {}

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  static void write(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum) {
      string(sb, value.toString());
    } else if (value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Number) {
      number(sb, (Number) value);
    } else if (value instanceof Optional) {
      write(sb, ((Optional<?>) value).orElse(null));
    } else if (value instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof Iterable) {
      sb.append('[');
      boolean first = true;
      for (Object o : (Iterable<?>) value) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(sb, o);
      }
      sb.append(']');
    } else if (value.getClass().isArray()) {
      sb.append('[');
      for (int i = 0, n = Array.getLength(value); i < n; i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, Array.get(value, i));
      }
      sb.append(']');
    } else {
      string(sb, value.toString());
    }
  }

  private static void number(StringBuilder sb, Number n) {
    if ((n instanceof Double && !Double.isFinite(n.doubleValue()))
        || (n instanceof Float && !Float.isFinite(n.floatValue()))) {
      string(sb, n.toString()); // JSON has no NaN or Infinity
    } else {
      sb.append(n);
    }
  }

  static void string(StringBuilder sb, String s) {
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
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
