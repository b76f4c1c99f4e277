package dev.jspy.processor;

import java.util.Locale;

/**
 * Which characters a name the LM reads and writes back may hold. A field's name is a header in DSPy's
 * ChatAdapter, {@code [[ ## name ## ]]}, read back with Python's {@code \w+}: letters, digits and
 * {@code _}. Java identifiers also allow {@code $} and invisible "ignorable" characters (NUL, U+200B and
 * other format characters), so {@code q\u200bx} would compile next to {@code qx} and never be read back. A
 * tool's name and its arguments' names are values, not headers, so only characters the LM cannot see or
 * reproduce are refused there.
 */
final class NameRules {
  private NameRules() {}

  /** The first character of {@code name} that a DSPy header cannot carry, described, or {@code null}. */
  static String notInHeader(String name) {
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      boolean word = Character.isLetterOrDigit(cp) || cp == '_' || Character.getType(cp) == Character.LETTER_NUMBER;
      if (!word) {
        return describe(cp);
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  /** The first character of {@code name} that cannot be seen (control, format, separator, unpaired), or {@code null}. */
  static String invisible(String name) {
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      switch (Character.getType(cp)) {
        case Character.CONTROL:
        case Character.FORMAT:
        case Character.SURROGATE:
        case Character.UNASSIGNED:
        case Character.LINE_SEPARATOR:
        case Character.PARAGRAPH_SEPARATOR:
          return describe(cp);
        default:
          if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return describe(cp);
          }
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  /** {@code U+200B (ZERO WIDTH SPACE)}. */
  static String describe(int codePoint) {
    String name = Character.getName(codePoint);
    String code = String.format(Locale.ROOT, "U+%04X", codePoint);
    return name == null ? code : code + " (" + name + ")";
  }
}
