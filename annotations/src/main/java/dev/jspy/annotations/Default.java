package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A default for a record component, as pydantic's {@code quantity: int = 1} or
 * {@code note: Optional[str] = None}: a reply may leave the field out and the record gets the default.
 *
 * <pre>{@code
 * record Invoice(String number, List<LineItem> items, boolean paid, @Default Optional<String> note) {}
 * record LineItem(String sku, @Default("1") int quantity) {}
 * }</pre>
 *
 * <p>The LM sees it where pydantic puts it: {@code "default": 1} in the field's JSON schema, and the field
 * is not in the model's {@code required} list (DSPy's structured-outputs {@code response_format} still
 * lists every field as required, as DSPy's does).
 *
 * <p>The value is written as {@link Arg#defaultValue()} writes it: {@code "1"} for an {@code int} or
 * {@code long}, {@code "0.5"} for a {@code double}, {@code "true"}, the text itself for a {@code String},
 * a constant's name (or its {@link EnumValue}) for an enum. On an {@code Optional} component the empty
 * value (the annotation's default) means {@code Optional.empty()}, Python's {@code None}, and any other
 * value is the present value; on a {@code String} component the empty value is the empty string. On
 * other types a value that does not fit is a compile error, as is {@code @Default} on a list, map or
 * record component.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
  /**
   * @return the default, written as Java source would write the value
   */
  String value() default "";
}
