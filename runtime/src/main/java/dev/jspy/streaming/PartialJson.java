package dev.jspy.streaming;

import java.util.ArrayList;
import java.util.List;

/**
 * The two questions DSPy's JSON stream listener asks {@code jiter}: does this text parse as one JSON value
 * ({@code jiter.from_json}), and which keys does the top-level object have so far
 * ({@code partial_mode="trailing-strings"}). Matches jiter 0.17 on what the answers depend on: NaN and
 * Infinity are accepted; duplicate keys count once; in partial mode a value cut off by the end of the text
 * counts if it is a string, array or object, or a number or literal already complete, and the parse stops
 * quietly where a value is followed by anything but a separator; a malformed value is an error in both modes.
 */
final class PartialJson {
  private final String s;
  private final boolean partial;
  private int pos;
  private boolean stopped;

  private PartialJson(String s, boolean partial) {
    this.s = s;
    this.partial = partial;
  }

  /** Thrown for text that is not JSON (and not a prefix of JSON, in partial mode). */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed() {
      super(null, null, false, false);
    }
  }

  /**
   * @param text the text
   * @return whether it is exactly one JSON value, with optional surrounding whitespace
   */
  static boolean parsesWhole(String text) {
    PartialJson p = new PartialJson(text, false);
    try {
      p.value(null);
      p.skipWs();
      return p.pos == text.length();
    } catch (Malformed e) {
      return false;
    }
  }

  /**
   * @param text the beginning of a JSON object
   * @return its top-level keys that have a value so far, in order of first appearance; {@code null} if the
   *     text cannot be the beginning of JSON
   */
  static List<String> topLevelKeys(String text) {
    PartialJson p = new PartialJson(text, true);
    List<String> keys = new ArrayList<>();
    try {
      p.value(keys);
      return keys;
    } catch (Malformed e) {
      return null;
    }
  }

  /** @return whether a value is present (false: cut off before it was complete enough to count) */
  private boolean value(List<String> keys) throws Malformed {
    skipWs();
    if (atEnd()) {
      return stop();
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        object(keys);
        return true;
      case '[':
        array();
        return true;
      case '"':
        string(null);
        return true;
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      case 'N':
        return literal("NaN");
      case 'I':
        return literal("Infinity");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw new Malformed();
    }
  }

  private void object(List<String> keys) throws Malformed {
    pos++;
    skipWs();
    if (atEnd()) {
      stop();
      return;
    }
    if (s.charAt(pos) == '}') {
      pos++;
      return;
    }
    while (true) {
      skipWs();
      if (atEnd()) {
        stop();
        return;
      }
      if (s.charAt(pos) != '"') {
        throw new Malformed();
      }
      StringBuilder key = new StringBuilder();
      string(key);
      if (stopped) {
        return; // a key cut off counts not
      }
      skipWs();
      if (atEnd()) {
        stop();
        return;
      }
      if (s.charAt(pos) != ':') {
        throw new Malformed();
      }
      pos++;
      boolean present = value(null);
      if (present && keys != null && !keys.contains(key.toString())) {
        keys.add(key.toString());
      }
      if (stopped || afterMember('}')) {
        return;
      }
    }
  }

  private void array() throws Malformed {
    pos++;
    skipWs();
    if (atEnd()) {
      stop();
      return;
    }
    if (s.charAt(pos) == ']') {
      pos++;
      return;
    }
    while (true) {
      value(null);
      if (stopped || afterMember(']')) {
        return;
      }
    }
  }

  /** @return whether the container closed (or parsing stopped); false after a comma */
  private boolean afterMember(char close) throws Malformed {
    skipWs();
    if (atEnd()) {
      stop();
      return true;
    }
    char c = s.charAt(pos);
    if (c == ',') {
      pos++;
      return false;
    }
    if (c == close) {
      pos++;
      return true;
    }
    if (partial) {
      stop(); // jiter's partial mode ends the parse here rather than failing
      return true;
    }
    throw new Malformed();
  }

  private void string(StringBuilder out) throws Malformed {
    pos++;
    while (true) {
      if (atEnd()) {
        stop();
        return;
      }
      char c = s.charAt(pos);
      if (c == '"') {
        pos++;
        return;
      }
      if (c < 0x20) {
        throw new Malformed();
      }
      if (c == '\\') {
        if (pos + 1 >= s.length()) {
          pos = s.length();
          stop();
          return;
        }
        char e = s.charAt(pos + 1);
        if (e == 'u') {
          for (int i = 0; i < 4; i++) {
            int at = pos + 2 + i;
            if (at >= s.length()) {
              pos = s.length();
              stop();
              return;
            }
            if (Character.digit(s.charAt(at), 16) < 0) {
              throw new Malformed();
            }
          }
          if (out != null) {
            out.append((char) Integer.parseInt(s.substring(pos + 2, pos + 6), 16));
          }
          pos += 6;
          continue;
        }
        if ("\"\\/bfnrt".indexOf(e) < 0) {
          throw new Malformed();
        }
        if (out != null) {
          out.append(e == '"' || e == '\\' || e == '/' ? e : '?');
        }
        pos += 2;
        continue;
      }
      if (out != null) {
        out.append(c);
      }
      pos++;
    }
  }

  private boolean literal(String word) throws Malformed {
    for (int i = 0; i < word.length(); i++) {
      if (atEnd()) {
        return stop();
      }
      if (s.charAt(pos) != word.charAt(i)) {
        throw new Malformed();
      }
      pos++;
    }
    return true;
  }

  private boolean number() throws Malformed {
    if (s.charAt(pos) == '-') {
      pos++;
      if (atEnd()) {
        return stop();
      }
      if (s.charAt(pos) == 'I') {
        return literal("Infinity");
      }
    }
    if (!digit()) {
      throw new Malformed();
    }
    if (s.charAt(pos) == '0') {
      pos++;
      if (digit()) {
        throw new Malformed();
      }
    } else {
      while (digit()) {
        pos++;
      }
    }
    if (!atEnd() && s.charAt(pos) == '.') {
      pos++;
      if (atEnd()) {
        return stop();
      }
      if (!digit()) {
        throw new Malformed();
      }
      while (digit()) {
        pos++;
      }
    }
    if (!atEnd() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (!atEnd() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
        pos++;
      }
      if (atEnd()) {
        return stop();
      }
      if (!digit()) {
        throw new Malformed();
      }
      while (digit()) {
        pos++;
      }
    }
    return true;
  }

  private boolean digit() {
    return !atEnd() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9';
  }

  private boolean atEnd() {
    return pos >= s.length();
  }

  /** The text ended (partial mode: stop quietly; whole mode: malformed). Returns false: no value. */
  private boolean stop() throws Malformed {
    if (!partial) {
      throw new Malformed();
    }
    stopped = true;
    return false;
  }

  private void skipWs() {
    while (!atEnd()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }
}
