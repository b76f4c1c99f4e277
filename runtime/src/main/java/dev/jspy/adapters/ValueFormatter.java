package dev.jspy.adapters;

import dev.jspy.internal.py.PyJson;
import dev.jspy.signature.FieldType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DSPy's {@code format_field_value}: how a field's value is written into a prompt. Plain text as is,
 * containers as {@code json.dumps(..., ensure_ascii=False)}, other scalars as Python's {@code str()}
 * ({@code True}, {@code None}, {@code 0.1}); a list given for a {@code str} field becomes DSPy's numbered
 * {@code «»} list.
 */
final class ValueFormatter {
  private ValueFormatter() {}

  /**
   * @param type the field's type
   * @param value the value (any Java value: demos may carry text such as "Not supplied ..." for any field)
   * @return the text the LM sees
   */
  static String format(FieldType<?> type, Object value) {
    if (type.isString() && value instanceof List) {
      return numberedList((List<?>) value);
    }
    return PyJson.str(jsonable(type, value));
  }

  /**
   * DSPy's {@code serialize_for_json}: the JSON form of a value, guided by the field's type where the
   * value fits it (records are unpacked through their type, never by reflection) and by the value itself
   * otherwise. Anything that has no JSON form becomes its {@code toString()}, as DSPy falls back to
   * {@code str(value)}.
   */
  static Object jsonable(FieldType<?> type, Object value) {
    return jsonable(type, value, false);
  }

  /**
   * {@link #jsonable} of a value that DSPy serializes inside a plain dict, as the JSON adapter serializes
   * the whole {@code {field: value}} dict of a demo's outputs at once.
   */
  static Object jsonableInDict(FieldType<?> type, Object value) {
    return jsonable(type, value, true);
  }

  /**
   * @param inferred whether the value sits in a plain list or dict (outside any record): pydantic then
   *     writes a NaN or infinite float as {@code null}, where a record's float field or a value on its
   *     own keeps it
   */
  private static Object jsonable(FieldType<?> type, Object value, boolean inferred) {
    if (value instanceof Optional) {
      return jsonable(type == null ? null : FieldType.unwrapOptional(type), ((Optional<?>) value).orElse(null), inferred);
    }
    if (value == null) {
      return null;
    }
    if (type instanceof FieldType.OptionalType<?> o) {
      return jsonable(o.value(), value, inferred);
    }
    if (inferred && (value instanceof Double || value instanceof Float)
        && !Double.isFinite(((Number) value).doubleValue())) {
      return null;
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Number) {
      return value;
    }
    if (value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Enum) {
      if (type instanceof FieldType.EnumType) {
        try {
          return type.toJson(value); // its value, as DSPy writes an Enum member
        } catch (IllegalArgumentException e) {
          return ((Enum<?>) value).name(); // a constant of another enum than the field's
        }
      }
      return ((Enum<?>) value).name();
    }
    if (value instanceof Record) {
      if (type instanceof FieldType.RecordType) {
        try {
          return type.toJson(value);
        } catch (ClassCastException e) {
          return value.toString(); // a record of another type than the field's
        }
      }
      return value.toString();
    }
    FieldType<?> element = type instanceof FieldType.ListType<?> l
        ? l.element()
        : type instanceof FieldType.MapType<?> m ? m.value() : null;
    if (value instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        out.put(e.getKey(), jsonable(element, e.getValue(), true));
      }
      return out;
    }
    if (value instanceof Collection || value instanceof Object[]) {
      Collection<?> items = value instanceof Collection ? (Collection<?>) value : Arrays.asList((Object[]) value);
      List<Object> out = new ArrayList<>(items.size());
      for (Object item : items) {
        out.add(jsonable(element, item, true));
      }
      return out;
    }
    return value.toString();
  }

  /** DSPy's {@code _format_input_list_field_value}. */
  private static String numberedList(List<?> items) {
    if (items.isEmpty()) {
      return "N/A";
    }
    if (items.size() == 1) {
      return blob(String.valueOf(items.get(0)));
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append('[').append(i + 1).append("] ").append(blob(String.valueOf(items.get(i))));
    }
    return sb.toString();
  }

  /** DSPy's {@code _format_blob}. */
  private static String blob(String text) {
    if (text.indexOf('\n') < 0 && text.indexOf('«') < 0 && text.indexOf('»') < 0) {
      return "«" + text + "»";
    }
    return "«««\n    " + text.replace("\n", "\n    ") + "\n»»»";
  }
}
