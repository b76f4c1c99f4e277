"""The messages DSPy 3.3.1's own XMLAdapter.format writes for the format cases of jspy's XMLAdapterTest.

Builds the test's signatures with dspy.make_signature (pydantic models and an Enum for the records and the
enum of runtime/src/test/java/dev/jspy/adapters/Fixtures.java), and records what dspy.XMLAdapter().format
returns, with DSPy imported exactly as gen.py imports it (DSPy's source first on sys.path, the stubs last).
Writes a JSON object from case name to a list of [role, content] pairs. Usage (sources exported as in
README.md):

    python3 it/dspyref/xml_format.py /tmp/dspysrc --json-repair /tmp/jrsrc/src \
        --out runtime/src/test/resources/dev/jspy/adapters/xml_format.json
"""
import argparse
import enum
import json
import sys
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen  # noqa: E402  (the generator: bootstrap)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dspy_src")
    ap.add_argument("--json-repair")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    gen.bootstrap(args.dspy_src, args.json_repair)
    import dspy
    import pydantic

    class Label(enum.Enum):
        POSITIVE = "POSITIVE"
        NEGATIVE = "NEGATIVE"
        NEUTRAL = "NEUTRAL"

    Address = pydantic.create_model("Address", city=(str, ...), zip_code=(int, ...))
    Person = pydantic.create_model(
        "Person", name=(str, ...), home=(Address, ...), nick=(Optional[str], ...), mood=(Label, ...),
        tags=(list[str], ...))

    def signature(name, instructions, inputs, outputs):
        fields = {f: (t, dspy.InputField()) for f, t in inputs}
        fields.update({f: (t, dspy.OutputField()) for f, t in outputs})
        return dspy.make_signature(fields, instructions, signature_name=name)

    def fmt(sig, demos, inputs):
        messages = dspy.XMLAdapter().format(sig, [dspy.Example(**d) for d in demos], inputs)
        return [[m["role"], m["content"]] for m in messages]

    profile = signature("Profile", "Describe the person.", [("question", str)],
                        [("person", Person), ("counts", dict[str, int]), ("note", str)])
    counts = {"plain": 1, "two words": 2, "x-y.z": 3, "\"q'": 4, "1st": 5}
    demo = {"question": "Who & what <now>?",
            "person": Person(name="Ada & Co <1>", home=Address(city="London", zip_code=123), nick=None,
                             mood=Label.POSITIVE, tags=["a<b", "c&d"]),
            "counts": counts, "note": "Tom & Jerry <3 > x"}
    lists = signature("Lists", "Given the fields `q`, produce the fields `xs`, `ys`, `zs`, `n`.", [("q", str)],
                      [("xs", list[int]), ("ys", Optional[list[str]]), ("zs", list[str]), ("n", Optional[int])])
    out = {"PROFILE": fmt(profile, [demo], {"question": "Q?"}), "LISTS": fmt(lists, [], {"q": "hi"})}
    Path(args.out).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
