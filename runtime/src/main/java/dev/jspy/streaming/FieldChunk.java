package dev.jspy.streaming;

import java.util.Objects;

/**
 * A piece of one output field as the LM wrote it, DSPy's {@code StreamResponse}. Concatenating the chunks
 * of one field in order gives the field's text as the LM wrote it, without the format's markers (for the
 * JSONAdapter format: the raw JSON text of the value, quotes included).
 *
 * @param predictName the predictor that produced it, as named by {@code Module.namedPredictors()}
 * @param fieldName the output field's name as written in the signature
 * @param chunk the text; may be empty only on the last chunk
 * @param isLastChunk whether the field ended with this chunk
 */
public record FieldChunk(String predictName, String fieldName, String chunk, boolean isLastChunk)
    implements StreamEvent {
  /** Checks that no component is null. */
  public FieldChunk {
    Objects.requireNonNull(predictName, "predictName");
    Objects.requireNonNull(fieldName, "fieldName");
    Objects.requireNonNull(chunk, "chunk");
  }
}
