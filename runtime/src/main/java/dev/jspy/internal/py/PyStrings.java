package dev.jspy.internal.py;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code str.splitlines()}, {@code str.strip()}, {@code str.isspace()} and
 * {@code textwrap.dedent()}, which differ from Java's {@code lines()}, {@code strip()} and
 * {@link Character#isWhitespace} at the edges (form feeds, {@code \u0085}, no-break spaces). Internal.
 */
public final class PyStrings {
  private static final Pattern WHITESPACE_ONLY_LINE =
      Pattern.compile("^[ \\t]+$", Pattern.MULTILINE | Pattern.UNIX_LINES);
  private static final Pattern LEADING_WHITESPACE =
      Pattern.compile("(^[ \\t]*)(?:[^ \\t\\n])", Pattern.MULTILINE | Pattern.UNIX_LINES);

  private PyStrings() {}

  /**
   * @param c a UTF-16 unit (all of Python's whitespace is in the BMP)
   * @return whether Python's {@code str.isspace()} holds for it
   */
  public static boolean isSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    }
    return c == 0x85
        || c == 0xa0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000;
  }

  /**
   * @param s a string
   * @return {@code s.strip()} in Python's sense of whitespace
   */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e) || c == 0x85
        || c == 0x2028 || c == 0x2029;
  }

  /**
   * @param s a string
   * @return {@code s.splitlines()}: split on every Python line boundary ({@code \r\n} counts once), no
   *     empty last line for a trailing break, nothing for {@code ""}
   */
  public static List<String> splitLines(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (isLineBreak(c)) {
        out.add(s.substring(start, i));
        i += (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
        start = i;
      } else {
        i++;
      }
    }
    if (start < n) {
      out.add(s.substring(start));
    }
    return out;
  }

  /**
   * @param text a string
   * @return {@code textwrap.dedent(text)}: the longest common leading run of spaces and tabs removed from
   *     every line, and lines holding only spaces and tabs emptied
   */
  public static String dedent(String text) {
    String t = WHITESPACE_ONLY_LINE.matcher(text).replaceAll("");
    String margin = null;
    Matcher m = LEADING_WHITESPACE.matcher(t);
    while (m.find()) {
      String indent = m.group(1);
      if (margin == null) {
        margin = indent;
      } else if (indent.startsWith(margin)) {
        continue;
      } else if (margin.startsWith(indent)) {
        margin = indent;
      } else {
        int i = 0;
        while (i < margin.length() && i < indent.length() && margin.charAt(i) == indent.charAt(i)) {
          i++;
        }
        margin = margin.substring(0, i);
      }
    }
    if (margin != null && !margin.isEmpty()) {
      t = Pattern.compile("^" + Pattern.quote(margin), Pattern.MULTILINE | Pattern.UNIX_LINES).matcher(t).replaceAll("");
    }
    return t;
  }

  /**
   * Python's {@code name.replace("_", " ").title()}, pydantic's default field title: each run of letters
   * starts upper case and goes on lower case ({@code zip_code} → {@code Zip Code}, {@code zipCode} →
   * {@code Zipcode}).
   *
   * @param name a field name
   * @return its title
   */
  public static String title(String name) {
    String s = name.replace('_', ' ');
    StringBuilder out = new StringBuilder(s.length());
    boolean prevCased = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean cased = Character.isLetter(ch);
      out.append(cased ? (prevCased ? Character.toLowerCase(ch) : Character.toUpperCase(ch)) : ch);
      prevCased = cased;
    }
    return out.toString();
  }

  /**
   * Text to quote inside a message, shortened when long: the first {@code max} characters, then
   * {@code … (K more characters)}. Not a Python function; here so every message cuts text the same way.
   *
   * @param text any text
   * @param max how many characters to keep
   * @return {@code text}, or its start and how much was left off
   */
  public static String excerpt(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + "… (" + (text.length() - end) + " more characters)";
  }

  /**
   * Python's {@code \w} in a {@code str} pattern: a letter (Unicode categories Lu, Ll, Lt, Lm, Lo), a
   * number (Nd, Nl, No: {@code str.isalnum()}) or {@code _}. Unlike Java's {@code \w} with
   * {@code UNICODE_CHARACTER_CLASS}, it excludes combining marks, connector punctuation other than
   * {@code _} and the joiners U+200C/U+200D, and includes {@code ²} and {@code ½}.
   *
   * @param cp a code point
   * @return whether Python's {@code \w} matches it
   */
  public static boolean isWordChar(int cp) {
    if (cp == '_' || Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  /**
   * @param s a string
   * @return the first code point of {@code s} that Python's {@code \w} does not match, or {@code -1} if
   *     there is none ({@code s} is then matched by {@code \w*})
   */
  public static int firstNonWordChar(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!isWordChar(cp)) {
        return cp;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }
}
