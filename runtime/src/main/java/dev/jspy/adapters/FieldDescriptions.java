package dev.jspy.adapters;

import dev.jspy.internal.py.PyJson;
import dev.jspy.internal.py.PyStrings;
import dev.jspy.signature.Constraint;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import java.util.List;

/**
 * How DSPy describes fields to the LM, shared by the text adapters: the numbered field list
 * ({@code get_field_description_string}) and the type note after an output's placeholder
 * ({@code translate_field_type}).
 */
final class FieldDescriptions {
  private FieldDescriptions() {}

  /**
   * @param fields input or output fields
   * @return {@code 1. `question` (str): desc}, one line per field
   */
  static String describe(List<FieldSpec> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec f = fields.get(i);
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(i + 1).append(". `").append(f.name()).append("` (").append(f.type().pythonName()).append("): ")
          .append(f.description());
      String constraints = Constraint.describe(f.constraints());
      if (!constraints.isEmpty()) {
        sb.append("\nConstraints: ").append(constraints);
      }
    }
    return PyStrings.strip(sb.toString());
  }

  /**
   * @param field a field
   * @param input whether it is an input (inputs get no note)
   * @return {@code {answer}}, followed for typed outputs by DSPy's note, such as
   *     {@code         # note: the value you produce must be a single int value}
   */
  static String placeholder(FieldSpec field, boolean input) {
    String note = input ? "" : typeNote(field.type());
    return "{" + field.name() + "}" + (note.isEmpty() ? "" : "        # note: the value you produce " + note);
  }

  private static String typeNote(FieldType<?> type) {
    if (type instanceof FieldType.StringType) {
      return "";
    } else if (type instanceof FieldType.BooleanType) {
      return "must be True or False";
    } else if (type instanceof FieldType.IntType || type instanceof FieldType.LongType) {
      return "must be a single int value";
    } else if (type instanceof FieldType.FloatType || type instanceof FieldType.DoubleType) {
      return "must be a single float value";
    } else if (type instanceof FieldType.EnumType<?> e) {
      return "must be one of: " + String.join("; ", e.values());
    } else if (type instanceof FieldType.LiteralType l) {
      return "must exactly match (no extra characters) one of: " + String.join("; ", l.values());
    }
    return "must adhere to the JSON schema: " + PyJson.dumps(type.jsonSchema());
  }
}
