package dev.jspy.signature;

import dev.jspy.internal.py.PyJson;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One pydantic field constraint ({@code ge}, {@code le}, {@code gt}, {@code lt}, {@code min_length},
 * {@code max_length}, {@code multiple_of}, {@code pattern}), as DSPy shows it to the LM and pydantic checks
 * it.
 *
 * <p>On a signature field ({@link FieldSpec#constraints()}) a constraint only adds DSPy's
 * {@code Constraints: greater than or equal to: 0.0, ...} line after the field's description: DSPy 3.3.1
 * builds the field's JSON schema and parses the reply from the bare annotation, so neither the schema nor
 * the parse sees it (a reply {@code 1000.5} for {@code score: float = OutputField(le=1.0)} is kept). On a
 * record component ({@link FieldType.Component#constraints()}) it is part of the pydantic model: its JSON
 * keyword ({@code minimum}, ...) is in the model's schema, and a parsed value that breaks it is a parse
 * error naming the component and the rule, as pydantic's validation error is in DSPy.
 *
 * @param rule the rule
 * @param value the bound: a {@code Long} or {@code Double} for the numeric rules (as the field's type
 *     writes it, so {@code 0.0} on a {@code float} field), an {@code Integer} for the lengths, the regular
 *     expression for {@link Rule#PATTERN}
 */
public record Constraint(Rule rule, Object value) {

  /** The pydantic constraints jspy supports, with DSPy's text and the JSON schema keyword. */
  public enum Rule {
    /** {@code gt}: greater than. */
    GT("gt", "greater than: ", "exclusiveMinimum"),
    /** {@code ge}: greater than or equal to. */
    GE("ge", "greater than or equal to: ", "minimum"),
    /** {@code lt}: less than. */
    LT("lt", "less than: ", "exclusiveMaximum"),
    /** {@code le}: less than or equal to. */
    LE("le", "less than or equal to: ", "maximum"),
    /** {@code min_length}: at least this many characters, items or entries. */
    MIN_LENGTH("min_length", "minimum length: ", null),
    /** {@code max_length}: at most this many characters, items or entries. */
    MAX_LENGTH("max_length", "maximum length: ", null),
    /** {@code multiple_of}: a whole multiple of the value. */
    MULTIPLE_OF("multiple_of", "a multiple of the given number: ", "multipleOf"),
    /** {@code pattern}: the text contains a match of the regular expression (DSPy shows no text for it). */
    PATTERN("pattern", null, "pattern");

    private final String pydanticName;
    private final String text;
    private final String keyword;

    Rule(String pydanticName, String text, String keyword) {
      this.pydanticName = pydanticName;
      this.text = text;
      this.keyword = keyword;
    }

    /** @return pydantic's name for the rule, {@code ge} */
    public String pydanticName() {
      return pydanticName;
    }

    /** @return whether the rule bounds a number (and goes on numeric types only) */
    public boolean numeric() {
      return this == GT || this == GE || this == LT || this == LE || this == MULTIPLE_OF;
    }
  }

  /** Checks the components. */
  public Constraint {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(value, "value");
    if (rule.numeric() && !(value instanceof Long || value instanceof Double)) {
      throw new IllegalArgumentException(rule.pydanticName + " needs a Long or Double bound, got " + value);
    }
    if ((rule == Rule.MIN_LENGTH || rule == Rule.MAX_LENGTH) && !(value instanceof Integer)) {
      throw new IllegalArgumentException(rule.pydanticName + " needs an Integer bound, got " + value);
    }
    if (rule == Rule.PATTERN) {
      Pattern.compile((String) value); // fails early on a bad expression
    }
  }

  /**
   * @param rule the rule
   * @param value the bound, as for the record's component
   * @return the constraint
   */
  public static Constraint of(Rule rule, Object value) {
    return new Constraint(rule, value);
  }

  /**
   * DSPy's text for this constraint ({@code PYDANTIC_CONSTRAINT_MAP}), with the bound as Python's
   * {@code str()} writes it.
   *
   * @return {@code greater than or equal to: 0.0}, or {@code ""} for a rule DSPy shows no text for
   */
  public String text() {
    return rule.text == null ? "" : rule.text + PyJson.str(value);
  }

  /**
   * DSPy's {@code Constraints:} text: the constraints' texts in order, comma-separated.
   *
   * @param constraints constraints, in the order written
   * @return the text, {@code ""} when no constraint has any
   */
  public static String describe(java.util.List<Constraint> constraints) {
    StringBuilder sb = new StringBuilder();
    for (Constraint c : constraints) {
      String t = c.text();
      if (!t.isEmpty()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(t);
      }
    }
    return sb.toString();
  }

  /**
   * The JSON schema keyword pydantic writes for this constraint on a value of {@code type}.
   *
   * @param type the constrained type (not {@code Optional})
   * @return {@code minimum}, {@code maxLength}, {@code minItems}, ...
   */
  public String keyword(FieldType<?> type) {
    if (rule.keyword != null) {
      return rule.keyword;
    }
    String suffix =
        type instanceof FieldType.ListType ? "Items" : type instanceof FieldType.MapType ? "Properties" : "Length";
    return (rule == Rule.MIN_LENGTH ? "min" : "max") + suffix;
  }

  /**
   * Checks a decoded value as pydantic does.
   *
   * @param value the Java value (an empty {@code Optional} passes)
   * @throws IllegalArgumentException naming the rule and the value when it is broken
   */
  public void check(Object value) {
    if (value instanceof Optional) {
      if (((Optional<?>) value).isEmpty()) {
        return;
      }
      value = ((Optional<?>) value).get();
    }
    boolean ok;
    switch (rule) {
      case GT:
      case GE:
      case LT:
      case LE: {
        int cmp = decimal(value).compareTo(decimal(this.value));
        ok = rule == Rule.GT ? cmp > 0 : rule == Rule.GE ? cmp >= 0 : rule == Rule.LT ? cmp < 0 : cmp <= 0;
        break;
      }
      case MULTIPLE_OF:
        ok = decimal(this.value).signum() != 0
            && decimal(value).remainder(decimal(this.value)).signum() == 0;
        break;
      case MIN_LENGTH:
      case MAX_LENGTH: {
        int n = length(value);
        ok = rule == Rule.MIN_LENGTH ? n >= (Integer) this.value : n <= (Integer) this.value;
        break;
      }
      case PATTERN:
        ok = Pattern.compile((String) this.value).matcher(String.valueOf(value)).find();
        break;
      default:
        throw new AssertionError(rule);
    }
    if (!ok) {
      String shown = value instanceof String ? "'" + value + "'" : PyJson.str(value);
      throw new IllegalArgumentException(
          shown + " breaks the constraint " + rule.pydanticName + "=" + PyJson.str(this.value)
              + (text().isEmpty() ? "" : " (" + text() + ")"));
    }
  }

  private static BigDecimal decimal(Object n) {
    if (n instanceof Double || n instanceof Float) {
      double d = ((Number) n).doubleValue();
      if (!Double.isFinite(d)) {
        return d > 0 ? BigDecimal.valueOf(Double.MAX_VALUE).multiply(BigDecimal.TEN)
            : BigDecimal.valueOf(-Double.MAX_VALUE).multiply(BigDecimal.TEN);
      }
      return BigDecimal.valueOf(d);
    }
    return new BigDecimal(n.toString());
  }

  private static int length(Object value) {
    if (value instanceof String) {
      return ((String) value).codePointCount(0, ((String) value).length());
    }
    if (value instanceof Collection) {
      return ((Collection<?>) value).size();
    }
    if (value instanceof Map) {
      return ((Map<?, ?>) value).size();
    }
    throw new IllegalArgumentException("a length constraint needs a str, list or dict, got " + value);
  }
}
