package dev.jspy.signature;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link PyRepr}: expected text is CPython's {@code repr()} of the matching Python value. */
class PyReprTest {
  enum Label {
    POSITIVE
  }

  record Address(String street, int zip) {}

  @Test
  void quotesStringsAsPythonDoes() {
    assertThat(PyRepr.repr("Paris")).isEqualTo("'Paris'");
    assertThat(PyRepr.repr("it's")).isEqualTo("\"it's\"");
    assertThat(PyRepr.repr("say \"hi\"")).isEqualTo("'say \"hi\"'");
    assertThat(PyRepr.repr("both ' and \"")).isEqualTo("'both \\' and \"'");
    assertThat(PyRepr.repr("back\\slash")).isEqualTo("'back\\\\slash'");
    assertThat(PyRepr.repr("l1\nl2\tx\r")).isEqualTo("'l1\\nl2\\tx\\r'");
    assertThat(PyRepr.repr("\u0000\u001b\u007f")).isEqualTo("'\\x00\\x1b\\x7f'");
    assertThat(PyRepr.repr("\u0085\u00a0\u00ad")).isEqualTo("'\\x85\\xa0\\xad'");
    assertThat(PyRepr.repr("é日本😀")).isEqualTo("'é日本😀'");
    assertThat(PyRepr.repr("\u2028\u200b\ufeff")).isEqualTo("'\\u2028\\u200b\\ufeff'");
    assertThat(PyRepr.repr("\udbff\udfff")).isEqualTo("'\\U0010ffff'");
    assertThat(PyRepr.repr("")).isEqualTo("''");
  }

  @Test
  void writesScalarsAsPythonDoes() {
    assertThat(PyRepr.repr(true)).isEqualTo("True");
    assertThat(PyRepr.repr(false)).isEqualTo("False");
    assertThat(PyRepr.repr(null)).isEqualTo("None");
    assertThat(PyRepr.repr(Optional.empty())).isEqualTo("None");
    assertThat(PyRepr.repr(Optional.of("x"))).isEqualTo("'x'");
    assertThat(PyRepr.repr(42)).isEqualTo("42");
    assertThat(PyRepr.repr(42L)).isEqualTo("42");
    assertThat(PyRepr.repr(0.1)).isEqualTo("0.1");
    assertThat(PyRepr.repr(1e16)).isEqualTo("1e+16");
    assertThat(PyRepr.repr(1.0)).isEqualTo("1.0");
    assertThat(PyRepr.repr(0.1f)).isEqualTo("0.1");
    assertThat(PyRepr.repr(Double.NaN)).isEqualTo("nan");
    assertThat(PyRepr.repr(Label.POSITIVE)).isEqualTo("<Label.POSITIVE: 'POSITIVE'>");
  }

  @Test
  void writesContainersAsPythonLiterals() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k", 1);
    m.put("it's", Arrays.asList(true, null, 2.5));
    assertThat(PyRepr.repr(List.of("a", "b"))).isEqualTo("['a', 'b']");
    assertThat(PyRepr.repr(List.of())).isEqualTo("[]");
    assertThat(PyRepr.repr(m)).isEqualTo("{'k': 1, \"it's\": [True, None, 2.5]}");
    assertThat(PyRepr.repr(Map.of())).isEqualTo("{}");
    assertThat(PyRepr.repr(new LinkedHashSet<>(List.of(1, 2)))).isEqualTo("{1, 2}");
    assertThat(PyRepr.repr(new LinkedHashSet<>())).isEqualTo("set()");
    assertThat(PyRepr.repr(List.of(Optional.of(1), Optional.empty()))).isEqualTo("[1, None]");
  }

  @Test
  void writesRecordsAsPydanticModels() {
    assertThat(PyRepr.repr(new Address("x", 1))).isEqualTo("Address(street='x', zip=1)");
    assertThat(PyRepr.repr(new Customer("Yes,", -20))).isEqualTo("Customer(name='Yes,', accountAgeYears=-20)");
  }

  record Customer(String name, int accountAgeYears) {}

  enum Color {
    RED
  }

  record Tagged(Customer who, List<Object> items, Map<String, Object> extra, Optional<Color> color, Optional<String> note) {}

  // DSPy 3.3.1 goldens chat-parse-013 and chat-parse-010 (expected_repr)
  record LineItem(String sku, int quantity, double unit_price) {}

  record Invoice(String number, List<LineItem> items, boolean paid, Optional<String> note) {}

  @Test
  void writesModelsAndEnumsAsDspyGoldensShowThem() {
    Invoice invoice = new Invoice(
        "INV-1920",
        List.of(new LineItem("SKU-114", 3, 3.25), new LineItem("SKU-810", 5, 3.25)),
        false,
        Optional.of("Deliver after 5pm"));
    assertThat(PyRepr.repr(invoice))
        .isEqualTo("Invoice(number='INV-1920', items=[LineItem(sku='SKU-114', quantity=3, unit_price=3.25), "
            + "LineItem(sku='SKU-810', quantity=5, unit_price=3.25)], paid=False, note='Deliver after 5pm')");
    assertThat(PyRepr.repr(Color.RED)).isEqualTo("<Color.RED: 'RED'>");
  }

  @Test
  void nestsModelsListsDictsAndEnumsInsideAPrediction() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("k", new Customer("it's", 1));
    Tagged t = new Tagged(
        new Customer("Yes,", -20), List.of(Color.RED, 1.0), extra, Optional.of(Color.RED), Optional.empty());
    assertThat(Repr.of("Prediction", new String[] {"customer", "tagged"}, new Object[] {new Customer("Yes,", -20), t}))
        .isEqualTo("Prediction(\n    customer=Customer(name='Yes,', accountAgeYears=-20),\n    "
            + "tagged=Tagged(who=Customer(name='Yes,', accountAgeYears=-20), items=[<Color.RED: 'RED'>, 1.0], "
            + "extra={'k': Customer(name=\"it's\", accountAgeYears=1)}, color=<Color.RED: 'RED'>, note=None)\n)");
  }

  @Test
  void rendersPredictionAsDspyDoes() {
    assertThat(Repr.of("Prediction", new String[] {"reasoning", "answer"}, new Object[] {"It's 4.", 4}))
        .isEqualTo("Prediction(\n    reasoning=\"It's 4.\",\n    answer=4\n)");
  }
}
