"""Does a file jspy saved load in DSPy 3.3.1, and what does DSPy then send?

For each `saved` case of goldens.json (the five architectures of saved_programs/, the typed one under
both adapters), this builds a fresh DSPy program of that architecture, calls DSPy's own `module.load()` on
the file jspy saved for it (a directory of jspy-saved files, same names as saved_programs/), runs it on
the case's input against the case's scripted LM replies, and records every message DSPy sends. It also
says whether those messages equal the ones DSPy sends after loading its own file (the case's `calls`).
DSPy is imported exactly as gen.py imports it. Writes a JSON list; jspy's JspySavedLoadsInDspyTest
compares with it. Usage (sources exported as in README.md; run from the repository root):

    python3 it/dspyref/check_load.py /tmp/dspysrc --json-repair /tmp/jrsrc/src \
        --goldens it/src/test/resources/dspyref/goldens.json \
        --jspy-saved it/src/test/resources/dspyref/jspy_saved \
        --out it/src/test/resources/dspyref/check_load.json

Exits 1 if a file does not load or DSPy's messages differ from those after loading its own file.
"""
import argparse
import json
import sys
from pathlib import Path
from typing import Literal

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen  # noqa: E402  (the generator: bootstrap, CaptureLM, adapters, tools, models)


def factories():
    import dspy

    class TwoStep(dspy.Module):
        def __init__(self):
            super().__init__()
            self.answer = dspy.Predict("question -> answer")
            self.simplify = dspy.Predict("answer -> simplified_answer")

        def forward(self, question):
            a = self.answer(question=question).answer
            return self.simplify(answer=a)

    class TriageTicket(dspy.Signature):
        """Triage the support ticket."""

        ticket: str = dspy.InputField(desc="the customer's message")
        category: Literal["billing", "technical", "account"] = dspy.OutputField()
        priority: int = dspy.OutputField(desc="1 (low) to 5 (urgent)")
        tags: list[str] = dspy.OutputField()
        escalate: bool = dspy.OutputField()
        summary: gen.Summary = dspy.OutputField()

    # the architectures of gen.gen_saved_cases, by the file they were saved to
    return {
        "saved_programs/predict_demos_instructions.json": lambda: dspy.Predict("question, context -> answer"),
        "saved_programs/cot_demos.json": lambda: dspy.ChainOfThought("question -> answer"),
        "saved_programs/two_step.json": TwoStep,
        "saved_programs/react_demos.json": lambda: dspy.ReAct("question -> answer", tools=gen.TOOLS, max_iters=4),
        "saved_programs/typed_outputs.json": lambda: dspy.Predict(TriageTicket),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dspy_src")
    ap.add_argument("--json-repair")
    ap.add_argument("--goldens", required=True, help="goldens.json with the saved cases")
    ap.add_argument("--jspy-saved", required=True, help="directory of the files jspy saved")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    gen.bootstrap(args.dspy_src, args.json_repair)
    import dspy

    CaptureLM = gen.make_lm_classes()
    build = factories()
    cases = [c for c in json.loads(Path(args.goldens).read_text(encoding="utf-8")) if c["kind"] == "saved"]
    out, bad = [], 0
    for c in cases:
        name = Path(c["program_file"]).name
        path = Path(args.jspy_saved) / name
        program = build[c["program_file"]]()
        entry = {"id": c["id"], "jspy_file": name, "adapter": c["adapter"], "inputs": c["inputs"]}
        try:
            program.load(str(path))
        except Exception as e:  # noqa: BLE001  (reported, and the run fails)
            entry["load_error"] = f"{type(e).__name__}: {e}"
            out.append(entry)
            bad += 1
            print(f"{c['id']}: DSPy cannot load {path}: {entry['load_error']}")
            continue
        replies = [call["lm_reply"] for call in c["calls"]]
        kind = {"ChatAdapter": "chat", "JSONAdapter": "json"}[c["adapter"]]
        lm = CaptureLM(structured=kind == "json", replies=replies)
        with dspy.context(lm=lm, adapter=gen.make_adapter(kind)):
            pred = program(**c["inputs"])
        entry["named_predictors"] = [n for n, _ in program.named_predictors()]
        entry["calls"] = [{"predictor": call["predictor"], "messages": sent["messages"]}
                          for call, sent in zip(c["calls"], lm.calls)]
        entry["final_prediction"] = {k: gen.to_jsonable(pred[k]) for k in pred.keys() if k != "trajectory"}
        same = len(lm.calls) == len(c["calls"]) and all(
            sent["messages"] == call["messages"] for sent, call in zip(lm.calls, c["calls"]))
        entry["same_messages_as_dspy_saved_file"] = same
        if not same:
            bad += 1
        print(f"{c['id']}: loaded {name}; {len(lm.calls)} LM calls; same messages as DSPy's own file: {same}")
        out.append(entry)
    Path(args.out).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} cases to {args.out}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
