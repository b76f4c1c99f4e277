package dev.jspy.adapters;

import dev.jspy.lm.Message;
import dev.jspy.signature.SignatureSpec;
import java.util.List;
import java.util.Map;

/** PLACEHOLDER being written by the adapter work. */
public final class ChatAdapter implements Adapter {
  /** The shared instance. */
  public static final ChatAdapter INSTANCE = new ChatAdapter();

  @Override
  public String name() {
    return "ChatAdapter";
  }

  @Override
  public List<Message> format(SignatureSpec<?, ?> signature, List<Map<String, Object>> demos, Map<String, Object> inputs) {
    throw new IllegalStateException("placeholder");
  }

  @Override
  public Object[] parse(SignatureSpec<?, ?> signature, String completion) {
    throw new IllegalStateException("placeholder");
  }
}
