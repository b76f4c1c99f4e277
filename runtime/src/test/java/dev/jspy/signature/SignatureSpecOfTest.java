package dev.jspy.signature;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.core.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SignatureSpec#of}: what generated code builds its {@code SPEC} with, fields as arrays and the four
 * conversions as one method.
 */
class SignatureSpecOfTest {
  record In(String question, int count) {}

  record Out(String answer) {}

  /** Every call of the conversion method, as {@code conversion:value}. */
  private final List<String> calls = new ArrayList<>();

  private Object convert(int conversion, Object value) {
    calls.add(conversion + ":" + (value instanceof Object[] a ? List.of(a) : value));
    switch (conversion) {
      case SignatureSpec.Conversions.INPUT_VALUES: {
        In in = (In) value;
        return new Object[] {in.question(), in.count()};
      }
      case SignatureSpec.Conversions.NEW_INPUT: {
        Object[] v = (Object[]) value;
        return new In((String) v[0], (int) v[1]);
      }
      case SignatureSpec.Conversions.NEW_OUTPUT: {
        Object[] v = (Object[]) value;
        return new Out((String) v[0]);
      }
      case SignatureSpec.Conversions.OUTPUT_VALUES:
        return new Object[] {((Out) value).answer()};
      default:
        throw new IllegalArgumentException("conversion " + conversion);
    }
  }

  private SignatureSpec<In, Out> spec() {
    return SignatureSpec.<In, Out>of(
        "Qa",
        "Answer.",
        new FieldSpec[] {
          new FieldSpec("question", "", FieldType.STRING), new FieldSpec("count", "how many", FieldType.INT)
        },
        new FieldSpec[] {new FieldSpec("answer", "", FieldType.STRING)},
        this::convert);
  }

  @Test
  void fieldsAndInstructionsAreThoseGivenInOrder() {
    SignatureSpec<In, Out> spec = spec();
    assertThat(spec.name()).isEqualTo("Qa");
    assertThat(spec.instructions()).isEqualTo("Answer.");
    assertThat(spec.inputs())
        .containsExactly(
            new FieldSpec("question", "", FieldType.STRING), new FieldSpec("count", "how many", FieldType.INT))
        .inOrder();
    assertThat(spec.outputs()).containsExactly(new FieldSpec("answer", "", FieldType.STRING));
    assertThat(spec.toString()).isEqualTo("Qa(question, count -> answer)");
    assertThat(spec.hasInputFactory()).isTrue();
  }

  @Test
  void eachConversionGoesThroughTheOneMethodWithItsConstant() {
    SignatureSpec<In, Out> spec = spec();
    Object[] values = {"q", 3};

    assertThat(spec.newInput(values)).isEqualTo(new In("q", 3));
    assertThat(spec.inputValues(new In("q", 3))).asList().containsExactly("q", 3).inOrder();
    assertThat(spec.newOutput(new Object[] {"a"})).isEqualTo(new Out("a"));
    assertThat(spec.outputValues(new Out("a"))).asList().containsExactly("a");
    assertThat(calls)
        .containsExactly(
            SignatureSpec.Conversions.NEW_INPUT + ":[q, 3]",
            SignatureSpec.Conversions.INPUT_VALUES + ":In[question=q, count=3]",
            SignatureSpec.Conversions.NEW_OUTPUT + ":[a]",
            SignatureSpec.Conversions.OUTPUT_VALUES + ":Out[answer=a]")
        .inOrder();
  }

  @Test
  void derivedSignaturesKeepTheConversions() {
    SignatureSpec<In, Out> spec = spec().withInstructions("Answer briefly.");
    assertThat(spec.instructions()).isEqualTo("Answer briefly.");
    assertThat(spec.newOutput(new Object[] {"a"})).isEqualTo(new Out("a"));
    assertThat(spec.newInput(new Object[] {"q", 1})).isEqualTo(new In("q", 1));
  }

  @Test
  void rejectsWhatTheBuilderRejects() {
    FieldSpec[] none = {};
    FieldSpec[] answer = {new FieldSpec("answer", "", FieldType.STRING)};
    IllegalArgumentException noOutputs =
        assertThrows(IllegalArgumentException.class, () -> SignatureSpec.<In, Out>of("Qa", "", answer, none, this::convert));
    assertThat(noOutputs).hasMessageThat().contains("signature Qa has no output fields");
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> SignatureSpec.<In, Out>of("Qa", "", answer, answer, this::convert));
    assertThat(twice).hasMessageThat().contains("two fields named 'answer'");
    ConfigurationException badName =
        assertThrows(
            ConfigurationException.class,
            () ->
                SignatureSpec.<In, Out>of(
                    "Qa", "", none, new FieldSpec[] {new FieldSpec("an-swer", "", FieldType.STRING)}, this::convert));
    assertThat(badName).hasMessageThat().contains("could not read back from its [[ ## name ## ]] header");
    assertThrows(NullPointerException.class, () -> SignatureSpec.<In, Out>of("Qa", "", none, answer, null));
  }
}
