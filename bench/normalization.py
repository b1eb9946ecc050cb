"""Run every case in bench/normalization_cases.jsonl through the public API.

    PYTHONPATH=src python bench/normalization.py [--cases PATH] [--json OUT] [--show-errors]

A case is correct when every field named in its `expected` object equals the
returned value's field (for time: value and mod; for actors: country and
sector; for places: name and country), or when `expected` is null and the
API returns no value (None, or value None). Prints accuracy per kind and
always exits 0: the numbers, not the exit code, are the result.
"""
import argparse
import datetime
import json
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

from eventx.normalize import (
    Gazetteer,
    lookup_actor,
    lookup_place,
    normalize_duration,
    normalize_time,
    restore_fused_article,
)

HERE = Path(__file__).parent


def run_case(case: Dict[str, Any], gazetteer: Gazetteer) -> Optional[Dict[str, Any]]:
    """Return the API's answer for one case as a plain dict (None for no answer)."""
    kind = case["kind"]
    if kind == "time":
        doc_date = case.get("doc_date")
        doc_date = datetime.date.fromisoformat(doc_date) if doc_date else None
        got = normalize_time(case["text"], doc_date=doc_date, past_tense=case.get("past_tense"))
    elif kind == "duration":
        got = normalize_duration(case["text"])
    elif kind == "actor":
        got = lookup_actor(case["text"], gazetteer=gazetteer)
    elif kind == "place":
        got = lookup_place(case["text"], gazetteer=gazetteer)
    elif kind == "restore":
        marked = case["marked"]
        start = marked.index("[")
        end = marked.index("]") - 1
        text = marked.replace("[", "").replace("]", "")
        return {"restored": restore_fused_article(text, start, end)}
    else:
        raise ValueError(f"Unknown case kind {kind!r} in {case}")
    return None if got is None else got.model_dump()


def is_correct(case: Dict[str, Any], got: Optional[Dict[str, Any]]) -> bool:
    expected = case["expected"]
    if case["kind"] == "restore":
        return got["restored"] == expected
    if expected is None:
        return got is None
    if got is None:
        return False
    if "value" in expected and expected["value"] is None:
        return got.get("value") is None
    return all(got.get(field) == want for field, want in expected.items())


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=HERE / "normalization_cases.jsonl")
    parser.add_argument("--json", type=Path, default=None, help="write per-kind results and errors here")
    parser.add_argument("--show-errors", action="store_true", help="list the failing cases")
    args = parser.parse_args(argv)

    cases = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    gazetteer = Gazetteer.default()
    totals: Dict[str, Dict[str, int]] = {}
    errors: List[Dict[str, Any]] = []
    started = time.perf_counter()
    for case in cases:
        got = run_case(case, gazetteer)
        ok = is_correct(case, got)
        row = totals.setdefault(case["kind"], {"cases": 0, "correct": 0})
        row["cases"] += 1
        row["correct"] += ok
        if not ok:
            errors.append({"case": case, "got": got})
    elapsed = time.perf_counter() - started

    print(f"{'kind':<10} {'cases':>6} {'correct':>8} {'accuracy':>9}")
    for kind, row in totals.items():
        row["accuracy"] = round(row["correct"] / row["cases"], 4)
        print(f"{kind:<10} {row['cases']:>6} {row['correct']:>8} {row['accuracy']:>9.1%}")
    n, c = len(cases), sum(r["correct"] for r in totals.values())
    print(f"{'all':<10} {n:>6} {c:>8} {c / max(n, 1):>9.1%}   ({elapsed * 1000:.0f} ms)")
    if args.show_errors:
        for err in errors:
            case = err["case"]
            print(f"- {case['kind']}: {case.get('text', case.get('marked'))!r} expected {case['expected']} got {err['got']}")
    if args.json:
        args.json.write_text(json.dumps({"kinds": totals, "errors": errors}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
