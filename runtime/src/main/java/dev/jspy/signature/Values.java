package dev.jspy.signature;

import java.util.Arrays;

/**
 * Decoded field values in declaration order, handed to generated factories that build records.
 *
 * <p>{@link #get(int)} is generic so generated code reads {@code new QaOutput(v.get(0), v.get(1))} with no
 * cast: the runtime has already converted each value to its field's Java type.
 */
public final class Values {
  private final Object[] values;

  /**
   * @param values one decoded value per field, in declaration order
   */
  public Values(Object[] values) {
    this.values = values;
  }

  /**
   * @param index the field's position
   * @param <T> the field's Java type (inferred at the call site)
   * @return the decoded value
   */
  @SuppressWarnings("unchecked")
  public <T> T get(int index) {
    return (T) values[index];
  }

  /** The values themselves, not copied: for {@link SignatureSpec}'s conversions, which only read them. */
  Object[] array() {
    return values;
  }

  /** @return a copy of the values, in order */
  public Object[] toArray() {
    return values.clone();
  }

  /** @return how many values there are */
  public int size() {
    return values.length;
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
