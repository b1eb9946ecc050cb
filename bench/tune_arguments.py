"""Pick the argument linker's decision threshold on the dev set.

An argument span starts only where its first tag is at least `threshold`
likely (a higher threshold trades recall for precision), and extends over the
next token while that token's B or I tags of the span's role are together at
least `extend_threshold` likely. This script runs the pipeline over the dev set
once, decodes the stored scores on a grid of both, and (with --write) saves the
best pair into the pipeline's eventx_arguments cfg. The pipeline runs as
`eventx extract` runs it: with an int8 transformer unless --no-int8.

Usage: python bench/tune_arguments.py MODEL DEV.jsonl [--write] [--no-int8]
"""
import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from eventx.corpus.reader import read_annotations  # noqa: E402
from eventx.evaluate import gold_events  # noqa: E402
from eventx.loading import load_pipeline  # noqa: E402
from eventx.quantize import quantize_int8  # noqa: E402
from eventx.scoring import doc_events_in_chars, score_events  # noqa: E402

THRESHOLDS = [0.0, 0.4, 0.5, 0.6, 0.7, 0.8]
EXTEND_THRESHOLDS = [1.0, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model")
    parser.add_argument("dev", type=Path)
    parser.add_argument("--write", action="store_true", help="save the best threshold into the model")
    parser.add_argument("--no-int8", dest="int8", action="store_false", help="run the transformer in float32")
    args = parser.parse_args()
    nlp = load_pipeline(args.model)
    if args.int8:
        quantize_int8(nlp)
    linker = nlp.get_pipe("eventx_arguments")
    anns = [ann for _, ann in read_annotations(args.dev)]
    # Run everything up to the linker once; decode the linker's scores per threshold.
    docs = list(nlp.pipe((a.text for a in anns), disable=["eventx_arguments"]))
    outputs = linker.predict(docs)
    results = {}
    for threshold in THRESHOLDS:
        for extend in EXTEND_THRESHOLDS:
            linker.cfg["threshold"], linker.cfg["extend_threshold"] = threshold, extend
            linker.set_annotations(docs, outputs)
            s = score_events((doc_events_in_chars(d), gold_events(a)) for d, a in zip(docs, anns))
            results[(threshold, extend)] = s["arg_c"]
            print(f"threshold {threshold:.2f} extend {extend:.2f}: arg-C P {100 * s['arg_c']['p']:.1f} "
                  f"R {100 * s['arg_c']['r']:.1f} F1 {100 * s['arg_c']['f']:.1f}")
    best = max(results, key=lambda k: (results[k]["f"], -k[0], k[1]))
    print(f"best on {args.dev}: threshold {best[0]}, extend_threshold {best[1]} "
          f"(arg-C F1 {100 * results[best]['f']:.1f})")
    if args.write:  # into a freshly loaded copy: a quantized pipeline cannot be saved
        nlp = load_pipeline(args.model)
        nlp.get_pipe("eventx_arguments").cfg.update(threshold=best[0], extend_threshold=best[1])
        nlp.to_disk(args.model)
        print(f"saved into {args.model}")
    print(json.dumps({f"{t},{e}": round(100 * r["f"], 2) for (t, e), r in results.items()}))


if __name__ == "__main__":
    main()
