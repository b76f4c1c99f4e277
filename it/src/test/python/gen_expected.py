"""Generates DspyPrompts.java: the exact messages DSPy 3.3.1 sends for the integration tests' scenarios.

Run: python3 it/src/test/python/gen_expected.py [path/to/dspy_min.py dir] > it/src/test/java/dev/jspy/it/DspyPrompts.java

Uses verbatim copies of DSPy 3.3.1's ChatAdapter formatting (dspy_min.py, default dir /tmp/jharness); builds
ChainOfThought's extended signature and ReAct's step and extract signatures, instructions, tool descriptions
(str(tool)) and trajectories exactly as dspy/predict/chain_of_thought.py and dspy/predict/react.py do.
"""
import json, sys
from typing import Any, Literal

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else "/tmp/jharness")
from dspy_min import Sig, fmt, user_content  # noqa: E402
from pydantic import TypeAdapter  # noqa: E402


def default_instructions(sig_inputs, sig_outputs):
    # dspy.signatures.signature._default_instructions
    i = ", ".join(f"`{n}`" for n in sig_inputs)
    o = ", ".join(f"`{n}`" for n in sig_outputs)
    return f"Given the fields {i}, produce the fields {o}."


class Tool:
    """dspy.Tool's name/desc/args and __str__, args from pydantic as Tool._parse_function builds them."""

    def __init__(self, name, desc, params):
        self.name, self.desc = name, desc
        self.args = {}
        for pname, ptype, pdesc in params:
            schema = TypeAdapter(ptype).json_schema()
            if pdesc:
                schema["description"] = pdesc
            self.args[pname] = schema

    def __str__(self):
        desc = f", whose description is <desc>{self.desc}</desc>.".replace("\n", "  ") if self.desc else "."
        arg_desc = f"It takes arguments {self.args}."
        return f"{self.name}{desc} {arg_desc}"


def react_signatures(instructions, inputs, outputs, tools):
    """ReAct.__init__: the step signature and the extract ChainOfThought signature."""
    tools = {t.name: t for t in tools}
    ins = ", ".join(f"`{k}`" for k, _, _ in inputs)
    outs = ", ".join(f"`{k}`" for k, _, _ in outputs)
    instr = [f"{instructions}\n"] if instructions else []
    instr.extend([
        f"You are an Agent. In each episode, you will be given the fields {ins} as input. And you can see your past trajectory so far.",
        f"Your goal is to use one or more of the supplied tools to collect any necessary information for producing {outs}.\n",
        "To do this, you will interleave next_thought, next_tool_name, and next_tool_args in each turn, and also when finishing the task.",
        "After each tool call, you receive a resulting observation, which gets appended to your trajectory.\n",
        "When writing next_thought, you may reason about the current situation and plan for future steps.",
        "When selecting the next_tool_name and its next_tool_args, the tool must be one of:\n",
    ])
    tools["finish"] = Tool(
        "finish",
        f"Marks the task as complete. That is, signals that all information for producing the outputs, i.e. {outs}, are now available to be extracted.",
        [])
    for idx, tool in enumerate(tools.values()):
        instr.append(f"({idx + 1}) {tool}")
    instr.append("When providing `next_tool_args`, the value inside the field must be in JSON format")
    step = Sig("\n".join(instr), inputs + [("trajectory", str, "")],
               [("next_thought", str, ""), ("next_tool_name", Literal[tuple(tools.keys())], ""),
                ("next_tool_args", dict[str, Any], "")])
    # fallback_signature = Signature({**inputs, **outputs}, instructions).append("trajectory", InputField())
    # then ChainOfThought prepends `reasoning` (desc "${reasoning}", shown as "").
    extract = Sig(instructions, inputs + [("trajectory", str, "")], [("reasoning", str, "")] + outputs)
    return step, extract


def format_trajectory(trajectory):
    """ReAct._format_trajectory with ChatAdapter: every key a str input field of `<keys> -> x`."""
    sig = Sig("", [(k, str, "") for k in trajectory], [("x", str, "")])
    return user_content(sig, trajectory)


def cot(instructions, inputs, outputs):
    return Sig(instructions, inputs, [("reasoning", str, "")] + outputs)


OUT = {}


def emit(name, msgs):
    assert [m["role"] for m in msgs] == ["system", "user"], msgs
    OUT[name + "_SYSTEM"] = msgs[0]["content"]
    OUT[name + "_USER"] = msgs[1]["content"]


# ---- 1. DSPy's async guide: question -> answer, then answer -> simplified_answer, both ChainOfThought
QUESTION = "Why did a chicken cross the kitchen?"
ANSWER = "To reach the other side, where the food was."
qa = cot(default_instructions(["question"], ["answer"]), [("question", str, "")], [("answer", str, "")])
simplify = cot(default_instructions(["answer"], ["simplified_answer"]), [("answer", str, "")],
               [("simplified_answer", str, "")])
emit("QA_COT", fmt(qa, [], {"question": QUESTION}))
emit("SIMPLIFY_COT", fmt(simplify, [], {"answer": ANSWER}))

# ---- 2. ReAct over question -> answer with Library's tools: lookup_author (sync), page_count (async)
LIBRARY = [
    Tool("lookup_author", "Finds who wrote a book.", [("title", str, "the book's exact title")]),
    Tool("page_count", "Counts the pages of one edition of a book.",
         [("title", str, "the book's exact title"), ("edition", int, "which edition, from 1")]),
]
AGENT_QUESTION = "Who wrote Dune, and how many pages has its 2nd edition?"
step, extract = react_signatures(default_instructions(["question"], ["answer"]), [("question", str, "")],
                                 [("answer", str, "")], LIBRARY)
STEPS = [
    ("I should find the author first.", "lookup_author", json.loads('{"title": "Dune"}'), "Frank Herbert"),
    ("Now the page count of the 2nd edition.", "page_count", json.loads('{"title": "Dune", "edition": 2}'), 402),
    ("I have everything I need.", "finish", json.loads("{}"), "Completed."),
]
trajectory = {}
for idx, (thought, tool, args, obs) in enumerate(STEPS):
    msgs = fmt(step, [], {"question": AGENT_QUESTION, "trajectory": format_trajectory(trajectory)})
    emit(f"REACT_STEP_{idx}", msgs)
    trajectory[f"thought_{idx}"] = thought
    trajectory[f"tool_name_{idx}"] = tool
    trajectory[f"tool_args_{idx}"] = args
    trajectory[f"observation_{idx}"] = obs
emit("REACT_EXTRACT", fmt(extract, [], {"question": AGENT_QUESTION, "trajectory": format_trajectory(trajectory)}))
# all steps share the system message
for idx in range(1, len(STEPS)):
    assert OUT[f"REACT_STEP_{idx}_SYSTEM"] == OUT["REACT_STEP_0_SYSTEM"]
    del OUT[f"REACT_STEP_{idx}_SYSTEM"]
OUT["REACT_STEP_SYSTEM"] = OUT.pop("REACT_STEP_0_SYSTEM")
OUT["REACT_TRAJECTORY"] = format_trajectory(trajectory)

# ---- 3. the list observation: a str field given a list becomes DSPy's numbered «» list
OUT["LIST_OBSERVATION_TRAJECTORY"] = format_trajectory(
    {"thought_0": "Which shelves are there?", "tool_name_0": "shelves", "tool_args_0": {},
     "observation_0": ["fiction", "science\nand nature"]})


def java(s):
    out = ['"']
    for ch in s:
        if ch == '"': out.append('\\"')
        elif ch == '\\': out.append('\\\\')
        elif ch == '\n': out.append('\\n')
        elif ch == '\t': out.append('\\t')
        elif ord(ch) < 0x20 or ord(ch) > 0x7e: out.append('\\u%04x' % ord(ch))
        else: out.append(ch)
    out.append('"')
    return ''.join(out)


def literal(s):
    parts = s.split("\n")
    lits = [java(p + ("\n" if i < len(parts) - 1 else "")) for i, p in enumerate(parts)]
    lits = [l for l in lits if l != '""'] or ['""']
    return "\n          + ".join(lits)


print("""package dev.jspy.it;

/**
 * What DSPy 3.3.1 sends for the integration tests' scenarios, generated by
 * {@code it/src/test/python/gen_expected.py} from verbatim copies of DSPy's ChatAdapter formatting and
 * the signatures, instructions and trajectories of {@code dspy.ChainOfThought} and {@code dspy.ReAct}.
 * Do not edit by hand: regenerate.
 */
final class DspyPrompts {
  private DspyPrompts() {}
""")
for k, v in OUT.items():
    print(f"  static final String {k} =\n      {literal(v)};\n")
print("}")
