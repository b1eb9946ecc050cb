"""How precise are the events kept above a confidence threshold?

Analysts who count events often want fewer, surer ones: a dashboard filter such
as `confidence >= 0.9` on the events table (or `arguments.confidence` on the
arguments table). This script measures what such a filter buys on annotated
text: the pipeline runs once (as `eventx extract` runs it: batches of 64
documents, int8 transformer unless --no-int8), then for each threshold

- events: the events whose confidence reaches it, with all their arguments:
  trigger-C precision, recall and F1 (ANNOTATION.md §6);
- arguments: the arguments whose own confidence reaches it, on every event:
  argument-C precision, recall and F1.

Usage: python bench/calibration.py MODEL GOLD.jsonl... [--json OUT] [--no-int8]
"""
import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from eventx.corpus.reader import read_annotations  # noqa: E402
from eventx.evaluate import gold_events  # noqa: E402
from eventx.quantize import load_for_inference  # noqa: E402
from eventx.scoring import doc_events_in_chars, score_events  # noqa: E402

THRESHOLDS = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]


def keep_events(events, threshold):
    return [ev for ev in events if ev["confidence"] >= threshold]


def keep_arguments(events, threshold):
    return [{**ev, "arguments": [a for a in ev["arguments"] if a["confidence"] >= threshold]} for ev in events]


def calibration(predicted, gold, thresholds=THRESHOLDS):
    """{"events": [...], "arguments": [...]}: one row per threshold with kept, P, R, F1 (percent)."""
    table = {"events": [], "arguments": []}
    for threshold in thresholds:
        for name, keep, metric in (("events", keep_events, "trigger_c"), ("arguments", keep_arguments, "arg_c")):
            kept = [keep(events, threshold) for events in predicted]
            prf = score_events(zip(kept, gold))[metric]
            n = sum(len(k) for k in kept) if name == "events" else sum(len(e["arguments"]) for k in kept for e in k)
            table[name].append({"threshold": threshold, "kept": n, **{k: round(100 * prf[k], 1) for k in "prf"}})
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model")
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--no-int8", dest="int8", action="store_false", help="run the transformer in float32")
    parser.add_argument("--json", type=Path, help="also write the table here")
    args = parser.parse_args()
    nlp = load_for_inference(args.model, int8=args.int8)
    anns = [ann for path in args.gold for _, ann in read_annotations(path)]
    predicted = [doc_events_in_chars(doc, confidence=True) for doc in nlp.pipe((a.text for a in anns), batch_size=64)]
    gold = [gold_events(a) for a in anns]
    table = calibration(predicted, gold)
    n_events = sum(len(g) for g in gold)
    n_args = sum(len(e["arguments"]) for g in gold for e in g)
    print(f"{len(anns)} documents, {n_events} gold events, {n_args} gold arguments")
    for name, unit in (("events", "trigger-C"), ("arguments", "argument-C")):
        print(f"\n{name} kept at confidence >= t ({unit}):\n   t    kept     P      R      F1")
        for row in table[name]:
            print(f"  {row['threshold']:.2f}  {row['kept']:5d}  {row['p']:5.1f}  {row['r']:5.1f}  {row['f']:5.1f}")
    if args.json:
        meta = {"model": args.model, "gold": [str(p) for p in args.gold], "int8": args.int8}
        args.json.write_text(json.dumps({**meta, **table}, indent=2) + "\n", encoding="utf8")


if __name__ == "__main__":
    main()
