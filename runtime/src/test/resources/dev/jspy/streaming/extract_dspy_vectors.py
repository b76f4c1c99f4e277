"""Extract DSPy 3.3.1's stream-listener test vectors into dspy_stream_vectors.json.

Token sequences come from DSPy's tests/streaming/test_streaming.py, read with `ast` (the string
literals of every `Delta(content=...)` in each scripted stream, in order); nothing is retyped.
Expected chunks come from running DSPy's own, unmodified `StreamListener` (dspy/streaming/
streaming_listener.py, with the real `jiter`) over those tokens, routed the way `streamify` routes
them (each LM call's chunks to the listeners bound to that call's predictor; `finalize()` on every
listener when the program returns). The test's own assertions are then executed against the
simulated chunks, so the file cannot drift from what DSPy's tests accept.

The only hand-written input is CALLS below: which predictor makes each LM call and which output
fields it has (the test programs' structure, which `ast` could read only with a module simulator).

Run (paths to a DSPy 3.3.1 source tree, json_repair's src, the jiter wheel's install dir and
/work/shared/dspyref/stubs for import-time stand-ins):
  git --git-dir=<dspy git dir> archive 3.3.1 dspy tests | tar -x -C /tmp/dspysrc
  PYTHONPATH=/tmp/dspysrc:<json_repair src>:<jiter dir>:<dspyref>/stubs \
    python3 extract_dspy_vectors.py /tmp/dspysrc > dspy_stream_vectors.json
"""
import ast
import json
import sys
from pathlib import Path
from types import SimpleNamespace

# test name -> (predictor of each LM call in order, predictor -> output fields)
TWO = {"predict1": ["answer"], "predict2": ["judgement"]}
CALLS = {
    "test_streaming_handles_space_correctly": (["self"], {"self": ["answer"]}),
    "test_stream_listener_returns_correct_chunk_chat_adapter": (["predict1", "predict2"], TWO),
    "test_stream_listener_returns_correct_chunk_json_adapter": (["predict1", "predict2"], TWO),
    "test_stream_listener_returns_correct_chunk_chat_adapter_untokenized_stream": (["predict1", "predict2"], TWO),
    "test_stream_listener_missing_completion_marker_chat_adapter": (["predict"], {"predict": ["answer"]}),
    "test_stream_listener_returns_correct_chunk_json_adapter_untokenized_stream": (["predict1", "predict2"], TWO),
    "test_stream_listener_allow_reuse": (["predict", "predict"], {"predict": ["answer"]}),
    "test_stream_listener_returns_correct_chunk_xml_adapter": (["predict1", "predict2"], TWO),
    "test_chat_adapter_simple_pydantic_streaming": (["predict"], {"predict": ["response"]}),
    "test_chat_adapter_with_generic_type_annotation": (["predict"], {"predict": ["response"]}),
    "test_chat_adapter_nested_pydantic_streaming": (["self"], {"self": ["response"]}),
    "test_chat_adapter_mixed_fields_streaming": (["self"], {"self": ["summary", "details"]}),
    "test_json_adapter_simple_pydantic_streaming": (["self"], {"self": ["response"]}),
    "test_json_adapter_bracket_balance_detection": (["self"], {"self": ["response"]}),
    "test_json_adapter_multiple_fields_detection": (["self"], {"self": ["first", "second"]}),
    "test_stream_listener_empty_last_chunk_chat_adapter": (["self"], {"self": ["reasoning", "answer"]}),
    "test_stream_listener_empty_last_chunk_json_adapter": (["self"], {"self": ["reasoning", "answer"]}),
}


# Further scripted replies (not in DSPy's test file) whose expected chunks DSPy's listener computes the
# same way: markers split across deltas, one giant delta, a reply that never opens the field, and a
# field produced twice with and without allow_reuse.
def _one(adapter, tokens, field="answer", reuse=False, calls=1, fields=("answer",)):
    return {"adapter": adapter,
            "listeners": [{"field": f, "predictor": "self", "allowReuse": reuse} for f in fields],
            "calls": [{"predictor": "self", "tokens": tokens}] * calls}


EXTRA = {
    "chat_markers_split_char_by_char": _one("ChatAdapter", list("[[ ## answer ## ]]\nHi there.\n\n[[ ## completed ## ]]")),
    "chat_one_giant_delta": _one("ChatAdapter", ["[[ ## answer ## ]]\nParis is the capital.\n\n[[ ## completed ## ]]"]),
    "chat_never_opens_field": _one("ChatAdapter", ["[[ ## reasoning ## ]]\n", "Think [", "[a]] more", "\n\n[[ ## completed ## ]]"]),
    "chat_start_then_lookalike": _one("ChatAdapter", ["[[ ## ans", "wer ## ]]", "\n", "a [b] [[c]] [[ #d", " e", "\n\n[[ ##", " completed ## ]]"]),
    "chat_long_held_buffer": _one("ChatAdapter", ["[[ ## answer ## ]]", " x [[ ##"] + [" y"] * 12 + ["\n\n[[ ## completed ## ]]"]),
    "chat_field_twice_without_reuse": _one("ChatAdapter", ["[[ ## answer ## ]]\n", "one", "\n\n[[ ## completed ## ]]"], calls=2),
    "chat_field_twice_with_reuse": _one("ChatAdapter", ["[[ ## answer ## ]]\n", "one", "\n\n[[ ## completed ## ]]"], reuse=True, calls=2),
    "chat_two_fields_one_reply": _one("ChatAdapter", ["[[ ## reasoning ## ]]\n", "Because", " so.", "\n\n[[ ## answer ## ]]\n", "42", "\n\n[[ ## completed ## ]]"], fields=("reasoning", "answer")),
    "chat_stops_without_end_marker": _one("ChatAdapter", ["[[ ## answer ## ]]\n", "cut", " off [", "[ #"]),
    "json_markers_split_char_by_char": _one("JSONAdapter", list('{"answer": "Hi \\"there\\"", "n": 1}')),
    "json_one_giant_delta": _one("JSONAdapter", ['{"answer": "Paris", "reasoning": "known"}']),
    "json_never_opens_field": _one("JSONAdapter", ['{"reasoning": ', '"x"', '}']),
    "json_nested_value_then_next_key": _one("JSONAdapter", ['{"answer"', ': {"a": [1, ', '{"b": "}"}]}', ', "z', '": 2}'], fields=("answer",)),
    "json_field_twice_with_reuse": _one("JSONAdapter", ['{"answer": ', '"one"', '}'], reuse=True, calls=2),
    "json_field_twice_without_reuse": _one("JSONAdapter", ['{"answer": ', '"one"', '}'], calls=2),
    "xml_markers_split_char_by_char": _one("XMLAdapter", list("<answer>Hi <b> there</answer>")),
    "xml_one_giant_delta": _one("XMLAdapter", ["<answer>Paris</answer>"]),
    "xml_never_opens_field": _one("XMLAdapter", ["<reasoning>", "a < b", "</reasoning>"]),
    "xml_field_twice_with_reuse": _one("XMLAdapter", ["<answer>", "one", "</answer>"], reuse=True, calls=2),
}


def call_name(node):
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)


def stream_tokens(fn):
    out = []
    for n in ast.walk(fn):
        if isinstance(n, ast.Call) and call_name(n) == "Delta":
            for kw in n.keywords:
                if kw.arg == "content":
                    out.append(ast.literal_eval(kw.value))
    return out


def find_parent_chain(root, target):
    """Blocks (lists of statements) from the innermost one holding target outwards, with indices."""
    chain = []

    def visit(node):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            for i, st in enumerate(block):
                if st is target or visit(st):
                    chain.append((block, i))
                    return True
        return False

    visit(root)
    return chain


def main():
    src_root = Path(sys.argv[1])
    test_path = src_root / "tests" / "streaming" / "test_streaming.py"
    tree = ast.parse(test_path.read_text())
    import dspy
    from dspy.streaming.messages import StreamResponse
    from dspy.streaming.streaming_listener import StreamListener

    cases, end_checks = [], []
    for name, case in EXTRA.items():
        cases.append({"name": name, **case, "expected": simulate(dspy, StreamListener, case), "dspyAssertionsChecked": 0})
    for fn in tree.body:
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if fn.name.startswith("test_stream_listener_could_form_end_identifier"):
            field = next(ast.literal_eval(kw.value) for n in ast.walk(fn) if isinstance(n, ast.Call)
                         and call_name(n) == "StreamListener" for kw in n.keywords
                         if kw.arg == "signature_field_name")
            for n in ast.walk(fn):
                if isinstance(n, ast.Assert) and isinstance(n.test, ast.Compare):
                    c = n.test.left
                    end_checks.append({"source": fn.name, "field": field,
                                       "message": ast.literal_eval(c.args[0]),
                                       "adapter": ast.literal_eval(c.args[1]),
                                       "expected": ast.literal_eval(n.test.comparators[0])})
            continue
        if fn.name not in CALLS:
            continue
        order, outputs = CALLS[fn.name]
        gens = {n.name: stream_tokens(n) for n in fn.body if isinstance(n, ast.AsyncFunctionDef)}
        text = ast.get_source_segment(test_path.read_text(), fn)
        adapter = ("JSONAdapter" if "adapter=dspy.JSONAdapter()" in text
                   else "XMLAdapter" if "adapter=dspy.XMLAdapter()" in text else "ChatAdapter")
        # which generator serves which call: a `[g1, g2]` list of names/calls, else the single one
        seq = None
        for n in ast.walk(fn):
            if isinstance(n, ast.List) and n.elts and all(
                    (isinstance(e, ast.Name) and e.id in gens) or
                    (isinstance(e, ast.Call) and getattr(e.func, "id", None) in gens) for e in n.elts):
                seq = [e.id if isinstance(e, ast.Name) else e.func.id for e in n.elts]
        if seq is None:
            (only,) = gens
            seq = [only] * len(order)
        assert len(seq) == len(order), fn.name
        listeners = []
        for n in ast.walk(fn):
            if isinstance(n, ast.Call) and call_name(n) == "StreamListener":
                kws = {kw.arg: ast.literal_eval(kw.value) for kw in n.keywords}
                field = kws["signature_field_name"]
                owners = [p for p, fs in outputs.items() if field in fs]
                assert len(owners) == 1
                listeners.append({"field": field, "predictor": owners[0],
                                  "allowReuse": bool(kws.get("allow_reuse", False))})
        calls = [{"predictor": p, "tokens": gens[g]} for p, g in zip(order, seq)]

        case = {"adapter": adapter, "listeners": listeners, "calls": calls}
        expected = simulate(dspy, StreamListener, case)
        emitted = [StreamResponse(e["predictName"], e["fieldName"], e["chunk"], e["isLastChunk"]) for e in expected]
        checked = run_test_assertions(fn, emitted, dspy, StreamResponse)
        cases.append({"name": fn.name, **case, "expected": expected, "dspyAssertionsChecked": checked})

    json.dump({"source": "DSPy 3.3.1 tests/streaming/test_streaming.py (tag 3.3.1, commit "
                         "638e155cf725236fe5d01b5332394a7bc128881d) and EXTRA in extract_dspy_vectors.py; "
                         "expected chunks from DSPy's own StreamListener; regenerate with extract_dspy_vectors.py",
               "cases": cases, "couldFormEndIdentifier": end_checks},
              sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


def simulate(dspy, StreamListener, case):
    """streamify's routing: each call's deltas to its predictor's listeners, then finalize() on all."""
    listeners, calls = case["listeners"], case["calls"]
    adapter_obj = getattr(dspy, case["adapter"])()
    real = [StreamListener(signature_field_name=l["field"], allow_reuse=l["allowReuse"]) for l in listeners]
    for r, l in zip(real, listeners):
        r.predict_name = l["predictor"]
    emitted = []
    with dspy.context(adapter=adapter_obj):
        for call in calls:
            for tok in call["tokens"]:
                chunk = SimpleNamespace(choices=[SimpleNamespace(delta=SimpleNamespace(content=tok))])
                for r in real:
                    if r.predict_name == call["predictor"]:
                        if out := r.receive(chunk):
                            emitted.append(out)
        for r in real:
            if fin := r.finalize():
                emitted.append(fin)
    return [{"predictName": e.predict_name, "fieldName": e.signature_field_name,
             "chunk": e.chunk, "isLastChunk": e.is_last_chunk} for e in emitted]


def run_test_assertions(fn, emitted, dspy, StreamResponse):
    """Run the test's own statements from `output = program(...)` on, the `async for` fed with our chunks."""
    loop = next(n for n in ast.walk(fn) if isinstance(n, ast.AsyncFor))
    chain = find_parent_chain(fn, loop)
    stmts = []
    block, idx = chain[0]
    start = max(i for i in range(idx + 1) if isinstance(block[i], ast.Assign)
                and isinstance(block[i].value, ast.Call) and getattr(block[i].value.func, "id", "") == "program")
    stmts += block[start + 1:]
    for block, idx in chain[1:]:
        if block is fn.body:
            stmts += block[idx + 1:]
            break
        stmts += block[idx + 1:]
    ns = {"dspy": dspy, "StreamResponse": StreamResponse, "__simulated__": emitted, "final_prediction": None}
    checked = 0
    for st in stmts:
        if st is loop:
            st = ast.For(target=loop.target, iter=ast.Name("__simulated__", ast.Load()), body=loop.body, orelse=[])
        mod = ast.fix_missing_locations(ast.Module(body=[st], type_ignores=[]))
        try:
            exec(compile(mod, "<dspy-test>", "exec"), ns)
        except (NameError, AttributeError, TypeError):
            continue  # touches the final prediction, which this simulation does not produce
        checked += isinstance(st, ast.Assert)
    assert checked > 0, fn.name
    return checked


if __name__ == "__main__":
    main()
