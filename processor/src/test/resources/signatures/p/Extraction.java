package p;

import dev.jspy.annotations.Signature;

/** Pull the named entities out of a text. */
@Signature(
    value = "text: str, hints: list[str] -> entities: dict[str, int], found: bool, count: Integer, ratio: Float, total: long, maybe: Optional[str]",
    chainOfThought = true,
    react = true)
interface Extraction {}
