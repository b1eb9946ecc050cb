"""Compare two pipelines on the same gold set, with a paired bootstrap.

On a few hundred events, two trainings of one config differ by several F1
points; this says whether B's gain over A is larger than the sample's noise.
Both pipelines run as `eventx extract` runs them (int8 transformer unless
--no-int8); the documents are resampled 1,000 times and both are scored on
every resample.

Usage: python bench/compare_models.py MODEL_A MODEL_B GOLD.jsonl... [--json OUT] [--no-int8]
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
from eventx.scoring import INTERVAL_METRICS, doc_events_in_chars, document_counts, paired_bootstrap  # noqa: E402


def predictions(model: str, texts, int8: bool):
    nlp = load_for_inference(model, int8=int8)
    return [doc_events_in_chars(doc) for doc in nlp.pipe(texts, batch_size=64)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model_a")
    parser.add_argument("model_b")
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--json", type=Path, help="also write the comparison as JSON here")
    parser.add_argument("--no-int8", dest="int8", action="store_false", help="run the transformers in float32")
    args = parser.parse_args()
    anns = [ann for path in args.gold for _, ann in read_annotations(path)]
    gold = [gold_events(ann) for ann in anns]
    texts = [ann.text for ann in anns]
    counts = [document_counts(zip(predictions(m, texts, args.int8), gold)) for m in (args.model_a, args.model_b)]
    result = paired_bootstrap(*counts)
    print(f"A = {args.model_a}\nB = {args.model_b}\non {len(anns)} documents of {', '.join(map(str, args.gold))}\n")
    print(f"{'metric':<16}{'B - A':>8}   95% interval   B better in")
    for name in INTERVAL_METRICS:
        r = result[name]
        print(f"{name:<16}{100 * r['diff']:>+8.1f}   {100 * r['low']:+.1f} to {100 * r['high']:+.1f}"
              f"   {100 * r['b_better']:.0f}% of resamples")
    if args.json:
        args.json.write_text(json.dumps({"a": args.model_a, "b": args.model_b, "gold": [str(p) for p in args.gold],
                                         "n_docs": len(anns), **result}, indent=2) + "\n", encoding="utf8")


if __name__ == "__main__":
    main()
