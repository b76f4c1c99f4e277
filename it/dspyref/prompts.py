"""The prompts DSPy 3.3.1 sends in the integration tests' scenarios, made by DSPy's own modules.

Runs dspy.ChainOfThought (the two-step module of TwoStepModuleTest) and dspy.ReAct (the library agent of
ReActTest, the list-returning tool of ReActErrorsTest) with ChatAdapter against a scripted LM that records
every call, with DSPy imported exactly as gen.py imports it (DSPy's source first on sys.path, the stubs
last). Writes a JSON object from prompt name (DspyPrompts' constants) to the exact text. Usage (sources
exported as in README.md):

    python3 it/dspyref/prompts.py /tmp/dspysrc --json-repair /tmp/jrsrc/src \
        --out it/src/test/resources/dspyref/prompts.json
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen  # noqa: E402  (the generator: bootstrap, CaptureLM, adapters)


def chat_reply(**fields):
    return "".join(f"[[ ## {k} ## ]]\n{v}\n\n" for k, v in fields.items()) + "[[ ## completed ## ]]"


def step(thought, tool, args):
    return chat_reply(next_thought=thought, next_tool_name=tool, next_tool_args=args)


def system_user(call):
    messages = call["messages"]
    assert [m["role"] for m in messages] == ["system", "user"], messages
    return messages[0]["content"], messages[1]["content"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dspy_src")
    ap.add_argument("--json-repair")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    gen.bootstrap(args.dspy_src, args.json_repair)
    import dspy

    CaptureLM = gen.make_lm_classes()
    out = {}

    # TwoStepModuleTest: ChainOfThought("question -> answer"), then ChainOfThought("answer -> simplified_answer")
    question = "Why did a chicken cross the kitchen?"
    answer = "To reach the other side, where the food was."
    lm = CaptureLM(replies=[chat_reply(reasoning="Chickens go where the food is.", answer=answer),
                            chat_reply(reasoning="Keep only the gist.", simplified_answer="Food.")])
    with dspy.context(lm=lm, adapter=dspy.ChatAdapter()):
        first = dspy.ChainOfThought("question -> answer")(question=question)
        dspy.ChainOfThought("answer -> simplified_answer")(answer=first.answer)
    out["QA_COT_SYSTEM"], out["QA_COT_USER"] = system_user(lm.calls[0])
    out["SIMPLIFY_COT_SYSTEM"], out["SIMPLIFY_COT_USER"] = system_user(lm.calls[1])

    # ReActTest: the library's two tools (Library.java), with their Javadoc and @Arg descriptions
    def lookup_author(title: str) -> str:
        return "Frank Herbert"

    def page_count(title: str, edition: int) -> int:
        return 402

    tools = [
        dspy.Tool(lookup_author, name="lookup_author", desc="Finds who wrote a book.",
                  args={"title": {"type": "string", "description": "the book's exact title"}}),
        dspy.Tool(page_count, name="page_count", desc="Counts the pages of one edition of a book.",
                  args={"title": {"type": "string", "description": "the book's exact title"},
                        "edition": {"type": "integer", "description": "which edition, from 1"}}),
    ]
    lm = CaptureLM(replies=[
        step("I should find the author first.", "lookup_author", '{"title": "Dune"}'),
        step("Now the page count of the 2nd edition.", "page_count", '{"title": "Dune", "edition": 2}'),
        step("I have everything I need.", "finish", "{}"),
        chat_reply(reasoning="Frank Herbert wrote Dune; its 2nd edition has 402 pages.",
                   answer="Frank Herbert; 402 pages"),
    ])
    react = dspy.ReAct("question -> answer", tools=tools)
    with dspy.context(lm=lm, adapter=dspy.ChatAdapter()):
        pred = react(question="Who wrote Dune, and how many pages has its 2nd edition?")
    assert len(lm.calls) == 4, len(lm.calls)
    out["REACT_STEP_SYSTEM"], out["REACT_STEP_0_USER"] = system_user(lm.calls[0])
    for i in (1, 2):
        system, out[f"REACT_STEP_{i}_USER"] = system_user(lm.calls[i])
        assert system == out["REACT_STEP_SYSTEM"]
    out["REACT_EXTRACT_SYSTEM"], out["REACT_EXTRACT_USER"] = system_user(lm.calls[3])
    out["REACT_TRAJECTORY"] = react._format_trajectory(pred.trajectory)

    # ReActErrorsTest: a tool that returns a list of strings (Troubles.java)
    def shelves() -> list[str]:
        return ["fiction", "science\nand nature"]

    lm = CaptureLM(replies=[step("Which shelves are there?", "shelves", "{}"), step("Done.", "finish", "{}"),
                            chat_reply(reasoning="r", answer="two shelves")])
    react = dspy.ReAct("question -> answer",
                       tools=[dspy.Tool(shelves, name="shelves", desc="Lists the library's shelves.", args={})])
    with dspy.context(lm=lm, adapter=dspy.ChatAdapter()):
        pred = react(question="Who wrote Dune, and how many pages has its 2nd edition?")
    one_step = {k: v for k, v in pred.trajectory.items() if k.endswith("_0")}
    out["LIST_OBSERVATION_TRAJECTORY"] = react._format_trajectory(one_step)
    assert out["LIST_OBSERVATION_TRAJECTORY"] in system_user(lm.calls[1])[1]

    Path(args.out).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
