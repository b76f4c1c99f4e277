package dev.jspy.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a Javadoc comment, as {@code Elements.getDocComment} returns it, into the text the LM reads.
 *
 * <p>Like Python's {@code inspect.cleandoc} (what DSPy applies to a signature's docstring): the first line's
 * leading space goes, the common indentation of the other lines goes, leading and trailing blank lines go.
 * Beyond that, the LM has no use for Javadoc markup: block tags ({@code @param}, {@code @see}, ...) are
 * cut, inline tags such as <code>{&#64;code x}</code> become their text, a paragraph's {@code <p>} goes. And
 * trailing spaces are dropped, where javac and ECJ may differ.
 *
 * <p>{@link #params} reads the {@code @param} tags, which describe a {@code @Tool} method's arguments when
 * {@code @Arg(desc)} does not.
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

  /**
   * The text of each {@code @param name text} tag, by parameter name, its lines joined with single spaces and
   * inline tags reduced to their text; tags for type parameters ({@code @param <T>}) are skipped.
   */
  static Map<String, String> params(String docComment) {
    Map<String, String> params = new LinkedHashMap<>();
    if (docComment == null) {
      return params;
    }
    String name = null;
    StringBuilder text = new StringBuilder();
    for (String line : docComment.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.startsWith("@")) {
        put(params, name, text);
        name = null;
        text.setLength(0);
        String[] parts = stripped.split("\\s+", 3);
        if (parts[0].equals("@param") && parts.length > 1 && !parts[1].startsWith("<")) {
          name = parts[1];
          text.append(parts.length > 2 ? parts[2] : "");
        }
      } else if (name != null && !stripped.isEmpty()) {
        text.append(text.length() == 0 ? "" : " ").append(stripped);
      }
    }
    put(params, name, text);
    return params;
  }

  private static void put(Map<String, String> params, String name, StringBuilder text) {
    if (name != null) {
      params.putIfAbsent(name, INLINE_TAG.matcher(text.toString().strip()).replaceAll("$1"));
    }
  }
}
