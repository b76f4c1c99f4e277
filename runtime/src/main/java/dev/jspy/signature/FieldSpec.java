package dev.jspy.signature;

import java.util.Objects;

/**
 * One field of a signature: its name exactly as written (the LM sees the same name), its description
 * ({@code ""} for none) and its type.
 *
 * @param name the field's name
 * @param description what the field means, shown to the LM; {@code ""} for none
 * @param type the field's type
 */
public record FieldSpec(String name, String description, FieldType<?> type) {
  /** Checks the components. */
  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(type, "type");
  }
}
