package p;

import dev.jspy.annotations.Signature;

@Signature("question -> answer")
interface Qa {}
