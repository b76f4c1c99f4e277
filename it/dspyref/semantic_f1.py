"""The messages DSPy 3.3.1's own SemanticF1 (dspy/evaluate/auto_evaluation.py) sends, and the scores it returns.

Runs dspy.evaluate.SemanticF1 (plain and decompositional, ChatAdapter and JSONAdapter) as a metric on one
example against scripted judge replies, with DSPy imported exactly as gen.py imports it (DSPy's source first
on sys.path, the stubs last). Writes a JSON list of cases; jspy's SemanticF1 test compares its prompts and
scores with them. Usage (sources exported as in README.md):

    python3 it/dspyref/semantic_f1.py /tmp/dspysrc --json-repair /tmp/jrsrc/src \
        --out it/src/test/resources/dspyref/semantic_f1.json
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen  # noqa: E402  (the generator: bootstrap, CaptureLM, adapters)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dspy_src")
    ap.add_argument("--json-repair")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    gen.bootstrap(args.dspy_src, args.json_repair)
    import dspy
    from dspy.evaluate import SemanticF1

    CaptureLM = gen.make_lm_classes()
    example = dspy.Example(question="What causes the seasons on Earth?",
                           response="The tilt of Earth's axis, which changes how directly sunlight hits each hemisphere.")
    pred = dspy.Prediction(response="Earth's distance from the Sun changes, and its tilted axis matters too.")
    plain = {"reasoning": "The response names the tilt but adds the distance myth.", "recall": 0.75, "precision": 0.5}
    decomposed = {"reasoning": "Compare key ideas.", "ground_truth_key_ideas": "1. axial tilt\n2. angle of sunlight",
                  "system_response_key_ideas": "1. distance from the Sun\n2. axial tilt",
                  "discussion": "Both mention the tilt; the response adds distance, which is wrong.",
                  "recall": 1.0, "precision": 0.5}
    cases = []
    for decompositional, values in [(False, plain), (True, decomposed)]:
        for adapter_kind in ["chat", "json"]:
            for trace in [None, []]:
                if adapter_kind == "chat":
                    reply = "".join(f"[[ ## {k} ## ]]\n{v}\n\n" for k, v in values.items()) + "[[ ## completed ## ]]"
                else:
                    reply = json.dumps(values)
                lm = CaptureLM(structured=False, replies=[reply])
                metric = SemanticF1(decompositional=decompositional)
                with dspy.context(lm=lm, adapter=gen.make_adapter(adapter_kind)):
                    out = metric(example, pred, trace=trace)
                cases.append({
                    "id": f"semantic-f1-{'decompositional' if decompositional else 'plain'}-{adapter_kind}"
                          f"{'' if trace is None else '-trace'}",
                    "decompositional": decompositional,
                    "adapter": gen.ADAPTERS[adapter_kind],
                    "example": dict(example.items()),
                    "pred_response": pred.response,
                    "trace": trace,
                    "lm_reply": reply,
                    "messages": lm.calls[0]["messages"],
                    "named_predictors": [name for name, _ in metric.named_predictors()],
                    "score": out.score,
                })
    Path(args.out).write_text(json.dumps(cases, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {args.out}")


if __name__ == "__main__":
    main()
