package dev.jspy.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses DSPy's string form, {@code "question: String, context: List<String> -> answer"}: this is where
 * {@code a: List<String>} becomes a name and a {@link TypeExpr}. Type names are not resolved here (that needs
 * the compiler, see {@link TypeResolver}); an untyped field has a {@code null} type, meaning {@code String}.
 *
 * <p>Grammar (whitespace is free between tokens; Python's {@code list[str]} brackets work like {@code <>}):
 *
 * <pre>
 * signature := fields "->" fields
 * fields    := field ("," field)*
 * field     := identifier (":" type)?
 * type      := "Literal[" pystring ("," pystring)* "]"
 *            | name (("&lt;" | "[") type ("," type)* ("&gt;" | "]"))?
 * name      := identifier ("." identifier)*
 * pystring  := a Python string literal in ' or ", with backslash escapes
 * </pre>
 *
 * <p>{@code Literal['a', "b c"]} is a {@code String} limited to those values (the {@code literals} of its
 * {@link TypeExpr}); commas, brackets, colons and {@code ->} inside the quotes are part of the values.
 *
 * <p>Every problem is collected, so one compile shows all of them.
 */
final class SignatureParser {

  /**
   * A type as written: {@code Map<String, List<Foo>>} is {@code Map} with arguments {@code String} and
   * {@code List<Foo>}.
   *
   * @param name the (possibly dotted) name
   * @param args the type arguments, empty for none
   * @param text the text as written, trimmed, for messages
   */
  record TypeExpr(String name, List<TypeExpr> args, String text, List<String> literals) {
    /** A type that is not a {@code Literal[...]}. */
    TypeExpr(String name, List<TypeExpr> args, String text) {
      this(name, args, text, null);
    }
  }

  /**
   * A field as written.
   *
   * @param name the field's name
   * @param type its type, or {@code null} when untyped (a {@code String})
   */
  record ParsedField(String name, TypeExpr type) {}

  /**
   * The result: the fields that parsed, and a message for each problem found.
   *
   * @param inputs the input fields that parsed, in order
   * @param outputs the output fields that parsed, in order
   * @param errors what is wrong, each message complete and quoting the signature
   */
  record Result(List<ParsedField> inputs, List<ParsedField> outputs, List<String> errors) {}

  private final String signature;
  private final List<String> errors = new ArrayList<>();

  private SignatureParser(String signature) {
    this.signature = signature;
  }

  /** Parses {@code signature}, which the caller has checked is not empty. */
  static Result parse(String signature) {
    return new SignatureParser(signature).parse();
  }

  private Result parse() {
    int arrow = indexOutsideQuotes(signature, "->", 0);
    if (arrow < 0) {
      errors.add(
          "signature " + quoted() + " has no '->'; write inputs -> outputs, e.g. \"question -> answer\"");
      return new Result(List.of(), List.of(), errors);
    }
    if (indexOutsideQuotes(signature, "->", arrow + 2) >= 0) {
      errors.add(
          "signature " + quoted() + " has more than one '->'; write inputs -> outputs, e.g. \"question -> answer\"");
      return new Result(List.of(), List.of(), errors);
    }
    String left = signature.substring(0, arrow);
    String right = signature.substring(arrow + 2);
    List<ParsedField> inputs = fields(left, "input", "before");
    List<ParsedField> outputs = fields(right, "output", "after");
    return new Result(inputs, outputs, errors);
  }

  private List<ParsedField> fields(String side, String role, String where) {
    List<ParsedField> fields = new ArrayList<>();
    if (side.isBlank()) {
      errors.add(
          "signature "
              + quoted()
              + " has no "
              + role
              + " fields "
              + where
              + " '->'; name at least one, e.g. \"question -> answer\"");
      return fields;
    }
    for (String part : splitTopLevel(side)) {
      ParsedField field = field(part.trim(), role);
      if (field != null) {
        fields.add(field);
      }
    }
    return fields;
  }

  private ParsedField field(String text, String role) {
    if (text.isEmpty()) {
      errors.add("signature " + quoted() + " has an empty " + role + " field (two commas in a row?); remove the extra comma");
      return null;
    }
    int colon = text.indexOf(':');
    String name = (colon < 0 ? text : text.substring(0, colon)).trim();
    if (!isIdentifier(name)) {
      errors.add(
          "'"
              + name
              + "' is not a valid field name in "
              + quoted()
              + "; use letters, digits and '_', not starting with a digit (names are Java identifiers)");
      return null;
    }
    if (colon < 0) {
      return new ParsedField(name, null);
    }
    String typeText = text.substring(colon + 1).trim();
    if (typeText.isEmpty()) {
      errors.add(
          "field '" + name + "' in " + quoted() + " has ':' but no type; write e.g. '" + name + ": String' or drop the ':'");
      return null;
    }
    TypeExpr type = new TypeReader(typeText, name).read();
    return type == null ? null : new ParsedField(name, type);
  }

  /** Where {@code what} first occurs at or after {@code from} outside Python string quotes, or -1. */
  private static int indexOutsideQuotes(String s, String what, int from) {
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (i >= from && s.startsWith(what, i)) {
        return i;
      }
    }
    return -1;
  }

  /** Splits on commas outside brackets and quotes; bracket balance is checked later, per type. */
  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '<' || c == '[') {
        depth++;
      } else if ((c == '>' || c == ']') && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.codePointAt(0))) {
      return false;
    }
    for (int i = Character.charCount(s.codePointAt(0)); i < s.length(); i += Character.charCount(s.codePointAt(i))) {
      if (!Character.isJavaIdentifierPart(s.codePointAt(i))) {
        return false;
      }
    }
    return true;
  }

  private String quoted() {
    return "\"" + signature + "\"";
  }

  /** Recursive descent over one field's type text. */
  private final class TypeReader {
    private final String text;
    private final String field;
    private int pos;
    private String error;

    TypeReader(String text, String field) {
      this.text = text;
      this.field = field;
    }

    TypeExpr read() {
      TypeExpr type = type();
      skipSpaces();
      if (error == null && pos < text.length()) {
        fail("unexpected '" + text.charAt(pos) + "'");
      }
      if (error != null && error.equals(TypeResolver.tooDeep())) {
        errors.add(
            "type of field '" + field + "' in " + quoted() + " " + error + "; use a record to group the inner levels");
        return null;
      }
      if (error != null) {
        errors.add(
            "cannot read type '" + text + "' of field '" + field + "' in " + quoted() + ": " + error
                + "; write e.g. 'List<String>' or 'Map<String, Integer>'");
        return null;
      }
      return type;
    }

    private int depth;

    private TypeExpr type() {
      if (depth > TypeResolver.MAX_DEPTH) {
        return fail(TypeResolver.tooDeep());
      }
      skipSpaces();
      int start = pos;
      String name = name();
      if (name == null) {
        return null;
      }
      List<TypeExpr> args = new ArrayList<>();
      skipSpaces();
      if (name.equals("Literal") && pos < text.length() && text.charAt(pos) == '[') {
        pos++;
        List<String> values = new ArrayList<>();
        while (true) {
          skipSpaces();
          String value = pyString();
          if (value == null) {
            return null;
          }
          values.add(value);
          skipSpaces();
          if (pos >= text.length()) {
            return fail("unbalanced '[', a ']' is missing");
          }
          char c = text.charAt(pos++);
          if (c == ']') {
            break;
          }
          if (c != ',') {
            return fail("expected ',' or ']' but found '" + c + "'");
          }
        }
        return new TypeExpr(name, List.of(), text.substring(start, pos).trim(), values);
      }
      if (pos < text.length() && (text.charAt(pos) == '<' || text.charAt(pos) == '[')) {
        char open = text.charAt(pos++);
        char close = open == '<' ? '>' : ']';
        while (true) {
          depth++;
          TypeExpr arg = type();
          depth--;
          if (arg == null) {
            return null;
          }
          args.add(arg);
          skipSpaces();
          if (pos >= text.length()) {
            return fail("unbalanced '" + open + "', a '" + close + "' is missing");
          }
          char c = text.charAt(pos++);
          if (c == close) {
            break;
          }
          if (c != ',') {
            return fail("expected ',' or '" + close + "' but found '" + c + "'");
          }
        }
      }
      return new TypeExpr(name, args, text.substring(start, pos).trim());
    }

    private String name() {
      int start = pos;
      while (true) {
        int partStart = pos;
        while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
          pos++;
        }
        String part = text.substring(partStart, pos);
        if (!isIdentifier(part)) {
          if (pos >= text.length()) {
            fail("a type name is missing at the end");
          } else {
            fail(part.isEmpty() ? "expected a type name but found '" + text.charAt(pos) + "'" : "'" + part + "' is not a type name");
          }
          return null;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
          pos++;
          continue;
        }
        return text.substring(start, pos);
      }
    }

    /** A Python string literal in ' or ", with backslash escapes; {@code null} after failing. */
    private String pyString() {
      if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
        fail("Literal values must be quoted strings, e.g. Literal['yes', 'no']");
        return null;
      }
      char quote = text.charAt(pos++);
      StringBuilder sb = new StringBuilder();
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == quote) {
          return sb.toString();
        }
        if (c == '\\' && pos < text.length()) {
          char e = text.charAt(pos++);
          switch (e) {
            case 'n':
              sb.append('\n');
              break;
            case 't':
              sb.append('\t');
              break;
            case 'r':
              sb.append('\r');
              break;
            default:
              sb.append(e); // \\, \', \" and anything else: the character itself
          }
        } else {
          sb.append(c);
        }
      }
      fail("a Literal value is missing its closing " + quote);
      return null;
    }

    private void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private TypeExpr fail(String message) {
      if (error == null) {
        error = message;
      }
      return null;
    }
  }
}
