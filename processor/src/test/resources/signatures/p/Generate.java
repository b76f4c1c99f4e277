package p;

import dev.jspy.annotations.Output;
import dev.jspy.annotations.Signature;

/** Invent a name for a cat. */
@Signature
interface Generate {
  @Output
  String name();
}
