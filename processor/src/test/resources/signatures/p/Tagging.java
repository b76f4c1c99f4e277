package p;

import dev.jspy.annotations.Signature;

@Signature(
    value = "simplified_answer, tags: Map<String, List<Label>> -> label: Label, alternatives: List<Label>, level: Priority",
    chainOfThought = true,
    react = true)
interface Tagging {
  enum Label {
    A,
    B
  }
}
