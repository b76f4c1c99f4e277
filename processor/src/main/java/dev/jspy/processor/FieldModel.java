package dev.jspy.processor;

import java.util.List;

/**
 * One field of a signature, as the generator needs it.
 *
 * @param name the name exactly as the user wrote it; also the record component and parameter name
 * @param description what the field means, shown to the LM; {@code ""} for none
 * @param type its type
 * @param defaultValue for tool arguments: the default as a Java expression of the type, {@code null} for
 *     none
 * @param constraints for signature fields: the constraint annotations, in the order written
 */
record FieldModel(
    String name, String description, TypeModel type, String defaultValue, List<ConstraintReader.Rule> constraints) {
  FieldModel {
    constraints = List.copyOf(constraints);
  }

  FieldModel(String name, String description, TypeModel type, String defaultValue) {
    this(name, description, type, defaultValue, List.of());
  }

  FieldModel(String name, String description, TypeModel type) {
    this(name, description, type, null, List.of());
  }
}
