package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static dev.jspy.adapters.Fixtures.signature;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jspy.lm.LM;
import dev.jspy.Predict;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.testing.OpenAiServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Replies that are too long, too deep or out of range: each is a typed parse failure with a readable
 * message, found without work growing faster than the reply, and numbers that do fit come out as DSPy
 * gives them.
 */
class ValueLimitsTest {
  /** Only a guard against a hang; the assertions themselves do not depend on time. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(120);

  private static final String LONG_DIGITS = "9".repeat(1_000_000);

  private static SignatureSpec<Object[], Object[]> oneOutput(FieldType<?> type) {
    return signature("One", "Do it.").input("question", "", FieldType.STRING).output("n", "", type).build();
  }

  private static Object chat(FieldType<?> type, String section) {
    return ChatAdapter.withoutFallback().parse(oneOutput(type), "[[ ## n ## ]]\n" + section + "\n\n[[ ## completed ## ]]")[0];
  }

  private static AdapterParseException chatFails(FieldType<?> type, String section) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(AdapterParseException.class, () -> chat(type, section)));
  }

  private static AdapterParseException jsonFails(FieldType<?> type, String reply) {
    return assertTimeoutPreemptively(
        HANG_GUARD, () -> assertThrows(AdapterParseException.class, () -> JSONAdapter.INSTANCE.parse(oneOutput(type), reply)));
  }

  // ---------------------------------------------------------------- 1. integer digits, as Python's int_max_str_digits

  @Test
  void aMillionDigitsFailFastWithPythonsIntegerLimitForEveryNumericPath() {
    for (FieldType<?> type :
        List.of(FieldType.INT, FieldType.LONG, FieldType.DOUBLE, FieldType.FLOAT, FieldType.ANY, FieldType.list(FieldType.INT))) {
      AdapterParseException chat = chatFails(type, LONG_DIGITS);
      assertThat(chat.getMessage()).contains("Exceeds the limit (4300 digits) for integer string conversion");
      assertThat(chat.problemFields()).containsExactly("n");

      AdapterParseException inList = chatFails(type, "[1, -" + LONG_DIGITS + "]");
      assertThat(inList.getMessage()).contains("Exceeds the limit (4300 digits)");

      // json.loads raises ValueError here, which escapes json_repair: the whole JSON reply fails, str fields too
      AdapterParseException json = jsonFails(type, "{\"n\": " + LONG_DIGITS + "}");
      assertThat(json.getMessage()).contains("Exceeds the limit (4300 digits)");
    }
    assertThat(jsonFails(FieldType.STRING, "{\"n\": " + LONG_DIGITS + "}").getMessage())
        .contains("Exceeds the limit (4300 digits)");
  }

  @Test
  void theLimitIsPythonsExactly() {
    String ok = "1" + "0".repeat(4299); // 4300 digits: Python reads it
    assertThat(chat(FieldType.ANY, ok).toString()).isEqualTo(ok);
    assertThat(chatFails(FieldType.ANY, ok + "0").getMessage()).contains("value has 4301 digits");
  }

  @Test
  void pythonLiteralsAndRepairedJsonHaveTheSameLimit() {
    // not JSON: ast.literal_eval reads the tuple, json_repair the unclosed list
    assertThat(chatFails(FieldType.list(FieldType.LONG), "(" + LONG_DIGITS + ",)").getMessage())
        .contains("Exceeds the limit (4300 digits)");
    assertThat(chatFails(FieldType.list(FieldType.LONG), "[1, " + LONG_DIGITS).getMessage())
        .contains("Exceeds the limit (4300 digits)");
    assertThat(chatFails(FieldType.list(FieldType.LONG), "{'a': " + LONG_DIGITS + ", 'b': x}").getMessage())
        .contains("Exceeds the limit (4300 digits)");
    // hex is as costly to convert; refused past the same magnitude
    assertThat(chatFails(FieldType.list(FieldType.LONG), "(0x" + "f".repeat(1_000_000) + ",)").getMessage())
        .contains("Exceeds the limit (4300 digits)");
  }

  @Test
  void hugeExponentsAndMantissasAreOutOfRangeNotInfinite() {
    for (String text : List.of("1e1000000000", "-1e400", "1" + "0".repeat(1_000_000) + ".0", "\"1e400\"")) {
      assertThat(chatFails(FieldType.DOUBLE, text).getMessage()).contains("out of range for a float");
    }
    for (String text : List.of("1e1000000000", "\"1e1000000000\"", "\"1e-1000000000\"", "\"12e-999999999\"")) {
      chatFails(FieldType.LONG, text);
    }
    for (String text : List.of("1e1000000000", "\"1e1000000000\"", "-1e400")) {
      jsonFails(FieldType.INT, "{\"n\": " + text + "}");
    }
    // as in DSPy, a JSON string value is read again as JSON: 1e-1000000000 is the float 0.0, int 0
    assertThat(JSONAdapter.INSTANCE.parse(oneOutput(FieldType.INT), "{\"n\": \"1e-1000000000\"}")[0]).isEqualTo(0);
    assertThat(chatFails(FieldType.INT, "\"" + LONG_DIGITS + "\"").getMessage()).contains("exceeded maximum size");
    assertThat(chat(FieldType.DOUBLE, "0." + "0".repeat(1_000_000) + "1")).isEqualTo(0.0);
    // an infinity written as such is still one
    assertThat(chat(FieldType.DOUBLE, "Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(chat(FieldType.DOUBLE, "-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  // ---------------------------------------------------------------- 3. numbers are exact or refused

  @Test
  void integralFloatsBecomeTheIntegerTheDoubleHoldsAsDspyDoes() {
    // DSPy: json.loads gives the float -1.8415240528651026e+18; pydantic's int(f) is ...592
    assertThat(chat(FieldType.LONG, "-1841524052865102689.0")).isEqualTo(-1841524052865102592L);
    assertThat(chat(FieldType.LONG, "9007199254740993.0")).isEqualTo(9007199254740992L);
    assertThat(chat(FieldType.LONG, "1e18")).isEqualTo(1_000_000_000_000_000_000L);
    assertThat(chat(FieldType.LONG, "-9223372036854775808.0")).isEqualTo(Long.MIN_VALUE);
    assertThat(chat(FieldType.INT, "-2147483648.0")).isEqualTo(Integer.MIN_VALUE);
    // a string goes through pydantic's str-to-int, which keeps every digit
    assertThat(chat(FieldType.LONG, "\"-1841524052865102689.0\"")).isEqualTo(-1841524052865102689L);
    assertThat(chat(FieldType.LONG, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(chatFails(FieldType.LONG, "42.5").getMessage()).contains("fractional part");
  }

  @Test
  void valuesOutsideTheJavaTypeAreParseFailures() {
    assertThat(chatFails(FieldType.LONG, "9223372036854775808").getMessage()).contains("out of range for a Java long");
    assertThat(chatFails(FieldType.LONG, "9223372036854775807.0").getMessage()).contains("out of range for a Java long");
    assertThat(chatFails(FieldType.LONG, "-1e19").getMessage()).contains("out of range for a Java long");
    assertThat(chatFails(FieldType.INT, "2147483648").getMessage()).contains("out of range for a Java int");
    assertThat(chatFails(FieldType.INT, "4294967296.0").getMessage()).contains("out of range for a Java int");
    assertThat(chatFails(FieldType.FLOAT, "1e39").getMessage()).contains("out of range for a Java float");
    assertThat(chatFails(FieldType.FLOAT, "\"-1e39\"").getMessage()).contains("out of range for a Java float");
    assertThat(chatFails(FieldType.DOUBLE, "1e309").getMessage()).contains("out of range for a float");
    assertThat(chatFails(FieldType.list(FieldType.DOUBLE), "[1.5, 1e309]").getMessage()).contains("out of range for a float");
    assertThat(jsonFails(FieldType.DOUBLE, "{\"n\": 1e309}").getMessage()).contains("out of range for a float");
    assertThat(jsonFails(FieldType.FLOAT, "{\"n\": 3.5e38}").getMessage()).contains("out of range for a Java float");
    assertThat(chatFails(FieldType.DOUBLE, "1" + "0".repeat(4000)).getMessage()).contains("out of range for a float");
    assertThat(chat(FieldType.FLOAT, "3.4e38")).isEqualTo(3.4e38f);
  }

  // ---------------------------------------------------------------- 2. nesting

  @Test
  void deepNestingIsAParseFailureForEveryOutputTypeAndEveryReader() {
    List<FieldType<?>> types = List.of(
        FieldType.STRING, FieldType.INT, FieldType.DOUBLE, FieldType.BOOLEAN, Fixtures.LABEL, FieldType.ANY,
        FieldType.list(FieldType.STRING), FieldType.map(FieldType.INT), FieldType.optional(FieldType.STRING),
        Fixtures.place("Place"));
    for (FieldType<?> type : types) {
      for (String reply : List.of("[".repeat(600), "[".repeat(1_000_000), "{\"n\": " + "[".repeat(600) + "]",
          "{\"a\": ".repeat(600), "Here: " + "[{".repeat(400))) {
        AdapterParseException e = jsonFails(type, reply);
        assertThat(e.signature()).isEqualTo("One(question -> n)");
        assertThat(e.problemFields()).containsExactly("n");
      }
      if (!type.isString() && !(type instanceof FieldType.OptionalType)) {
        for (String section : List.of("[".repeat(600), "(".repeat(1_000_000), "{'a': ".repeat(600))) {
          assertThat(chatFails(type, section).getMessage()).contains("Failed to parse field n");
        }
      }
    }
  }

  @Test
  void deepReplyFallsBackAndFailsTypedThroughPredict() throws Exception {
    SignatureSpec<Object[], Object[]> sig = oneOutput(FieldType.INT);
    AtomicInteger calls = new AtomicInteger();
    try (OpenAiServer server = OpenAiServer.replying(body -> {
          calls.incrementAndGet();
          return "[[ ## n ## ]]\n" + "[".repeat(600);
        });
        OpenAiLM lm = LM.builder("openai/m").cache(false).apiBase(server.baseUrl()).build()) {
      AdapterParseException e = assertThrows(
          AdapterParseException.class, () -> new Predict<>(sig).lm(lm).call(new Object[] {"q"}));
      assertThat(e.adapter()).isEqualTo("JSONAdapter");
      assertThat(calls.get()).isAtLeast(2); // the chat try, then the JSON fallback
    }
  }

  // ---------------------------------------------------------------- 4. messages stay readable

  @Test
  void messagesQuoteLongValuesShortenedAndKeepTheWholeReply() {
    String value = "x".repeat(10_000_000);
    String reply = "[[ ## n ## ]]\n" + value + "\n\n[[ ## completed ## ]]";
    AdapterParseException chat = assertThrows(
        AdapterParseException.class, () -> ChatAdapter.withoutFallback().parse(oneOutput(FieldType.INT), reply));
    assertThat(chat.getMessage().length()).isLessThan(10_000);
    assertThat(chat.getMessage()).contains("Failed to parse field n with value xxx");
    assertThat(chat.getMessage()).contains("… (9999000 more characters) from the LM response. Error message: expected int");
    assertThat(chat.rawReply()).isEqualTo(reply);

    String json = "{\"n\": \"" + value + "\", \"m\": [" + "\"y\", ".repeat(2_000_000) + "1]}";
    SignatureSpec<Object[], Object[]> two = signature("Two", "Do it.")
        .input("question", "", FieldType.STRING)
        .output("m", "", FieldType.list(FieldType.INT))
        .output("n", "", FieldType.STRING)
        .build();
    AdapterParseException list = assertThrows(AdapterParseException.class, () -> JSONAdapter.INSTANCE.parse(two, json));
    assertThat(list.getMessage().length()).isLessThan(10_000);
    assertThat(list.getMessage()).contains("more characters) from the LM response. Error message: item [0]: expected int");
    assertThat(list.rawReply()).isEqualTo(json);
  }

  @Test
  void messagesCapTheDetailAndSignatureEvenWhenCallersDoNot() {
    AdapterParseException e = new AdapterParseException(
        "X", "S(" + "a, ".repeat(100_000) + "b)", "reply", List.of("b"), "d".repeat(1_000_000));
    assertThat(e.getMessage().length()).isLessThan(10_000);
    assertThat(e.getMessage()).contains("d… (996000 more characters)");
    assertThat(e.signature()).hasLength(300_004);
  }
}
