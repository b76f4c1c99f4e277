package p;

import dev.jspy.annotations.Input;
import dev.jspy.annotations.Output;
import dev.jspy.annotations.Signature;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pick the best item of an order. */
@Signature(chainOfThought = true, react = true)
interface Shop {
  // Deliberately not alphabetical: field order is declaration order under every compiler.
  @Input Order order();

  @Input(desc = "who asks") Optional<String> customer();

  @Output Item best();

  @Output List<Order> split();

  @Output Map<String, Item> byName();

  @Output Boolean urgent();

  record Item(String name, int qty, long cents, float weight, boolean fragile) {}

  record Order(List<Item> items, Optional<Item> gift, Map<String, List<Item>> groups) {}
}
