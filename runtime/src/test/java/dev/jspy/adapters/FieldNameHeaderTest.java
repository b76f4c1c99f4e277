package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static dev.jspy.adapters.Fixtures.signature;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.core.ConfigurationException;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Field names and {@code [[ ## name ## ]]} headers: the ChatAdapter reads headers with DSPy's
 * {@code \[\[ ## (\w+) ## \]\]} and Python's {@code \w}, and a signature refuses a field name it could
 * not read back.
 */
class FieldNameHeaderTest {
  private static SignatureSpec<Object[], Object[]> withOutput(String name) {
    return signature("Named", "Do it.").input("question", "", FieldType.STRING).output(name, "", FieldType.STRING).build();
  }

  @Test
  void signatureRefusesFieldNamesTheAdapterCouldNotReadBack() {
    for (String name : List.of("a$b", "a\u0000b", "a\u200bb", "", "has space", "a-b", "e\u0301", "a\u200cb", "a\u203fb")) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> withOutput(name));
      assertThat(e).hasMessageThat().contains("signature Named has a field named");
      assertThat(e).hasMessageThat().contains("could not read back from its [[ ## name ## ]] header");
    }
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> withOutput("a\u200bb"));
    assertThat(e).hasMessageThat().contains("'a\\u200bb'");
    assertThat(e).hasMessageThat().contains("U+200B, which is not a letter, digit or underscore");
    ConfigurationException input = assertThrows(ConfigurationException.class,
        () -> signature("In", "Do it.").input("q$", "", FieldType.STRING).output("a", "", FieldType.STRING).build());
    assertThat(input).hasMessageThat().contains("'q$'");
  }

  @Test
  void namesPythonsWordCharactersTakeAreAcceptedAndReadBack() {
    for (String name : List.of("answer", "_x1", "名前", "ünïcode", "x²", "ⅻ", "𝑥")) {
      SignatureSpec<Object[], Object[]> sig = withOutput(name);
      Object[] out = ChatAdapter.withoutFallback().parse(sig, "[[ ## " + name + " ## ]]\nvalue\n\n[[ ## completed ## ]]");
      assertThat(out).asList().containsExactly("value");
    }
  }

  @Test
  void headersWithCharactersPythonsWordClassLacksAreNotHeaders() {
    // Python's \w has no combining marks or joiners: DSPy keeps such a line inside the section before it
    SignatureSpec<Object[], Object[]> sig = withOutput("answer");
    for (String odd : List.of("note\u0301", "no\u200cte", "no\u203fte")) {
      String reply = "[[ ## answer ## ]]\nX\n[[ ## " + odd + " ## ]]\nY\n\n[[ ## completed ## ]]";
      assertThat(ChatAdapter.withoutFallback().parse(sig, reply)).asList()
          .containsExactly("X\n[[ ## " + odd + " ## ]]\nY");
    }
  }
}
