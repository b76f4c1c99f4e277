package dev.jspy;

import dev.jspy.internal.py.PyJson;
import dev.jspy.internal.py.PyLiteral;
import dev.jspy.internal.py.PythonRepr;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@link Example}s from JSON Lines and CSV files, typed by a signature when one is given. */
final class ExampleFiles {
  private static final int QUOTE_LIMIT = 200;

  private ExampleFiles() {}

  static List<Example> readJsonl(Path file, SignatureSpec<?, ?> spec, Set<String> inputKeys) {
    List<String> lines = lines(file);
    Map<String, FieldType<?>> types = types(spec);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = file + ":" + (i + 1);
      Object tree;
      try {
        tree = PyJson.loads(line);
      } catch (RuntimeException e) {
        throw new DatasetException(where + ": expected a JSON object, got " + quote(line) + " (" + e.getMessage() + ")");
      }
      if (!(tree instanceof Map)) {
        throw new DatasetException(where + ": expected a JSON object, got " + quote(line));
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) tree).entrySet()) {
        String key = (String) e.getKey();
        FieldType<?> type = types.get(key);
        fields.put(key, type == null ? e.getValue() : convert(where, key, type, e.getValue(), spec));
      }
      out.add(Example.of(fields, inputKeys));
    }
    return out;
  }

  static List<Example> readCsv(Path file, SignatureSpec<?, ?> spec, Set<String> inputKeys) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<List<String>> rows = csvRows(file, text);
    List<Example> out = new ArrayList<>();
    if (rows.isEmpty()) {
      return out;
    }
    List<String> header = rows.get(0);
    Map<String, FieldType<?>> types = types(spec);
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.isEmpty()) {
        continue; // csv.DictReader skips blank rows
      }
      String where = file + " row " + r;
      if (row.size() > header.size()) {
        throw new DatasetException(where + ": " + row.size() + " cells but the header names " + header.size()
            + " columns " + header);
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        String key = header.get(c);
        String cell = c < row.size() ? row.get(c) : null; // DictReader's restval
        FieldType<?> type = types.get(key);
        fields.put(key, type == null || cell == null ? cell : convert(where, key, type, cellValue(type, cell), spec));
      }
      out.add(Example.of(fields, inputKeys));
    }
    return out;
  }

  /** A cell as the JSON tree its field's type reads: the text for strings, else JSON or a Python literal. */
  private static Object cellValue(FieldType<?> type, String cell) {
    FieldType<?> t = FieldType.unwrapOptional(type);
    if (t != type && cell.isEmpty()) {
      return null;
    }
    if (t.isString() || t instanceof FieldType.EnumType || t instanceof FieldType.LiteralType) {
      return cell;
    }
    try {
      return PyJson.loads(cell);
    } catch (RuntimeException notJson) {
      try {
        return PyLiteral.eval(cell);
      } catch (RuntimeException notLiteral) {
        return cell; // the type's own lax reading decides ("yes" for a bool) or explains
      }
    }
  }

  private static Object convert(String where, String key, FieldType<?> type, Object value, SignatureSpec<?, ?> spec) {
    try {
      return type.fromJson(value);
    } catch (RuntimeException e) {
      throw new DatasetException(where + ": field '" + key + "' of " + spec + " expects " + type.pythonName()
          + ", got " + quote(PythonRepr.repr(value)) + ": " + e.getMessage());
    }
  }

  private static Map<String, FieldType<?>> types(SignatureSpec<?, ?> spec) {
    Map<String, FieldType<?>> m = new HashMap<>();
    if (spec != null) {
      for (FieldSpec f : spec.fields()) {
        m.put(f.name(), f.type());
      }
    }
    return m;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Python's csv.reader with the excel dialect: , separated, " quoted, "" inside quotes, CRLF or LF. */
  static List<List<String>> csvRows(Path file, String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean cellStarted = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            cell.append('"');
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          cell.append(c);
        }
        i++;
        continue;
      }
      if (c == '"' && cell.length() == 0 && !cellStarted) {
        quoted = true;
        cellStarted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
        cellStarted = false;
      } else if (c == '\r' || c == '\n') {
        if (cellStarted || cell.length() > 0 || !row.isEmpty()) {
          row.add(cell.toString());
        }
        rows.add(row);
        row = new ArrayList<>();
        cell.setLength(0);
        cellStarted = false;
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        cell.append(c);
        cellStarted = true;
      }
      i++;
    }
    if (quoted) {
      throw new DatasetException(file + ": unexpected end of file inside a quoted cell (row " + rows.size() + ")");
    }
    if (cellStarted || cell.length() > 0 || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }

  private static String quote(String s) {
    return s.length() <= QUOTE_LIMIT ? s : s.substring(0, QUOTE_LIMIT) + "... (" + s.length() + " chars)";
  }
}
