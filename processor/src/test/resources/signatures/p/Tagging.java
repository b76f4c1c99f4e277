package p;

import dev.jspy.annotations.Signature;

@Signature("simplified_answer, tags: Map<String, List<Label>> -> label: Label, alternatives: List<Label>, level: Priority")
interface Tagging {
  enum Label {
    A,
    B
  }
}
