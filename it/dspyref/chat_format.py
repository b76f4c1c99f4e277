"""The messages DSPy 3.3.1's own ChatAdapter.format writes for the cases of jspy's ChatAdapterFormatTest
(and PredictTest's string signature).

Builds each case's signature with dspy.make_signature (pydantic models and an Enum for the records and the
enum of runtime/src/test/java/dev/jspy/adapters/Fixtures.java), its demos as dspy.Example and its inputs,
and records what dspy.ChatAdapter().format returns, with DSPy imported exactly as gen.py imports it (DSPy's
source first on sys.path, the stubs last). Writes a JSON object from case name to a list of
[role, content] pairs (a string for the formatted trajectory). Usage (sources exported as in README.md):

    python3 it/dspyref/chat_format.py /tmp/dspysrc --json-repair /tmp/jrsrc/src \
        --out runtime/src/test/resources/dev/jspy/adapters/chat_format.json
"""
import argparse
import enum
import json
import sys
from pathlib import Path
from typing import Any, Optional

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

    # ---------------------------------------------------------------- Fixtures.java, in Python

    class Label(enum.Enum):
        POSITIVE = "POSITIVE"
        NEGATIVE = "NEGATIVE"
        NEUTRAL = "NEUTRAL"

    def place(name):
        return pydantic.create_model(name, city=(str, ...), country=(str, ...))

    def someone(name, place_name, place_type, tags_name):
        place_model = place(place_type)
        model = pydantic.create_model(
            name, name=(str, ...), **{place_name: (place_model, ...)}, **{tags_name: (list[str], ...)})
        return model, place_model

    Summary = pydantic.create_model("Summary", headline=(str, ...), score=(float, ...))
    AnswerCard = pydantic.create_model("AnswerCard", answer=(str, ...), sources=(list[str], ...))
    Address = pydantic.create_model("Address", city=(str, ...), zip_code=(int, ...))
    Person = pydantic.create_model(
        "Person", name=(str, ...), home=(Address, ...), nick=(Optional[str], ...), mood=(Label, ...),
        tags=(list[str], ...))

    def signature(name, instructions, inputs, outputs):
        """inputs/outputs: (field name, description, type) in order; "" for no description."""
        fields = {}
        for side, specs in (("in", inputs), ("out", outputs)):
            for field, desc, typ in specs:
                kw = {"desc": desc} if desc else {}
                fields[field] = (typ, dspy.InputField(**kw) if side == "in" else dspy.OutputField(**kw))
        return dspy.make_signature(fields, instructions, signature_name=name)

    def fmt(sig, demos, inputs):
        messages = dspy.ChatAdapter().format(sig, [dspy.Example(**d) for d in demos], inputs)
        return [[m["role"], m["content"]] for m in messages]

    out = {}

    qa = signature("QA", "Answer the question.", [("question", "", str)], [("answer", "", str)])
    out["SIMPLE"] = fmt(qa, [], {"question": "What is the capital of France?"})

    multi = signature("MultiAnswer", "Answer the question with multiple answers and scores",
                      [("question", "", str)], [("answers", "", list[str]), ("scores", "", list[float])])
    out["MULTI"] = fmt(multi, [{"question": "Q1", "answers": ["A1", "A2"], "scores": [0.1, 0.9]}],
                       {"question": "Q2"})

    person_model, address_model = someone("Person", "address", "Address", "tags")
    nested = signature("PydanticSignature", "Given the fields `person`, produce the fields `summary`.",
                       [("person", "", person_model)], [("summary", "", Summary)])
    out["NESTED"] = fmt(nested, [], {"person": person_model(
        name="Ada", address=address_model(city="London", country="UK"), tags=["math", "code"])})

    incomplete = signature(
        "IncompleteDemoSignature", "Given the fields `question`, `context`, produce the fields `answer`, `confidence`.",
        [("question", "", str), ("context", "", str)], [("answer", "", str), ("confidence", "", float)])
    out["INCOMPLETE"] = fmt(incomplete, [{"question": "Q1", "answer": "A1"}], {"question": "Q2", "context": "C2"})

    list_as_string = signature("ListAsStringSignature", "Given the fields `context`, produce the fields `answer`.",
                               [("context", "", str)], [("answer", "", str)])
    out["LIST_AS_STRING"] = fmt(list_as_string, [], {"context": ["alpha", "beta"]})
    out["LIST_AS_STRING_BLOBS"] = fmt(
        list_as_string, [], {"context": ["line one\nline two", "has «quotes»", "plain"]})
    out["LIST_AS_STRING_ONE"] = fmt(list_as_string, [], {"context": ["only"]})
    out["LIST_AS_STRING_EMPTY"] = fmt(list_as_string, [], {"context": []})

    profile_model, location_model = someone("Profile", "location", "Location", "interests")
    kitchen = signature(
        "KitchenSinkSignature", "Answer carefully using every available signal.",
        [("profile", "", profile_model), ("context", "", str), ("question", "", str)],
        [("answer", "", AnswerCard), ("verdict", "", Label), ("confidence", "", float)])
    ada = profile_model(name="Ada", location=location_model(city="London", country="UK"),
                        interests=["math", "machines"])
    grace = profile_model(name="Grace", location=location_model(city="Arlington", country="USA"),
                          interests=["compilers", "navy"])
    out["KITCHEN"] = fmt(
        kitchen,
        [{"profile": ada, "context": ["demo context one", "demo context two"], "question": "What should we mention?",
          "answer": AnswerCard(answer="Mention analytical engines.", sources=["demo"]), "verdict": Label.POSITIVE,
          "confidence": 0.9},
         {"question": "Incomplete example question",
          "answer": AnswerCard(answer="Partial answer.", sources=["partial"])}],
        {"profile": grace, "context": ["current context one", "current context two"],
         "question": "What should the answer include?"})

    typed = signature(
        # instructions as DSPy keeps them (inspect.cleandoc leaves this text as it is): a line indented deeper
        "Review", "Classify the review.\nBe brief.\n    Quote the words that decided it.",
        [("review", "The review text", str), ("stars", "", int), ("meta", "", dict[str, int])],
        [("label", "The sentiment", Label), ("confidence", "", float), ("sarcastic", "", bool), ("count", "", int),
         ("note", "", Optional[str]), ("scores", "", dict[str, float]), ("keywords", "", list[str])])
    out["TYPED"] = fmt(
        typed,
        [{"review": "Great!", "stars": 5, "meta": {"a": 1}, "label": Label.POSITIVE, "confidence": 0.9,
          "sarcastic": False, "count": 1, "note": None, "scores": {"x": 1.0, "y": 1e-05}, "keywords": ["great"]}],
        {"review": 'Meh "ok"\nsecond line', "stars": 3, "meta": {"ü": 2, "b\\c": 3}})

    describe = signature("Describe", "Describe the person.", [("person", "", Person)],
                         [("summary", "", str), ("updated", "", Person)])
    out["PERSON"] = fmt(describe, [], {"person": Person(
        name="Ada", home=Address(city="London", zip_code=1), nick=None, mood=Label.NEUTRAL, tags=["x", "y"])})

    dedent = signature("Dedent", "  Line one.\n\n    Indented more.\n  Back.\n", [("a", "", str)], [("b", "", str)])
    out["DEDENT"] = fmt(dedent, [], {"a": "x"})

    empty = signature("Empty", "", [("a", "", str)], [("b", "", str)])
    empty.instructions = ""  # make_signature turns "" into the default instructions; the setter keeps it
    out["EMPTY_INSTR"] = fmt(empty, [], {"a": "x"})

    count = signature("Count", "Count.", [], [("n", "how many", int)])
    out["NO_INPUTS"] = fmt(count, [], {})

    scalars = signature(
        "Scalars", "Scalars.",
        [("flag", "", bool), ("ratio", "", float), ("big", "", float), ("tiny", "", float),
         ("nothing", "", Optional[int]), ("text", "", str)],
        [("out", "", str)])
    out["SCALARS"] = fmt(scalars, [], {"flag": True, "ratio": 1.0 / 3, "big": 1e16, "tiny": 1e-05, "nothing": None,
                                       "text": "  padded  "})

    two = signature("Two", "Do it.", [("a", "", str), ("b", "", str)], [("c", "", str)])
    out["OMITTED_INPUT"] = fmt(two, [], {"b": "B"})
    out["NONE_INPUT"] = fmt(list_as_string, [], {"context": None})

    ordered = signature("QA", "Answer.", [("question", "", str)], [("answer", "", str), ("why", "", str)])
    out["INCOMPLETE_FIRST"] = fmt(
        ordered, [{"question": "Q1", "answer": "A1", "why": "W1"}, {"question": "Q2", "answer": "A2"}],
        {"question": "Q3"})

    # DSPy's test_chat_adapter_signature_information
    info = signature("TestSignature", "Given the fields `input1`, `input2`, produce the fields `output`.",
                     [("input1", "String Input", str), ("input2", "Integer Input", int)],
                     [("output", "String Output", str)])
    out["SIGNATURE_INFORMATION"] = fmt(info, [], {"input1": "Test", "input2": 11})

    # PredictTest: dspy.Predict("question -> answer"), DSPy's default instructions
    string_signature = dspy.Predict("question -> answer").signature
    out["STRING_SIGNATURE"] = fmt(string_signature, [], {"question": "What is 2+2?"})
    out["STRING_SIGNATURE_HI"] = fmt(string_signature, [], {"question": "hi"})

    # ReAct._format_trajectory: adapter.format_user_message_content over a signature of str inputs
    trajectory = {"thought_0": "Look it up.", "tool_name_0": "search",
                  "tool_args_0": {"query": "capital of France", "k": 3},
                  "observation_0": ["Paris is the capital.", "France is in Europe."]}
    react = dspy.ReAct("question -> answer", tools=[])
    with dspy.context(adapter=dspy.ChatAdapter()):
        out["TRAJECTORY"] = react._format_trajectory(trajectory)

    Path(args.out).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
