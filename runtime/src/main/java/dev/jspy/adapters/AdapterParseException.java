package dev.jspy.adapters;

import dev.jspy.internal.Snippets;
import dev.jspy.core.JspyException;
import java.util.List;

/**
 * The LM's reply could not be turned into the signature's outputs: a field was missing or its value did
 * not fit the field's type. Carries the raw reply so it can be logged or inspected.
 *
 * <p>The message stays readable whatever the reply: the reply is quoted up to 2000 characters, the
 * detail up to 4000 and the signature up to 1000, each cut text followed by
 * {@code … (K more characters)}. {@link #rawReply()} keeps the whole reply.
 */
public class AdapterParseException extends JspyException {
  private static final long serialVersionUID = 1L;

  private static final int MAX_DETAIL = 4000;
  private static final int MAX_SIGNATURE = 1000;

  private final String adapter;
  private final String signature;
  private final String rawReply;
  private final List<String> problemFields;

  /**
   * @param adapter the adapter that failed, e.g. {@code ChatAdapter}
   * @param signature the signature, as {@code Name(inputs -> outputs)}
   * @param rawReply the LM's reply, verbatim
   * @param problemFields the output fields that were missing or could not be parsed
   * @param detail what went wrong, in words
   */
  public AdapterParseException(
      String adapter, String signature, String rawReply, List<String> problemFields, String detail) {
    super(
        adapter
            + " failed to parse the LM reply for signature "
            + Snippets.cap(signature, MAX_SIGNATURE)
            + ": "
            + Snippets.cap(detail, MAX_DETAIL)
            + "\nLM reply: "
            + Snippets.quote(rawReply));
    this.adapter = adapter;
    this.signature = signature;
    this.rawReply = rawReply;
    this.problemFields = List.copyOf(problemFields);
  }

  /** @return the adapter that failed */
  public String adapter() {
    return adapter;
  }

  /** @return the signature, as {@code Name(inputs -> outputs)} */
  public String signature() {
    return signature;
  }

  /** @return the LM's reply, verbatim */
  public String rawReply() {
    return rawReply;
  }

  /** @return the output fields that were missing or could not be parsed */
  public List<String> problemFields() {
    return problemFields;
  }
}
