package dev.jspy.internal.py;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One recursive-descent reader for the three ways DSPy reads a value out of LM text: strict JSON
 * ({@code json.loads}), Python literals ({@code ast.literal_eval}) and a small, forgiving subset of
 * {@code json_repair} (the first {@code {...}} or {@code [...]} in the text, single quotes, bare words,
 * trailing commas, unclosed brackets). Produces plain JSON trees: lists for lists, tuples and sets,
 * insertion-ordered maps, Integer/Long/BigInteger for integers, Double for floats.
 *
 * <p>Bounded work on any input: integers longer than {@link PyJson#MAX_INT_DIGITS} digits and nesting
 * deeper than {@link PyJson#MAX_DEPTH} throw {@link ValueLimitException} (as Python raises
 * {@code ValueError}/{@code RecursionError}), and recursion never goes deeper than that. A finite
 * literal that overflows a double ({@code 1e400}) is not read as a number (strict modes fail, the
 * forgiving one keeps it as text), so no caller receives an infinity nobody wrote.
 */
final class ValueReader {
  /** What {@link #repair} returns when the text holds no value, as json_repair returns {@code ""}. */
  static final Object NO_VALUE = new Object();

  private enum Mode {
    JSON,
    PYTHON,
    REPAIR
  }

  private final String s;
  private final Mode mode;
  private int pos;
  private int depth;

  private ValueReader(String s, Mode mode) {
    this.s = s;
    this.mode = mode;
  }

  // ---------------------------------------------------------------- entry points

  static Object json(String text) {
    ValueReader r = new ValueReader(text, Mode.JSON);
    r.skipJsonSpace();
    Object v = r.jsonValue();
    r.skipJsonSpace();
    if (r.pos != text.length()) {
      throw r.error("Extra data");
    }
    return v;
  }

  static Object literal(String text) {
    ValueReader r = new ValueReader(text, Mode.PYTHON);
    while (r.pos < text.length() && (text.charAt(r.pos) == ' ' || text.charAt(r.pos) == '\t')) {
      r.pos++;
    }
    Object v = r.pyExpressionList();
    r.skipPySpace(true);
    if (r.pos != text.length()) {
      throw r.error("invalid syntax");
    }
    return v;
  }

  static Object repair(String text) {
    int brace = text.indexOf('{');
    int bracket = text.indexOf('[');
    int start = brace < 0 ? bracket : bracket < 0 ? brace : Math.min(brace, bracket);
    if (start < 0) {
      return NO_VALUE;
    }
    ValueReader r = new ValueReader(text, Mode.REPAIR);
    r.pos = start;
    Object v = r.lenientValue();
    return "".equals(v) ? NO_VALUE : v;
  }

  // ---------------------------------------------------------------- shared

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at position " + pos);
  }

  private boolean eof() {
    return pos >= s.length();
  }

  private char peek() {
    return s.charAt(pos);
  }

  private boolean startsWith(String word) {
    return s.startsWith(word, pos);
  }

  private void enter() {
    if (++depth > PyJson.MAX_DEPTH) {
      throw new ValueLimitException("nesting deeper than " + PyJson.MAX_DEPTH + " levels at position " + pos);
    }
  }

  private int hex(int digits) {
    if (pos + digits > s.length()) {
      throw error("truncated escape");
    }
    int v = 0;
    for (int i = 0; i < digits; i++) {
      int d = Character.digit(s.charAt(pos + i), 16);
      if (d < 0 || s.charAt(pos + i) > 'f') {
        throw error("invalid escape");
      }
      v = v * 16 + d;
    }
    pos += digits;
    return v;
  }

  // ---------------------------------------------------------------- strict JSON (json.loads)

  private void skipJsonSpace() {
    while (!eof()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        break;
      }
    }
  }

  private Object jsonValue() {
    if (eof()) {
      throw error("Expecting value");
    }
    char c = peek();
    switch (c) {
      case '{':
        return jsonObject();
      case '[':
        return jsonArray();
      case '"':
        return jsonString();
      default:
        break;
    }
    if (startsWith("null")) {
      pos += 4;
      return null;
    }
    if (startsWith("true")) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (startsWith("false")) {
      pos += 5;
      return Boolean.FALSE;
    }
    if (startsWith("NaN")) {
      pos += 3;
      return Double.NaN;
    }
    if (startsWith("Infinity")) {
      pos += 8;
      return Double.POSITIVE_INFINITY;
    }
    if (startsWith("-Infinity")) {
      pos += 9;
      return Double.NEGATIVE_INFINITY;
    }
    return jsonNumber();
  }

  private Object jsonNumber() {
    int start = pos;
    if (!eof() && peek() == '-') {
      pos++;
    }
    if (eof() || !isDigit(peek())) {
      pos = start;
      throw error("Expecting value");
    }
    if (peek() == '0') {
      pos++;
    } else {
      while (!eof() && isDigit(peek())) {
        pos++;
      }
    }
    boolean integral = true;
    if (pos + 1 < s.length() && peek() == '.' && isDigit(s.charAt(pos + 1))) {
      integral = false;
      pos++;
      while (!eof() && isDigit(peek())) {
        pos++;
      }
    }
    if (!eof() && (peek() == 'e' || peek() == 'E')) {
      int e = pos + 1;
      if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
        e++;
      }
      if (e < s.length() && isDigit(s.charAt(e))) {
        integral = false;
        pos = e;
        while (!eof() && isDigit(peek())) {
          pos++;
        }
      }
    }
    String text = s.substring(start, pos);
    return integral ? PyJson.integer(text, 10) : finiteDouble(text, start);
  }

  /** A float literal's value; one too large for a double is an error rather than an infinity. */
  private double finiteDouble(String text, int start) {
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) {
      pos = start;
      throw error("float literal out of range");
    }
    return d;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Map<Object, Object> jsonObject() {
    enter();
    pos++;
    Map<Object, Object> out = new LinkedHashMap<>();
    skipJsonSpace();
    if (!eof() && peek() == '}') {
      pos++;
      depth--;
      return out;
    }
    while (true) {
      if (eof() || peek() != '"') {
        throw error("Expecting property name enclosed in double quotes");
      }
      String key = jsonString();
      skipJsonSpace();
      if (eof() || peek() != ':') {
        throw error("Expecting ':' delimiter");
      }
      pos++;
      skipJsonSpace();
      out.put(key, jsonValue());
      skipJsonSpace();
      if (!eof() && peek() == ',') {
        pos++;
        skipJsonSpace();
      } else if (!eof() && peek() == '}') {
        pos++;
        depth--;
        return out;
      } else {
        throw error("Expecting ',' delimiter");
      }
    }
  }

  private List<Object> jsonArray() {
    enter();
    pos++;
    List<Object> out = new ArrayList<>();
    skipJsonSpace();
    if (!eof() && peek() == ']') {
      pos++;
      depth--;
      return out;
    }
    while (true) {
      out.add(jsonValue());
      skipJsonSpace();
      if (!eof() && peek() == ',') {
        pos++;
        skipJsonSpace();
      } else if (!eof() && peek() == ']') {
        pos++;
        depth--;
        return out;
      } else {
        throw error("Expecting ',' delimiter");
      }
    }
  }

  private String jsonString() {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (eof()) {
        throw error("Unterminated string");
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("Invalid control character");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (eof()) {
        throw error("Unterminated string");
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"':
        case '\\':
        case '/':
          sb.append(e);
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          sb.append((char) hex(4)); // surrogate pairs come out as two units, as Python joins them
          break;
        default:
          pos--;
          throw error("Invalid \\escape");
      }
    }
  }

  // ---------------------------------------------------------------- Python literals (ast.literal_eval)

  /** Skips blanks, comments and line continuations; newlines only inside brackets or at the very end. */
  private void skipPySpace(boolean trailing) {
    while (!eof()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\f') {
        pos++;
      } else if ((c == '\n' || c == '\r') && (depth > 0 || trailing)) {
        pos++;
      } else if (c == '\\' && pos + 1 < s.length() && (s.charAt(pos + 1) == '\n' || s.charAt(pos + 1) == '\r')) {
        pos += 2;
        if (s.charAt(pos - 1) == '\r' && !eof() && peek() == '\n') {
          pos++;
        }
      } else if (c == '#') {
        while (!eof() && peek() != '\n' && peek() != '\r') {
          pos++;
        }
      } else {
        break;
      }
    }
  }

  /** {@code 1, 2} at the top level is a tuple, as in {@code eval}. */
  private Object pyExpressionList() {
    skipPySpace(false);
    Object first = pyValue();
    skipPySpace(false);
    if (eof() || peek() != ',') {
      return first;
    }
    List<Object> items = new ArrayList<>();
    items.add(first);
    while (!eof() && peek() == ',') {
      pos++;
      skipPySpace(false);
      if (eof() || peek() == '\n' || peek() == '\r') {
        break;
      }
      items.add(pyValue());
      skipPySpace(false);
    }
    return items;
  }

  private Object pyValue() {
    skipPySpace(false);
    if (eof()) {
      throw error("unexpected end of input");
    }
    char c = peek();
    if (c == '[') {
      return pySequence(']');
    }
    if (c == '(') {
      return pyParenthesized();
    }
    if (c == '{') {
      return pyBraces();
    }
    if (c == '-' || c == '+') {
      pos++;
      skipPySpace(false);
      if (eof() || !(isDigit(peek()) || (peek() == '.' && pos + 1 < s.length() && isDigit(s.charAt(pos + 1))))) {
        throw error("malformed node or string");
      }
      Object n = pyNumber();
      return c == '+' ? n : negate(n);
    }
    if (isDigit(c) || (c == '.' && pos + 1 < s.length() && isDigit(s.charAt(pos + 1)))) {
      return pyNumber();
    }
    if (c == '"' || c == '\'' || Character.isLetter(c) || c == '_') {
      return pyWordOrString();
    }
    throw error("invalid syntax");
  }

  private static Object negate(Object n) {
    if (n instanceof Double) {
      return -(Double) n;
    }
    return PyJson.integer(new java.math.BigInteger(n.toString()).negate().toString(), 10);
  }

  private List<Object> pySequence(char close) {
    enter();
    pos++;
    List<Object> out = new ArrayList<>();
    while (true) {
      skipPySpace(false);
      if (eof()) {
        throw error("'[' was never closed");
      }
      if (peek() == close) {
        pos++;
        depth--;
        return out;
      }
      out.add(pyValue());
      skipPySpace(false);
      if (!eof() && peek() == ',') {
        pos++;
      } else if (eof() || peek() != close) {
        throw error("invalid syntax");
      }
    }
  }

  private Object pyParenthesized() {
    enter();
    pos++;
    skipPySpace(false);
    if (!eof() && peek() == ')') {
      pos++;
      depth--;
      return new ArrayList<>();
    }
    Object first = pyValue();
    skipPySpace(false);
    if (!eof() && peek() == ')') {
      pos++;
      depth--;
      return first;
    }
    List<Object> items = new ArrayList<>();
    items.add(first);
    readRest(items, ')');
    depth--;
    return items;
  }

  /** Reads {@code , b, c)} into {@code items}, the cursor on the first comma. */
  private void readRest(List<Object> items, char close) {
    while (true) {
      if (eof()) {
        throw error("'" + (close == ')' ? '(' : '{') + "' was never closed");
      }
      if (peek() == close) {
        pos++;
        return;
      }
      if (peek() != ',') {
        throw error("invalid syntax");
      }
      pos++;
      skipPySpace(false);
      if (!eof() && peek() == close) {
        pos++;
        return;
      }
      items.add(pyValue());
      skipPySpace(false);
    }
  }

  private Object pyBraces() {
    enter();
    pos++;
    skipPySpace(false);
    if (!eof() && peek() == '}') {
      pos++;
      depth--;
      return new LinkedHashMap<>();
    }
    Object key = pyValue();
    skipPySpace(false);
    if (eof() || peek() != ':') {
      // a set literal: its items, in the order written
      List<Object> items = new ArrayList<>();
      items.add(key);
      readRest(items, '}');
      depth--;
      return items;
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    while (true) {
      if (key instanceof List || key instanceof Map) {
        throw error("unhashable type");
      }
      pos++; // the ':'
      out.put(key, pyValue());
      skipPySpace(false);
      if (eof()) {
        throw error("'{' was never closed");
      }
      if (peek() == '}') {
        pos++;
        depth--;
        return out;
      }
      if (peek() != ',') {
        throw error("invalid syntax");
      }
      pos++;
      skipPySpace(false);
      if (!eof() && peek() == '}') {
        pos++;
        depth--;
        return out;
      }
      key = pyValue();
      skipPySpace(false);
      if (eof() || peek() != ':') {
        throw error("':' expected after dictionary key");
      }
    }
  }

  private Object pyNumber() {
    int start = pos;
    if (peek() == '0' && pos + 1 < s.length() && "xXoObB".indexOf(s.charAt(pos + 1)) >= 0) {
      char kind = Character.toLowerCase(s.charAt(pos + 1));
      int radix = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
      pos += 2;
      StringBuilder digits = new StringBuilder();
      while (true) {
        int p = pos < s.length() && peek() == '_' ? pos + 1 : pos;
        if (p < s.length() && s.charAt(p) < 128 && Character.digit(s.charAt(p), radix) >= 0) {
          digits.append(s.charAt(p));
          pos = p + 1;
        } else {
          break;
        }
      }
      if (digits.length() == 0) {
        throw error("invalid literal");
      }
      noIdentifierAfterNumber();
      return PyJson.integer(digits.toString(), radix);
    }
    String intPart = peek() == '.' ? "" : digitPart(false);
    boolean isFloat = false;
    StringBuilder text = new StringBuilder(intPart);
    if (!eof() && peek() == '.') {
      pos++;
      isFloat = true;
      text.append('.').append(digitPart(true));
    }
    if (!eof() && (peek() == 'e' || peek() == 'E')) {
      int save = pos;
      pos++;
      StringBuilder exp = new StringBuilder("e");
      if (!eof() && (peek() == '+' || peek() == '-')) {
        exp.append(peek());
        pos++;
      }
      if (!eof() && isDigit(peek())) {
        exp.append(digitPart(false));
        text.append(exp);
        isFloat = true;
      } else {
        pos = save;
        throw error("invalid decimal literal");
      }
    }
    if (!eof() && (peek() == 'j' || peek() == 'J')) {
      throw error("complex numbers are not supported");
    }
    noIdentifierAfterNumber();
    if (isFloat) {
      return finiteDouble(text.toString(), start);
    }
    if (intPart.length() > 1 && intPart.charAt(0) == '0' && !intPart.chars().allMatch(ch -> ch == '0')) {
      throw error("leading zeros in decimal integer literals are not permitted");
    }
    return PyJson.integer(intPart, 10);
  }

  /** {@code [0-9](_?[0-9])*}, or nothing when {@code optional}; returns the digits without underscores. */
  private String digitPart(boolean optional) {
    StringBuilder sb = new StringBuilder();
    if (eof() || !isDigit(peek())) {
      if (optional) {
        return "";
      }
      throw error("invalid decimal literal");
    }
    while (!eof()) {
      char c = peek();
      if (isDigit(c)) {
        sb.append(c);
        pos++;
      } else if (c == '_' && pos + 1 < s.length() && isDigit(s.charAt(pos + 1))) {
        pos++;
      } else {
        break;
      }
    }
    return sb.toString();
  }

  private void noIdentifierAfterNumber() {
    if (!eof() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      throw error("invalid decimal literal");
    }
  }

  private Object pyWordOrString() {
    int start = pos;
    while (!eof() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      pos++;
    }
    String word = s.substring(start, pos);
    if (!eof() && (peek() == '"' || peek() == '\'')) {
      String prefix = word.toLowerCase(java.util.Locale.ROOT);
      if (prefix.isEmpty() || prefix.equals("r") || prefix.equals("u") || prefix.equals("b")
          || prefix.equals("br") || prefix.equals("rb")) {
        return pyStrings(prefix);
      }
      throw error("not a literal: " + word + "-string");
    }
    switch (word) {
      case "True":
        return Boolean.TRUE;
      case "False":
        return Boolean.FALSE;
      case "None":
        return null;
      default:
        throw error("malformed node or string: name '" + word + "'");
    }
  }

  /** One string literal and any adjacent ones, concatenated as Python does. */
  private String pyStrings(String firstPrefix) {
    StringBuilder sb = new StringBuilder();
    pyString(sb, firstPrefix.contains("r"));
    while (true) {
      int save = pos;
      skipPySpace(false);
      int wordStart = pos;
      while (!eof() && Character.isLetter(peek()) && pos - wordStart < 2) {
        pos++;
      }
      String prefix = s.substring(wordStart, pos).toLowerCase(java.util.Locale.ROOT);
      boolean okPrefix = prefix.isEmpty() || prefix.equals("r") || prefix.equals("u") || prefix.equals("b")
          || prefix.equals("br") || prefix.equals("rb");
      if (okPrefix && !eof() && (peek() == '"' || peek() == '\'')) {
        pyString(sb, prefix.contains("r"));
      } else {
        pos = save;
        return sb.toString();
      }
    }
  }

  private void pyString(StringBuilder sb, boolean raw) {
    char q = peek();
    boolean triple = startsWith("" + q + q + q);
    pos += triple ? 3 : 1;
    while (true) {
      if (eof()) {
        throw error("unterminated string literal");
      }
      char c = peek();
      if (c == q && (!triple || startsWith("" + q + q + q))) {
        pos += triple ? 3 : 1;
        return;
      }
      if ((c == '\n' || c == '\r') && !triple) {
        throw error("unterminated string literal");
      }
      if (c != '\\') {
        sb.append(c);
        pos++;
        continue;
      }
      pos++;
      if (eof()) {
        throw error("unterminated string literal");
      }
      char e = peek();
      if (raw) {
        // a backslash in a raw string only stops the next quote from ending it; both are kept
        sb.append('\\').append(e);
        pos++;
        continue;
      }
      pos++;
      switch (e) {
        case '\n':
          break;
        case '\r':
          if (!eof() && peek() == '\n') {
            pos++;
          }
          break;
        case '\\':
        case '\'':
        case '"':
          sb.append(e);
          break;
        case 'a':
          sb.append('\u0007');
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'v':
          sb.append('\u000b');
          break;
        case 'x':
          sb.append((char) hex(2));
          break;
        case 'u':
          sb.append((char) hex(4));
          break;
        case 'U': {
          int cp = hex(8);
          if (cp > Character.MAX_CODE_POINT) {
            throw error("illegal Unicode character");
          }
          sb.appendCodePoint(cp);
          break;
        }
        case 'N': {
          int close = s.indexOf('}', pos);
          if (eof() || peek() != '{' || close < 0) {
            throw error("malformed \\N character escape");
          }
          String name = s.substring(pos + 1, close);
          try {
            sb.appendCodePoint(Character.codePointOf(name));
          } catch (IllegalArgumentException ex) {
            throw error("unknown Unicode character name");
          }
          pos = close + 1;
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int i = 0; i < 2 && !eof() && peek() >= '0' && peek() <= '7'; i++) {
              v = v * 8 + (s.charAt(pos++) - '0');
            }
            sb.appendCodePoint(v);
          } else {
            sb.append('\\').append(e); // unknown escapes stay as written
          }
      }
    }
  }

  // ---------------------------------------------------------------- forgiving JSON (json_repair subset)

  private void skipAnySpace() {
    while (!eof() && PyStrings.isSpace(peek())) {
      pos++;
    }
  }

  private Object lenientValue() {
    skipAnySpace();
    if (eof()) {
      return "";
    }
    char c = peek();
    if (c == '{') {
      return lenientObject();
    }
    if (c == '[' || c == '(') {
      return lenientArray();
    }
    if (c == '"' || c == '\'' || c == '\u201c') {
      return lenientString();
    }
    if (isDigit(c) || ((c == '-' || c == '.') && pos + 1 < s.length() && isDigit(s.charAt(pos + 1)))) {
      return lenientNumber();
    }
    return lenientWord();
  }

  private Map<Object, Object> lenientObject() {
    enter();
    pos++;
    Map<Object, Object> out = new LinkedHashMap<>();
    while (true) {
      skipSeparators();
      if (eof()) {
        break;
      }
      char c = peek();
      if (c == '}' || c == ']') {
        pos++;
        break;
      }
      int before = pos;
      Object key;
      if (c == '"' || c == '\'' || c == '\u201c') {
        key = lenientString();
      } else {
        int start = pos;
        while (!eof() && peek() != ':' && peek() != '}' && peek() != ',' && peek() != '\n') {
          pos++;
        }
        key = PyStrings.strip(s.substring(start, pos));
      }
      skipAnySpace();
      Object value = "";
      if (!eof() && peek() == ':') {
        pos++;
        value = lenientValue();
      }
      out.put(key, value);
      if (pos == before) {
        pos++;
      }
    }
    depth--;
    return out;
  }

  /** An array, or a Python tuple inside a container ({@code ('a', 'b')}), both read as a list. */
  private List<Object> lenientArray() {
    enter();
    char close = peek() == '(' ? ')' : ']';
    pos++;
    List<Object> out = new ArrayList<>();
    while (true) {
      skipSeparators();
      if (eof()) {
        break;
      }
      char c = peek();
      if (c == close || c == ']' || c == '}') {
        pos++;
        break;
      }
      int before = pos;
      out.add(lenientValue());
      if (pos == before) {
        pos++;
      }
    }
    depth--;
    return out;
  }

  private void skipSeparators() {
    while (!eof() && (PyStrings.isSpace(peek()) || peek() == ',')) {
      pos++;
    }
  }

  private String lenientString() {
    char open = peek();
    char close = open == '\u201c' ? '\u201d' : open;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (!eof()) {
      char c = s.charAt(pos++);
      if (c == close) {
        break;
      }
      if (c != '\\' || eof()) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(pos++);
      switch (e) {
        case 'n':
          sb.append('\n');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'u':
          if (pos + 4 <= s.length()) {
            try {
              sb.append((char) hex(4));
              break;
            } catch (IllegalArgumentException ex) {
              // not an escape after all: keep it as written
            }
          }
          sb.append("\\u");
          break;
        case '"':
        case '\'':
        case '\\':
        case '/':
          sb.append(e);
          break;
        default:
          sb.append('\\').append(e);
      }
    }
    return sb.toString();
  }

  private Object lenientNumber() {
    int start = pos;
    while (!eof() && "0123456789+-.eE_".indexOf(peek()) >= 0) {
      pos++;
    }
    if (!eof() && (Character.isLetter(peek()))) {
      pos = start;
      return lenientWord();
    }
    String text = s.substring(start, pos).replace("_", "");
    try {
      if (text.matches("-?[0-9]+")) {
        return PyJson.integer(text, 10);
      }
      double d = Double.parseDouble(text);
      return Double.isInfinite(d) ? text : d; // too large for a double: kept as written
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private Object lenientWord() {
    int start = pos;
    while (!eof()) {
      char c = peek();
      if (c == ',' || c == ']' || c == '}' || c == ')' || c == ':' || c == '\n' || c == '\r') {
        break;
      }
      pos++;
    }
    String word = PyStrings.strip(s.substring(start, pos));
    // json_repair's parse_boolean_or_null: true, false and null in any case; Python's None is just a word
    switch (word.toLowerCase(Locale.ROOT)) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return null;
      default:
        return word;
    }
  }
}
