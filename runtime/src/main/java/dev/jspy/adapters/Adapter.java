package dev.jspy.adapters;

import dev.jspy.lm.LM;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.Message;
import dev.jspy.signature.SignatureSpec;
import java.util.List;
import java.util.Map;

/**
 * The prompt-format seam, as DSPy's {@code Adapter}: turns a signature and input values into chat
 * messages, and an LM reply back into output values. Implementations are stateless and thread-safe.
 */
public interface Adapter {

  /** @return the adapter's name, as it appears in errors and history ({@code ChatAdapter}) */
  String name();

  /**
   * Builds the messages for one call: system message, demos as user/assistant pairs, then the inputs.
   *
   * @param signature the signature
   * @param demos few-shot examples, each a map from field name to Java value (inputs and outputs)
   * @param inputs the input values by field name, in signature order
   * @return the messages
   */
  List<Message> format(SignatureSpec<?, ?> signature, List<Map<String, Object>> demos, Map<String, Object> inputs);

  /**
   * Parses one completion into the signature's output values.
   *
   * @param signature the signature
   * @param completion the LM's reply text
   * @return one decoded Java value per output field, in signature order
   * @throws dev.jspy.adapters.AdapterParseException if a field is missing or does not fit its type
   */
  Object[] parse(SignatureSpec<?, ?> signature, String completion);

  /**
   * Adds what this adapter needs to the request besides the messages (the JSON adapter sets
   * {@code response_format}). The default adds nothing.
   *
   * @param signature the signature
   * @param lm the LM the request goes to
   * @param request the request built from {@link #format}
   * @return the request to send
   */
  default LMRequest prepare(SignatureSpec<?, ?> signature, LM lm, LMRequest request) {
    return request;
  }

  /**
   * The adapter to try when this one's reply cannot be parsed, as DSPy's ChatAdapter falls back to its
   * JSONAdapter; {@code null} for none (the default).
   *
   * @return the fallback adapter, or {@code null}
   */
  default Adapter fallback() {
    return null;
  }

  /**
   * The adapter to try when this one's attempt for {@code signature} on {@code lm} fails: as
   * {@link #fallback()} unless the adapter's choice depends on what it sent (the JSON adapter retries in
   * {@code json_object} mode only after a structured-outputs request, as DSPy does).
   *
   * @param signature the signature
   * @param lm the LM the request went to
   * @return the fallback adapter, or {@code null}
   */
  default Adapter fallback(SignatureSpec<?, ?> signature, LM lm) {
    return fallback();
  }
}
