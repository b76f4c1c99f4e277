package dev.jspy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pydantic's {@code ge} constraint: the value must be greater than or equal to the bound. The Java
 * spelling of {@code score: float = dspy.OutputField(ge=0.0, le=1.0)}:
 *
 * <pre>{@code
 * @Output(desc = "sentiment strength") @Ge(0) @Le(1) double score();
 * record LineItem(String sku, @Ge(1) int quantity, @Gt(0) double unitPrice) {}
 * }</pre>
 *
 * <p>The constraints are one annotation per rule ({@link Gt}, {@code Ge}, {@link Lt}, {@link Le},
 * {@link MultipleOf}, {@link MinLength}, {@link MaxLength}, {@link Pattern}) rather than one annotation
 * with a member per rule: each bound is a typed value with no "unset" sentinel (an annotation member
 * cannot be {@code null}), and the rules keep the order they are written in, which is the order DSPy lists
 * them.
 *
 * <p>On an {@code @Input} or {@code @Output} method the LM sees DSPy's line after the field,
 * {@code Constraints: greater than or equal to: 0.0, less than or equal to: 1.0}, the bound written as
 * Python writes a value of the field's type ({@code 0.0} for a {@code double}, {@code 0} for an
 * {@code int}). As in DSPy 3.3.1, that line is all: DSPy builds the field's schema and parses the reply
 * from the bare type, so a reply outside the bounds is kept. On a record component the constraint is part
 * of the pydantic model: its JSON schema keyword ({@code minimum} here) is in the model's schema, in the
 * prompt and in the structured-outputs {@code response_format}, and a reply that breaks it is a parse error
 * naming the component and the rule, after which DSPy's adapters fall back as for any parse error.
 *
 * <p>The numeric rules go on {@code int}, {@code long}, {@code float} and {@code double} fields (boxed or
 * not, or an {@code Optional} of one); elsewhere, or with a bound that is not finite, they are a compile
 * error on the element.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Ge {
  /**
   * @return the inclusive lower bound
   */
  double value();
}
