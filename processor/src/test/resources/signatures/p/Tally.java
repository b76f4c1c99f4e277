package p;

import dev.jspy.annotations.Signature;

@Signature("items: List<String> -> count: int")
interface Tally {}
