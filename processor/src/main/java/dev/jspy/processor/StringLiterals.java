package dev.jspy.processor;

import com.palantir.javapoet.CodeBlock;

/**
 * The Java expression for a string the user wrote (instructions, descriptions, tool names), which must come
 * back unchanged at run time. Ordinary text is JavaPoet's {@code $S}. Two kinds of text are not:
 *
 * <ul>
 *   <li>JavaPoet starts a new source line at U+2028, U+2029 and U+0085 (it splits on {@code \R}), which
 *       cuts the literal in two, and the {@code Filer} writes a lone surrogate as {@code ?}; such characters
 *       are written as {@code \}{@code uXXXX} escapes;
 *   <li>a class file constant holds at most 65,535 bytes of modified UTF-8 ({@code constant string too
 *       long}), so longer text is {@code String.join("", chunk, ...)}, which is not a compile-time constant
 *       and so is not folded back into one.
 * </ul>
 */
final class StringLiterals {
  /** The most bytes of modified UTF-8 in one class file constant. */
  static final int MAX_CONSTANT_BYTES = 65_535;
  /** Bytes of modified UTF-8 per chunk of a long string, well under the limit. */
  static final int CHUNK_BYTES = 16_384;

  private StringLiterals() {}

  /** {@code value} as a Java expression of type {@code String}. */
  static CodeBlock of(String value) {
    boolean special = false;
    for (int i = 0; i < value.length() && !special; i++) {
      special = needsEscape(value, i);
    }
    if (!special && modifiedUtf8Length(value, 0, value.length()) <= MAX_CONSTANT_BYTES) {
      return CodeBlock.of("$S", value);
    }
    if (modifiedUtf8Length(value, 0, value.length()) <= MAX_CONSTANT_BYTES) {
      return CodeBlock.of("$L", literal(value, 0, value.length()));
    }
    CodeBlock.Builder chunks = CodeBlock.builder().add("$T.join(\"\"", String.class);
    int start = 0;
    while (start < value.length()) {
      int end = start;
      int bytes = 0;
      while (end < value.length() && bytes + 3 <= CHUNK_BYTES) {
        bytes += modifiedUtf8Length(value, end, end + 1);
        end++;
      }
      // Keep a surrogate pair in one chunk (either way is correct; this is only tidier).
      if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1)) && Character.isLowSurrogate(value.charAt(end))) {
        end++;
      }
      chunks.add(",\n$L", literal(value, start, end));
      start = end;
    }
    return chunks.add(")").build();
  }

  /** Whether the char at {@code i} must be a unicode escape: a line separator for JavaPoet, or a lone surrogate. */
  private static boolean needsEscape(String s, int i) {
    char c = s.charAt(i);
    if (c == '\u2028' || c == '\u2029' || c == '\u0085') {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  /** {@code "..."} for {@code s[start, end)}, on one line. */
  private static String literal(String s, int start, int end) {
    StringBuilder b = new StringBuilder(end - start + 2).append('"');
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\b':
          b.append("\\b");
          break;
        case '\t':
          b.append("\\t");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\f':
          b.append("\\f");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        default:
          if (Character.isISOControl(c) || needsEscape(s, i)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }

  /** The length of {@code s[start, end)} in modified UTF-8, as a class file stores it. */
  static int modifiedUtf8Length(String s, int start, int end) {
    int bytes = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      bytes += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return bytes;
  }
}
