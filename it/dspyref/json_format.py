"""The messages and response_format DSPy 3.3.1's own JSONAdapter sends for the cases of JSONAdapterFormatTest.

Builds each case's signature with dspy.make_signature (pydantic models and an Enum for the records and the
enum of runtime/src/test/java/dev/jspy/adapters/Fixtures.java), runs dspy.Predict with dspy.JSONAdapter
against an LM that supports structured outputs (gen.py's CaptureLM), and records the messages and the
response_format that reaches the wire: DSPy's pydantic model through the OpenAI SDK's to_strict_json_schema,
as litellm's type_to_response_format_param sends it, written with json.dumps. DSPy is imported exactly as
gen.py imports it (DSPy's source first on sys.path, the stubs last). Writes a JSON object from case name to
{"messages": [[role, content], ...], "response_format": "..."}. Usage (sources exported as in README.md):

    python3 it/dspyref/json_format.py /tmp/dspysrc --json-repair /tmp/jrsrc/src --openai-src /tmp/openaisrc/src \
        --out runtime/src/test/resources/dev/jspy/adapters/json_format.json
"""
import argparse
import enum
import json
import sys
from pathlib import Path
from typing import Any, Literal, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen  # noqa: E402  (the generator: bootstrap, CaptureLM, response_format)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dspy_src")
    ap.add_argument("--json-repair")
    ap.add_argument("--openai-src", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    gen.bootstrap(args.dspy_src, args.json_repair)
    gen.load_openai_strict(args.openai_src)
    import dspy
    import pydantic

    class Label(enum.Enum):
        POSITIVE = "POSITIVE"
        NEGATIVE = "NEGATIVE"
        NEUTRAL = "NEUTRAL"

    def model(model_name, **fields):
        return pydantic.create_model(model_name, **{k: (t, ...) for k, t in fields.items()})

    Location = model("Location", city=str, country=str)
    Profile = model("Profile", name=str, location=Location, interests=list[str])
    AnswerCard = model("AnswerCard", answer=str, sources=list[str])
    Address = model("Address", city=str, zip_code=int)
    Person = model("Person", name=str, home=Address, nick=Optional[str], mood=Label, tags=list[str])

    def signature(name, instructions, inputs, outputs):
        """inputs/outputs: (field name, description, type) in order; "" for no description."""
        fields = {}
        for side, specs in (("in", inputs), ("out", outputs)):
            for field, desc, typ in specs:
                kw = {"desc": desc} if desc else {}
                fields[field] = (typ, dspy.InputField(**kw) if side == "in" else dspy.OutputField(**kw))
        return dspy.make_signature(fields, instructions, signature_name=name)

    def case(sig, demos, inputs):
        predict = dspy.Predict(sig)
        messages, kwargs = gen.run_module_capture(predict, predict, "json", inputs, demos, structured=True)
        wire = gen.describe_response_format(kwargs.get("response_format"))["wire_chat_completions"]
        return {"messages": [[m["role"], m["content"]] for m in messages], "response_format": json.dumps(wire)}

    def q(outputs):
        return "Given the fields `question`, produce the fields " + outputs + "."

    out = {}
    out["SIMPLE"] = case(signature("StringSignature", q("`answer`"), [("question", "", str)], [("answer", "", str)]),
                         [], {"question": "What is the capital of France?"})
    out["DEMO_TYPED"] = case(
        signature("MultiAnswer", q("`answer`, `confidence`"), [("question", "", str)],
                  [("answer", "", str), ("confidence", "", float)]),
        [{"question": "Q1", "answer": "A1", "confidence": 0.9}], {"question": "Q2"})
    out["DESCRIBED_BOOL"] = case(
        signature("TestSignature", "Given the fields `input1`, produce the fields `output1`, `output2`.",
                  [("input1", "", str)], [("output1", "String output field", str), ("output2", "", bool)]),
        [], {"input1": "Test input"})
    out["INT_MAPPING"] = case(
        signature("IntDictSignature", q("`count`, `metadata`"), [("question", "", str)],
                  [("count", "", int), ("metadata", "", dict[str, int])]),
        [], {"question": "Count things"})
    out["LITERAL_ENUM"] = case(
        signature("LiteralEnumSignature", "Given the fields `text`, produce the fields `decision`, `label`.",
                  [("text", "", str)], [("decision", "", Literal["accept", "reject"]), ("label", "", Label)]),
        [], {"text": "Looks good"})
    JsonNestedAddress = model("JsonNestedAddress", city=str, country=str)
    JsonNestedSummary = model("JsonNestedSummary", title=str, address=JsonNestedAddress, scores=list[float])
    out["NESTED"] = case(
        signature("PydanticSignature", q("`summary`"), [("question", "", str)], [("summary", "", JsonNestedSummary)]),
        [], {"question": "Summarize"})
    out["INCOMPLETE"] = case(
        signature("IncompleteDemoSignature", "Given the fields `question`, `context`, produce the fields `answer`, `score`.",
                  [("question", "", str), ("context", "", str)], [("answer", "", str), ("score", "", float)]),
        [{"question": "Q1", "answer": "A1"}], {"question": "Q2", "context": "C2"})
    out["LISTS"] = case(
        signature("MySignature", "Answer the question with multiple answers and scores", [("question", "", str)],
                  [("answers", "", list[str]), ("scores", "", list[float])]),
        [{"question": "Q1", "answers": ["A1", "A2"], "scores": [0.1, float("inf")]}], {"question": "Q2"})
    ada = Profile(name="Ada", location=Location(city="London", country="UK"), interests=["math", "machines"])
    grace = Profile(name="Grace", location=Location(city="Arlington", country="USA"), interests=["compilers", "navy"])
    out["CARD"] = case(
        signature("RichRenderingSignature", "Answer using all supplied context.",
                  [("profile", "", Profile), ("question", "", str)], [("answer", "", AnswerCard)]),
        [{"profile": ada, "question": "What should we mention?",
          "answer": AnswerCard(answer="Mention analytical engines.", sources=["demo"])},
         {"question": "Who is Ada?", "answer": AnswerCard(answer="Ada is a mathematician.", sources=[])}],
        {"profile": grace, "question": "What should the answer include?"})
    out["TYPED"] = case(
        # instructions as DSPy keeps them (inspect.cleandoc leaves this text as it is): a line indented deeper
        signature("Typed", "Describe the person.\nBe precise.\n    Name the city.",
                  [("person", "The person", Person), ("hint", "", Optional[str])],
                  [("count", "How many", int), ("mood", "", Label), ("updated", "", Person), ("note", "", Optional[str]),
                   ("home", "", Optional[Address]), ("ratio", "", float), ("ok", "", bool), ("tags", "", list[str])]),
        [{"person": Person(name="Ada", home=Address(city="London", zip_code=1), nick=None, mood=Label.NEUTRAL,
                           tags=["x"]),
          "hint": 'ü "quoted"\nline', "count": 2, "mood": Label.POSITIVE,
          "updated": Person(name="Ada L.", home=Address(city="Paris", zip_code=75), nick="al", mood=Label.NEGATIVE,
                            tags=[]),
          "note": None, "home": None, "ratio": 1e-05, "ok": True, "tags": ["a", "b"]}],
        {"person": Person(name="Grace", home=Address(city="Arlington", zip_code=22201), nick="amazing",
                          mood=Label.POSITIVE, tags=["navy"]),
         "hint": None})
    Bag = model("Bag", counts=dict[str, int], rows=list[dict[str, Any]], mood=Optional[Label], anything=Any)
    out["BAG"] = case(
        signature("S", "Do it.", [("q", "", str)],
                  [("bag", "", Bag), ("maybe", "", Optional[dict[str, int]]), ("one", "", Literal["finish"])]),
        [], {"q": "x"})

    Path(args.out).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
