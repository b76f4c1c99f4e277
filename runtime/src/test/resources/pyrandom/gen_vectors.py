#!/usr/bin/env python3
"""Writes vectors.json: what CPython's random.Random printed, for PyRandomTest.

Run with CPython 3.11 (the sample() setsize rule and _randbelow are 3.11's):
    python3 gen_vectors.py > vectors.json
Each case is a seed and a list of operations applied in order to one Random(seed); the Java test replays
the same operations on PyRandom and compares every result.
"""
import json
import random
import sys

assert sys.version_info[:2] == (3, 11), sys.version

INT_SEEDS = [0, 1, 42, 2**32 + 5, 2**32 - 1, 2**64 + 123, 12345678901234567890123456789, -1, -42, -(2**70) - 3]
STR_SEEDS = ["", "abc", "héllo wörld ✓", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"]


def ops(rng):
    out = []

    def rec(op, args, result):
        out.append({"op": op, "args": args, "result": result})

    for _ in range(5):
        rec("random", [], repr(rng.random()))
    for k in [0, 1, 7, 31, 32, 33, 53, 63, 64, 65, 100, 200]:
        rec("getrandbits", [k], str(rng.getrandbits(k)))
    for n in [1, 2, 3, 10, 1000, 2**31, 2**32 + 7, 2**40 + 7, 2**62 + 1]:
        rec("randbelow", [n], rng._randbelow(n))
    rec("randrange", [10], rng.randrange(10))
    rec("randrange", [5, 15], rng.randrange(5, 15))
    rec("randrange", [0, 100, 7], rng.randrange(0, 100, 7))
    rec("randrange", [10, 0, -3], rng.randrange(10, 0, -3))
    rec("randrange", [-50, 50], rng.randrange(-50, 50))
    for a, b in [(1, 6), (0, 0), (-3, 3), (1, 10**12)]:
        rec("randint", [a, b], rng.randint(a, b))
    for n in [1, 2, 10, 37]:
        rec("choice", [n], rng.choice(list(range(n))))
    for n in [0, 1, 2, 5, 20, 100]:
        x = list(range(n))
        rng.shuffle(x)
        rec("shuffle", [n], x)
    # (n, k): pool algorithm when n <= setsize, set algorithm otherwise (setsize 21 for k <= 5, 21 + 4**ceil(log(3k, 4)) above)
    for n, k in [(5, 0), (5, 5), (20, 5), (21, 5), (22, 5), (30, 5), (100, 6), (85, 6), (86, 6), (1000, 50), (200, 60), (300, 60), (10000, 100)]:
        rec("sample", [n, k], rng.sample(range(n), k))
    for _ in range(3):
        rec("random", [], repr(rng.random()))
    return out


cases = []
for s in INT_SEEDS:
    cases.append({"seed": str(s), "kind": "int", "ops": ops(random.Random(s))})
for s in STR_SEEDS:
    cases.append({"seed": s, "kind": "str", "ops": ops(random.Random(s))})
json.dump({"python": sys.version.split()[0], "cases": cases}, sys.stdout, ensure_ascii=False, indent=1)
sys.stdout.write("\n")
