package dev.jspy;

/** Quotes LM text inside exception messages, shortened so a log line stays readable. */
final class Snippets {
  private static final int MAX = 2000;

  private Snippets() {}

  static String quote(String text) {
    if (text == null) {
      return "<none>";
    }
    if (text.length() <= MAX) {
      return "«" + text + "»";
    }
    return "«" + text.substring(0, MAX) + "» … (" + (text.length() - MAX) + " more characters)";
  }
}
