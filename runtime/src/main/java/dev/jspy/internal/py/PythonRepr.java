package dev.jspy.internal.py;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Python's {@code repr()} of Java values, as DSPy prints predictions and tool arguments: strings quoted
 * as Python quotes them ({@code 'a'}, {@code "it's"}, escapes such as {@code \n} and {@code \x00}),
 * {@code True}/{@code False}, {@code None} (also for an empty {@link Optional}), floats as
 * {@link PyFloat#repr(double)}, lists {@code ['a', 'b']}, maps {@code {'k': 1}}. An enum constant prints
 * as the Python {@code Enum} member DSPy's schema describes (its value is its name):
 * {@code <Label.POSITIVE: 'POSITIVE'>}. A record prints as the pydantic model it stands for:
 * {@code Customer(name='Yes,', age=-20)}, components under their declared names, values in this same
 * form (nested records, lists and dicts too). Internal.
 *
 * <p>Records are read through {@link Class#getRecordComponents()}: this is for printing only, never on
 * the path of a call. A record whose accessors cannot be read (a non-public record in a module that does
 * not open its package) prints as its own {@code toString()}.
 */
public final class PythonRepr {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonRepr() {}

  /**
   * @param value any value
   * @return its Python repr
   */
  public static String repr(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v instanceof Optional) {
      v = ((Optional<?>) v).orElse(null);
    }
    if (v == null) {
      sb.append("None");
    } else if (v instanceof String || v instanceof Character) {
      quote(sb, v.toString());
    } else if (v instanceof Boolean) {
      sb.append(((Boolean) v) ? "True" : "False");
    } else if (v instanceof Double) {
      sb.append(PyFloat.repr((Double) v));
    } else if (v instanceof Float) {
      sb.append(PyFloat.repr((Float) v));
    } else if (v instanceof Number) {
      sb.append(v);
    } else if (v instanceof Enum) {
      Enum<?> e = (Enum<?>) v;
      sb.append('<').append(e.getDeclaringClass().getSimpleName()).append('.').append(e.name()).append(": ");
      quote(sb, e.name());
      sb.append('>');
    } else if (v instanceof Record) {
      writeRecord(sb, (Record) v);
    } else if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        write(sb, e.getKey());
        sb.append(": ");
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Set && ((Set<?>) v).isEmpty()) {
      sb.append("set()");
    } else if (v instanceof Collection || v instanceof Object[]) {
      boolean set = v instanceof Set;
      Collection<?> items = v instanceof Collection ? (Collection<?>) v : Arrays.asList((Object[]) v);
      sb.append(set ? '{' : '[');
      boolean first = true;
      for (Object o : items) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        write(sb, o);
      }
      sb.append(set ? '}' : ']');
    } else {
      sb.append(v);
    }
  }

  /** A pydantic model's repr: {@code Name(a=1, b='x')}. */
  private static void writeRecord(StringBuilder sb, Record r) {
    RecordComponent[] components = r.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        java.lang.reflect.Method accessor = components[i].getAccessor();
        if (!accessor.canAccess(r) && !accessor.trySetAccessible()) {
          sb.append(r);
          return;
        }
        values[i] = accessor.invoke(r);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      sb.append(r);
      return;
    }
    sb.append(r.getClass().getSimpleName()).append('(');
    for (int i = 0; i < components.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(components[i].getName()).append('=');
      write(sb, values[i]);
    }
    sb.append(')');
  }

  /** CPython's unicode_repr. */
  private static void quote(StringBuilder sb, String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    sb.append(q);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == q || cp == '\\') {
        sb.append('\\').append((char) cp);
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (cp < ' ' || cp == 0x7f) {
        hex(sb, "\\x", cp, 2);
      } else if (cp < 0x7f || isPrintable(cp)) {
        sb.appendCodePoint(cp);
      } else if (cp <= 0xff) {
        hex(sb, "\\x", cp, 2);
      } else if (cp <= 0xffff) {
        hex(sb, "\\u", cp, 4);
      } else {
        hex(sb, "\\U", cp, 8);
      }
    }
    sb.append(q);
  }

  private static void hex(StringBuilder sb, String prefix, int cp, int digits) {
    sb.append(prefix);
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append(HEX[(cp >> shift) & 0xf]);
    }
  }

  /** Python's str.isprintable for one code point: not Cc, Cf, Cs, Co, Cn, Zl, Zp, or Zs other than space. */
  private static boolean isPrintable(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SPACE_SEPARATOR:
        return cp == ' ';
      default:
        return true;
    }
  }
}
