#!/usr/bin/env python3
"""Writes results.csv and results.json as DSPy 3.3.1's Evaluate saves them, for EvaluateOutputTest.

Runs DSPy's own merge_dicts / prediction_is_dictlike / Evaluate._prepare_results_output and its csv/json
writing code, taken from a git mirror of stanfordnlp/dspy (the rest of dspy is not imported):
    python3 gen_results.py /work/.mirror/stanfordnlp+dspy/repo
"""
import ast
import csv
import json
import os
import subprocess
import sys

src = subprocess.run(["git", "--git-dir=" + sys.argv[1], "show", "3.3.1:dspy/evaluate/evaluate.py"],
                     check=True, capture_output=True, text=True).stdout
tree = ast.parse(src)
keep = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in ("merge_dicts", "prediction_is_dictlike")]
evaluate_cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Evaluate")
prepare = next(n for n in evaluate_cls.body if isinstance(n, ast.FunctionDef) and n.name == "_prepare_results_output")
prepare.decorator_list = []
ns = {"Any": object}
exec(compile(ast.Module(body=keep + [prepare], type_ignores=[]), "evaluate.py", "exec"), ns)


class Example:  # dspy.Example's toDict and dict-likeness
    def __init__(self, **kw):
        self._store = dict(kw)

    def toDict(self):  # noqa: N802
        return dict(self._store)

    def items(self):
        return self._store.items()


Prediction = Example  # a dspy.Prediction is an Example subclass

results = [
    (Example(question="q0", answer="Paris", note='comma, "quotes"\nand a newline'), Prediction(answer="Paris"), 1.0),
    (Example(question="q1", answer="Zürich ✓", note=""), Prediction(answer="Zurich"), 0.0),
    (Example(question="q2", answer="x", note="fails"), Prediction(), 0.25),  # a failure: empty Prediction
]
data = ns["_prepare_results_output"](results, "exact")
# DSPy's CSV writer raises on the failure row (its 'answer' key is not among the first row's fieldnames:
# ValueError "dict contains fields not in fieldnames"), so results.csv holds the two that succeeded.
csv_data = ns["_prepare_results_output"](results[:2], "exact")
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "results.csv"), "w", newline="") as csvfile:
    writer = csv.DictWriter(csvfile, fieldnames=csv_data[0].keys())
    writer.writeheader()
    for row in csv_data:
        writer.writerow(row)
with open(os.path.join(here, "results.json"), "w") as f:
    json.dump(data, f)
