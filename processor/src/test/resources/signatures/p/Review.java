package p;

import dev.jspy.annotations.EnumValue;
import dev.jspy.annotations.Input;
import dev.jspy.annotations.OneOf;
import dev.jspy.annotations.Output;
import dev.jspy.annotations.Signature;
import java.util.List;

/** Label the review. */
@Signature(chainOfThought = true, react = true)
public interface Review {
  @Input
  String review();

  /** The dominant product color. */
  @Output
  Color color();

  @Output
  @OneOf({"supported", "refuted", "not enough info", "it's"})
  String verdict();

  @Output
  List<Finding> findings();

  /** A Python Enum whose values differ from the names, except BLUE's. */
  enum Color {
    @EnumValue("red")
    RED,
    @EnumValue("green")
    GREEN,
    BLUE
  }

  /** A finding with a fixed severity. */
  record Finding(@OneOf({"low", "high"}) String level, String note) {}

  /** The string form of the same types. */
  @Signature("claim: str, hue: Color -> verdict: Literal['supported', \"it's\", 'a, b -> c'], hue2: Review.Color")
  interface FactCheck {}
}
