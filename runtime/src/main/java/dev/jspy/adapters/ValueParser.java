package dev.jspy.adapters;

import dev.jspy.internal.py.JsonRepair;
import dev.jspy.internal.py.PyJson;
import dev.jspy.internal.py.PyLiteral;
import dev.jspy.internal.py.ValueLimitException;
import dev.jspy.signature.FieldType;
import java.util.Optional;

/**
 * DSPy's {@code parse_value}: how the text an LM wrote for one field becomes a Java value.
 *
 * <ul>
 *   <li>{@code str}: the text as is; {@code Optional[str]}: the text as is, present.
 *   <li>an enum: the text is the constant's name (surrounding quotes forgiven).
 *   <li>a {@code Literal}: the raw text, never read as JSON: an allowed value as is, else stripped of a
 *       {@code Literal[...]} or {@code str[...]} wrapper and then of one pair of matching quotes, compared
 *       case-sensitively ({@code Literal['x']} is {@code x}, not the list {@code ['x']}).
 *   <li>everything else: read the text as JSON; failing that, as the first JSON object or array in it
 *       (DSPy's json_repair step, in part); failing that, as a Python literal ({@code True},
 *       {@code ['a', 'b']}, {@code {'k': 1}}); failing all, the text itself; then coerce the result to
 *       the field's type as pydantic's lax mode would ({@code "4"} is an int).
 * </ul>
 */
final class ValueParser {
  /** How much of a field's value an error message quotes. */
  static final int MAX_QUOTED = 1000;

  private ValueParser() {}

  /**
   * @param type the field's type
   * @param text the field's section of the reply, stripped
   * @return the decoded value
   * @throws ValueLimitException if the text holds an integer longer than Python reads or nests too deep
   * @throws IllegalArgumentException if the text does not fit the type
   */
  static Object parse(FieldType<?> type, String text) {
    if (type.isString()) {
      return text;
    }
    if (type instanceof FieldType.EnumType || type instanceof FieldType.LiteralType) {
      return type.fromJson(text);
    }
    if (type instanceof FieldType.OptionalType<?> o && o.value().isString()) {
      return Optional.of(text);
    }
    return type.fromJson(candidate(text));
  }

  /**
   * The JSON tree the text most plausibly holds, or the text itself. A {@link ValueLimitException} from
   * any reader ends the search, as Python's {@code ValueError} for a too-long integer escapes
   * {@code json_repair.loads}.
   */
  static Object candidate(String text) {
    try {
      return PyJson.loads(text);
    } catch (ValueLimitException limit) {
      throw limit;
    } catch (IllegalArgumentException notJson) {
      // go on: DSPy's json_repair, then ast.literal_eval
    }
    Object repaired = JsonRepair.firstValue(text);
    if (repaired != null) {
      return repaired;
    }
    if (!text.isEmpty()) {
      try {
        return PyLiteral.eval(text);
      } catch (ValueLimitException limit) {
        throw limit;
      } catch (IllegalArgumentException notLiteral) {
        // fall through to the raw text
      }
    }
    return text;
  }
}
