package dev.jspy.internal;

/** Quotes LM text inside exception messages, shortened so a log line stays readable. */
public final class Snippets {
  private static final int MAX = 2000;

  private Snippets() {}

  /**
   * @param text any text
   * @param max how many characters to keep
   * @return the text, or its first {@code max} characters and how many more there were
   */
  public static String cap(String text, int max) {
    if (text == null || text.length() <= max) {
      return String.valueOf(text);
    }
    return text.substring(0, max) + "… (" + (text.length() - max) + " more characters)";
  }

  public static String quote(String text) {
    if (text == null) {
      return "<none>";
    }
    if (text.length() <= MAX) {
      return "«" + text + "»";
    }
    return "«" + text.substring(0, MAX) + "» … (" + (text.length() - MAX) + " more characters)";
  }
}
