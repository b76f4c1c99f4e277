package dev.jspy.internal.py;

/**
 * The part of {@code json_repair.loads} that DSPy relies on when a reply is not valid JSON: find the first
 * <code>&#123;</code> or {@code [} in the text (skipping prose or a Markdown fence before it) and read one object
 * or array from there, forgiving single or curly quotes, bare words, missing or trailing commas and
 * unclosed brackets. A bare {@code true}, {@code false} or {@code null} is read in any case
 * ({@code True}, {@code NULL}); any other bare word is a string, Python's {@code None} included (it is
 * {@code 'None'}, as json_repair 0.61.7 reads it). Text after the value is ignored. Internal.
 *
 * <p>Only a subset: json_repair also repairs some broken strings, comments, and joins several top-level
 * values into a list; here such text either yields the first value or nothing, and the caller goes on to
 * its next way of reading the text.
 */
public final class JsonRepair {
  private JsonRepair() {}

  /**
   * @param text LM text
   * @return the first object (a Map) or array (a List) found, or {@code null} if there is none
   */
  public static Object firstValue(String text) {
    Object v = ValueReader.repair(text);
    return v == ValueReader.NO_VALUE ? null : v;
  }
}
