package dev.jspy.signature;

import java.util.List;
import java.util.Objects;

/**
 * One field of a signature: its name exactly as written (the LM sees the same name), its description
 * ({@code ""} for none), its type and its constraints.
 *
 * @param name the field's name
 * @param description what the field means, shown to the LM; {@code ""} for none
 * @param type the field's type
 * @param constraints pydantic constraints in the order written, shown to the LM as DSPy's
 *     {@code Constraints: ...} line (see {@link Constraint} for what they do and do not do); empty for none
 */
public record FieldSpec(String name, String description, FieldType<?> type, List<Constraint> constraints) {
  /** Checks the components. */
  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(type, "type");
    constraints = List.copyOf(constraints);
  }

  /**
   * A field without constraints.
   *
   * @param name the field's name
   * @param description what the field means; {@code ""} for none
   * @param type the field's type
   */
  public FieldSpec(String name, String description, FieldType<?> type) {
    this(name, description, type, List.of());
  }
}
