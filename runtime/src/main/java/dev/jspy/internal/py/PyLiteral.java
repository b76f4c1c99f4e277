package dev.jspy.internal.py;

/**
 * Python's {@code ast.literal_eval} over the literals an LM writes: {@code True}/{@code False}/
 * {@code None}, numbers (with underscores, hex/octal/binary), single-, double- and triple-quoted
 * strings with Python's escapes (adjacent ones concatenated), lists, tuples ({@code (1, 2)} and a bare
 * {@code 1, 2}), sets and dicts. Tuples and sets become lists; complex numbers, bytes semantics and
 * f-strings are not supported. Internal.
 */
public final class PyLiteral {
  private PyLiteral() {}

  /**
   * @param text the literal
   * @return its value as a JSON tree (dict keys keep their Python type)
   * @throws IllegalArgumentException if it is not a Python literal
   */
  public static Object eval(String text) {
    return ValueReader.literal(text);
  }
}
