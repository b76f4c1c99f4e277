package p;

import dev.jspy.annotations.Output;
import dev.jspy.annotations.Signature;

/** Invent a name for a cat. */
@Signature(chainOfThought = true, react = true)
interface Generate {
  @Output
  String name();
}
