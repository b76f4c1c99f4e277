package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;
import static dev.jspy.adapters.Fixtures.signature;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.signature.Constraint;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Field constraints and documented records through the adapters: DSPy's {@code Constraints:} line, the
 * bounds in the model schema, the check on parse, and defaults for left-out components.
 */
class ConstraintsAndModelsTest {
  /** A record used as a pydantic model in these tests. */
  record Item(String sku, long quantity, Optional<String> note) {}

  private static final FieldType<Item> ITEM =
      FieldType.record(
          "Item",
          "One line of an invoice.",
          List.of(
              FieldType.component("sku", FieldType.STRING),
              FieldType.component("quantity", FieldType.LONG)
                  .withDescription("units ordered")
                  .withConstraints(List.of(Constraint.of(Constraint.Rule.GE, 1L)))
                  .withDefault(1L),
              FieldType.component("note", FieldType.optional(FieldType.STRING)).withDefault(Optional.empty())),
          v -> new Item((String) v.get(0), (Long) v.get(1), v.get(2)),
          r -> new Object[] {r.sku(), r.quantity(), r.note()});

  private static SignatureSpec<?, ?> scoreAndItem() {
    return signature("Score", "Score it.")
        .input("text", "", FieldType.STRING)
        .output(
            new FieldSpec(
                "score",
                "sentiment strength",
                FieldType.DOUBLE,
                List.of(Constraint.of(Constraint.Rule.GE, 0.0), Constraint.of(Constraint.Rule.LE, 1.0))))
        .output("item", "", ITEM)
        .build();
  }

  @Test
  void theFieldListCarriesDspysConstraintsLineAndTheSchemaTheModelDocs() {
    String system = ChatAdapter.INSTANCE.format(scoreAndItem(), List.of(), Map.of("text", "t")).get(0).content();
    assertThat(system)
        .contains(
            "1. `score` (float): sentiment strength\n"
                + "Constraints: greater than or equal to: 0.0, less than or equal to: 1.0\n"
                + "2. `item` (Item):\n");
    assertThat(system)
        .contains(
            "{\"type\": \"object\", \"description\": \"One line of an invoice.\", \"properties\": {\"note\": "
                + "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}], \"default\": null, \"title\": \"Note\"}, "
                + "\"quantity\": {\"type\": \"integer\", \"default\": 1, \"description\": \"units ordered\", "
                + "\"minimum\": 1, \"title\": \"Quantity\"}, \"sku\": {\"type\": \"string\", \"title\": \"Sku\"}}, "
                + "\"required\": [\"sku\"], \"title\": \"Item\"}");
  }

  @Test
  void aPatternAloneAddsNoConstraintsLine() {
    SignatureSpec<?, ?> sig =
        signature("P", "Do it.")
            .input("text", "", FieldType.STRING)
            .output(new FieldSpec("code", "", FieldType.STRING, List.of(Constraint.of(Constraint.Rule.PATTERN, "^A"))))
            .build();
    String system = ChatAdapter.INSTANCE.format(sig, List.of(), Map.of("text", "t")).get(0).content();
    assertThat(system).contains("1. `code` (str):\nAll interactions");
  }

  @Test
  void structuredOutputsCarryTheComponentBoundsButListEveryFieldAsRequired() {
    Map<String, Object> schema = StructuredOutputs.schema(scoreAndItem());
    @SuppressWarnings("unchecked")
    Map<String, Object> item = (Map<String, Object>) ((Map<String, Object>) schema.get("$defs")).get("Item");
    assertThat(item.get("description")).isEqualTo("One line of an invoice.");
    assertThat(item.get("required")).isEqualTo(List.of("sku", "quantity", "note"));
    assertThat(item.toString()).contains("minimum=1");
    // DSPy builds DSPyProgramOutputs from the bare annotations: no bound on the signature field itself
    assertThat(((Map<?, ?>) ((Map<?, ?>) schema.get("properties")).get("score")).containsKey("maximum")).isFalse();
  }

  @Test
  void aLeftOutComponentGetsItsDefaultAndABrokenBoundIsAParseErrorNamingFieldAndRule() {
    Object[] values =
        ChatAdapter.INSTANCE.parse(
            scoreAndItem(), "[[ ## score ## ]]\n0.5\n\n[[ ## item ## ]]\n{\"sku\": \"A\"}\n\n[[ ## completed ## ]]");
    assertThat(values[1]).isEqualTo(new Item("A", 1L, Optional.empty()));

    AdapterParseException e =
        assertThrows(
            AdapterParseException.class,
            () ->
                ChatAdapter.INSTANCE.parse(
                    scoreAndItem(),
                    "[[ ## score ## ]]\n0.5\n\n[[ ## item ## ]]\n{\"sku\": \"A\", \"quantity\": 0}\n\n[[ ## completed ## ]]"));
    assertThat(e.getMessage()).contains("item");
    assertThat(e.getMessage()).contains("Item.quantity: 0 breaks the constraint ge=1 (greater than or equal to: 1)");
  }

  @Test
  void aSignatureFieldOutsideItsBoundsIsKeptAsDspyKeepsIt() {
    // DSPy 3.3.1 parses with the bare annotation (golden chat-parse-edge-03 keeps 1000.5 for le=1.0)
    Object[] values =
        ChatAdapter.INSTANCE.parse(
            scoreAndItem(), "[[ ## score ## ]]\n1000.5\n\n[[ ## item ## ]]\n{\"sku\": \"A\"}\n\n[[ ## completed ## ]]");
    assertThat(values[0]).isEqualTo(1000.5);
  }

  @Test
  void constraintsCheckLengthsPatternsAndMultiples() {
    assertThrows(IllegalArgumentException.class, () -> Constraint.of(Constraint.Rule.MIN_LENGTH, 2).check("é"));
    Constraint.of(Constraint.Rule.MAX_LENGTH, 1).check("é");
    Constraint.of(Constraint.Rule.MULTIPLE_OF, 0.1).check(0.3);
    assertThrows(IllegalArgumentException.class, () -> Constraint.of(Constraint.Rule.MULTIPLE_OF, 2L).check(3L));
    Constraint.of(Constraint.Rule.PATTERN, "b+").check("abbc"); // pydantic searches
    assertThrows(IllegalArgumentException.class, () -> Constraint.of(Constraint.Rule.LT, 1L).check(1));
    Constraint.of(Constraint.Rule.GT, 0.0).check(Optional.empty());
  }
}
