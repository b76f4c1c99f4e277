package dev.jspy.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a Javadoc comment, as {@code Elements.getDocComment} returns it, into the text the LM reads.
 *
 * <p>Like Python's {@code inspect.cleandoc} (what DSPy applies to a signature's docstring): the first line's
 * leading space goes, the common indentation of the other lines goes, leading and trailing blank lines go.
 * Beyond that, the LM has no use for Javadoc markup: block tags ({@code @param}, {@code @see}, ...) are
 * cut, inline tags such as <code>{&#64;code x}</code> become their text, a paragraph's {@code <p>} goes. And
 * trailing spaces are dropped, where javac and ECJ may differ.
 */
final class DocComments {
  private static final Pattern INLINE_TAG =
      Pattern.compile("\\{@(?:code|literal|link|linkplain|value)\\s+([^{}]*)}");

  /** Javadoc's paragraph marks, which a docstring does not have. */
  private static final Pattern PARAGRAPH = Pattern.compile("(?m)^<p>\\s*|</p>$");

  private DocComments() {}

  /** The cleaned text, or {@code ""} for no comment. */
  static String clean(String docComment) {
    if (docComment == null) {
      return "";
    }
    String[] raw = docComment.replace("\r\n", "\n").replace('\r', '\n').replace("\t", "    ").split("\n", -1);
    List<String> lines = new ArrayList<>();
    for (String line : raw) {
      if (line.strip().startsWith("@")) {
        break; // the block tags
      }
      lines.add(line.stripTrailing());
    }
    int margin = Integer.MAX_VALUE;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank()) {
        margin = Math.min(margin, line.length() - line.stripLeading().length());
      }
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      lines.set(i, i == 0 ? line.stripLeading() : line.isBlank() ? "" : line.substring(margin));
    }
    while (!lines.isEmpty() && lines.get(0).isEmpty()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    String text = PARAGRAPH.matcher(String.join("\n", lines)).replaceAll("");
    return INLINE_TAG.matcher(text).replaceAll("$1");
  }
}
