#!/usr/bin/env python3
"""Writes metrics.json: what DSPy 3.3.1's own metric functions return, for MetricsTest.

Runs DSPy's real code, read from a git mirror of stanfordnlp/dspy at tag 3.3.1 (dspy/evaluate/metrics.py
and dspy/dsp/utils/dpr.py are pure Python; only the `regex` package is needed):
    python3 gen_metrics.py /work/.mirror/stanfordnlp+dspy/repo > metrics.json
"""
import json
import subprocess
import sys
import types

git_dir = sys.argv[1]


def source(path):
    return subprocess.run(["git", "--git-dir=" + git_dir, "show", "3.3.1:" + path],
                          check=True, capture_output=True, text=True).stdout


def module(name, path, extra=None):
    m = types.ModuleType(name)
    sys.modules[name] = m
    if extra:
        m.__dict__.update(extra)
    exec(compile(source(path), path, "exec"), m.__dict__)
    return m


# DSPy's package __init__ files import far more than these two files need: stand the leaves up directly.
for pkg in ["dspy", "dspy.dsp", "dspy.evaluate"]:
    sys.modules[pkg] = types.ModuleType(pkg)
utils_stub = types.ModuleType("dspy.dsp.utils.utils")
utils_stub.print_message = lambda *a, **k: None  # prints a notice only
sys.modules["dspy.dsp.utils.utils"] = utils_stub
dpr = module("dspy.dsp.utils.dpr", "dspy/dsp/utils/dpr.py")
utils_pkg = types.ModuleType("dspy.dsp.utils")
utils_pkg.DPR_normalize = dpr.DPR_normalize
utils_pkg.has_answer = dpr.has_answer
sys.modules["dspy.dsp.utils"] = utils_pkg
metrics = module("dspy.evaluate.metrics", "dspy/evaluate/metrics.py")


class Obj:
    def __init__(self, **kw):
        self.__dict__.update(kw)


TEXTS = [
    "Paris", "paris", "The Eiffel Tower", "Eiffel Tower", "Eiffel  Tower!", "an apple a day", "A", "the the the",
    "Thé Louvre", "thé", "café", "Cafe", "naïve résumé", "Ærøskøbing", "İstanbul", "ΣΊΣΥΦΟΣ", "straße",
    "1,000 dollars", "1000 dollars", "$1,000", "U.S.A.", "USA", "", "   ", "the", "a an the", "yes", "no",
    "Yes.", "noanswer", "no answer", "rock 'n' roll", "rock n roll", "o'clock", "Mr. Smith's dog",
    "smith dog", "2.5%", "x_y z", "x y z", "中文 答案", "答案", "tab\tsep\nnewline", "nbsp\u00a0here",
    "nbsp here", "em\u2003space", "zero\u200bwidth", "left—right", "left right", "fi\ufb01ligature",
    "Ⅻ Roman", "½ cup", "a_the b", "théâtre the", "an-apple", "An Apple",
]

em, f1, hot, prec = [], [], [], []
for p in TEXTS:
    for g in TEXTS:
        em.append([p, g, bool(metrics.em_score(p, g))])
        f1.append([p, g, float(metrics.f1_score(p, g))])
        hot.append([p, g, float(metrics.hotpot_f1_score(p, g))])
        prec.append([p, g, float(metrics.precision_score(p, g))])

normalized = [[t, metrics.normalize_text(t)] for t in TEXTS]

ANSWER_LISTS = [["Paris"], ["Eiffel Tower", "Louvre"], ["the eiffel tower"], ["1,000"], ["café"], ["USA", "U.S.A."],
                ["rock 'n' roll"], ["中文"], ["ΣΊΣΥΦΟΣ"], ["no"]]
exact = []
for answers in ANSWER_LISTS:
    for p in TEXTS:
        for frac in [1.0, 0.5, 0.8]:
            ex = Obj(answer=answers if len(answers) > 1 else answers[0])
            exact.append({"answer": ex.answer, "prediction": p, "frac": frac,
                          "result": bool(metrics.answer_exact_match(ex, Obj(answer=p), frac=frac))})

PASSAGES = [
    ["The Eiffel Tower is in Paris.", "..."], ["It costs $1,000 today."], ["Café au lait, s'il vous plaît"],
    ["The USA (U.S.A.) is large"], ["Rock 'n' roll never dies"], ["中文答案在这里"], ["ΣΊΣΥΦΟΣ was a king"],
    [], ["no passage matches this", "nor this one"], ["Louvre-Museum opening hours"],
]
passage = []
for answers in ANSWER_LISTS:
    for psgs in PASSAGES:
        ex = Obj(answer=answers if len(answers) > 1 else answers[0])
        passage.append({"answer": ex.answer, "context": psgs,
                        "result": bool(metrics.answer_passage_match(ex, Obj(context=psgs)))})

dpr_tokens = [[t, dpr.DPR_normalize(t)] for t in TEXTS + [p for ps in PASSAGES for p in ps]]

json.dump({"dspy": "3.3.1", "normalize_text": normalized, "em_score": em, "f1_score": f1,
           "hotpot_f1_score": hot, "precision_score": prec, "answer_exact_match": exact,
           "answer_passage_match": passage, "DPR_normalize": dpr_tokens},
          sys.stdout, ensure_ascii=False)
sys.stdout.write("\n")
