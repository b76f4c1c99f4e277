package dev.jspy.evaluate;

import dev.jspy.Example;
import dev.jspy.internal.py.PyFloat;
import dev.jspy.internal.py.PyJson;
import dev.jspy.internal.py.PythonRepr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** DSPy's {@code _prepare_results_output} rows, and the CSV, JSON and table made from them. */
final class ResultsOutput {
  private ResultsOutput() {}

  /**
   * One row per result: the example's fields merged with the prediction's ({@code example_}/{@code pred_}
   * prefixes on clashes) when the prediction is dict-like (fields known, or a failure's empty
   * prediction), else the example's fields plus {@code prediction}; then the metric's score.
   */
  static <O> List<Map<String, Object>> rows(
      List<EvaluationResult.Item<O>> results, String metricName, Function<? super O, Map<String, ?>> fields) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (EvaluationResult.Item<O> r : results) {
      Map<String, Object> ex = r.example().toMap();
      Map<String, Object> row = new LinkedHashMap<>();
      Map<String, ?> pred = r.prediction() == null ? Map.of() : fields == null ? null : fields.apply(r.prediction());
      if (pred != null) {
        ex.forEach((k, v) -> row.put(pred.containsKey(k) ? "example_" + k : k, v));
        pred.forEach((k, v) -> row.put(ex.containsKey(k) ? "pred_" + k : k, v));
      } else {
        row.putAll(ex);
        row.put("prediction", r.prediction());
      }
      row.put(metricName, r.score()); // as dict | {name: score}: an existing key keeps its position

      out.add(row);
    }
    return out;
  }

  /** {@code csv.DictWriter} (excel dialect, CRLF, minimal quoting) with the first row's keys, then new ones. */
  static String csv(List<Map<String, Object>> rows) {
    Set<String> header = new LinkedHashSet<>();
    rows.forEach(r -> header.addAll(r.keySet()));
    StringBuilder sb = new StringBuilder();
    writeCsvRow(sb, new ArrayList<>(header));
    for (Map<String, Object> r : rows) {
      List<Object> cells = new ArrayList<>();
      for (String h : header) {
        cells.add(r.get(h));
      }
      writeCsvRow(sb, cells);
    }
    return sb.toString();
  }

  private static void writeCsvRow(StringBuilder sb, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String s = str(cells.get(i), "");
      boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0
          || (s.isEmpty() && cells.size() == 1);
      if (quote) {
        sb.append('"').append(s.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(s);
      }
    }
    sb.append("\r\n");
  }

  /** Python's {@code str(value)}, with {@code none} for None (csv writes ""). */
  static String str(Object v, String none) {
    if (v == null) {
      return none;
    }
    if (v instanceof String) {
      return (String) v;
    }
    if (v instanceof Double || v instanceof Float) {
      return PyFloat.repr(((Number) v).doubleValue());
    }
    if (v instanceof Number) {
      return v.toString();
    }
    return PythonRepr.repr(v);
  }

  /** {@code json.dump(rows, f)}: ", " and ": " separators, non-ASCII escaped. */
  static String json(List<Map<String, Object>> rows) {
    List<Object> tree = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      r.forEach((k, v) -> m.put(k, jsonValue(v)));
      tree.add(m);
    }
    return asciiOnly(PyJson.dumps(tree));
  }

  private static Object jsonValue(Object v) {
    if (v instanceof Example) {
      return ((Example) v).toMap();
    }
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Map
        || v instanceof List) {
      return v;
    }
    if (v instanceof Enum) {
      return ((Enum<?>) v).name();
    }
    return str(v, null);
  }

  private static String asciiOnly(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        sb.append(c);
      } else {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  /**
   * The table DSPy prints ({@code display_table}): cells cut to 25 words, the metric as {@code ✔️ [0.500]},
   * columns padded as pandas prints a frame (index first, cells right-aligned).
   */
  static String table(List<Map<String, Object>> rows, String metricName, int limit) {
    Set<String> header = new LinkedHashSet<>();
    rows.forEach(r -> header.addAll(r.keySet()));
    List<String> cols = new ArrayList<>(header);
    int shown = Math.min(limit, rows.size());
    List<List<String>> cells = new ArrayList<>();
    List<String> head = new ArrayList<>();
    head.add("");
    head.addAll(cols);
    cells.add(head);
    for (int i = 0; i < shown; i++) {
      List<String> line = new ArrayList<>();
      line.add(String.valueOf(i));
      for (String c : cols) {
        Object v = rows.get(i).get(c);
        line.add(c.equals(metricName)
            ? (v == null ? "" : String.format(Locale.ROOT, "\u2714\ufe0f [%.3f]", ((Number) v).doubleValue()))
            : truncate(str(v, "NaN")));
      }
      cells.add(line);
    }
    int[] width = new int[head.size()];
    for (List<String> line : cells) {
      for (int c = 0; c < line.size(); c++) {
        width[c] = Math.max(width[c], line.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> line : cells) {
      for (int c = 0; c < line.size(); c++) {
        if (c > 0) {
          sb.append("  ");
        }
        String cell = line.get(c);
        if (c == 0) {
          sb.append(cell).append(" ".repeat(width[c] - cell.length()));
        } else {
          sb.append(" ".repeat(width[c] - cell.length())).append(cell);
        }
      }
      sb.append('\n');
    }
    if (rows.size() > shown) {
      sb.append("... ").append(rows.size() - shown).append(" more rows not displayed ...\n");
    }
    return sb.toString();
  }

  /** DSPy's {@code truncate_cell}: more than 25 words become the first 25 and "...". */
  static String truncate(String s) {
    String[] words = s.trim().split("\\s+");
    if (words.length > 25) {
      return String.join(" ", java.util.Arrays.copyOf(words, 25)) + "...";
    }
    return s.replace("\n", "\\n");
  }
}
