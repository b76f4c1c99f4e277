package dev.jspy.signature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** DSPy's {@code move_type_to_front}: every object's keys sorted, with {@code "type"} first, recursively. */
final class SchemaOrder {
  private SchemaOrder() {}

  static Map<String, Object> sorted(Map<String, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (map.containsKey("type")) {
      out.put("type", sortValue(map.get("type")));
    }
    for (Map.Entry<String, ?> e : new TreeMap<>(map).entrySet()) {
      if (!e.getKey().equals("type")) {
        out.put(e.getKey(), sortValue(e.getValue()));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object sortValue(Object v) {
    if (v instanceof Map) {
      return sorted((Map<String, ?>) v);
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(sortValue(e));
      }
      return List.copyOf(out);
    }
    return v;
  }
}
