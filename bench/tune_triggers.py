"""Pick the trigger tagger's O bias on the dev set.

The trigger tagger takes each token's most probable tag after adding o_bias to
the log probability of O (as the argument linker does): above 0 it finds fewer,
surer triggers, below 0 more. This script runs the pipeline up to the tagger once, then for each
bias on a grid decodes the stored trigger scores, links the arguments of the
triggers found, and scores trigger-C (and argument-C) F1. With --write the best
bias (trigger-C F1; ties to the smaller |bias|) is saved into the tagger's cfg.
The pipeline runs as `eventx extract` runs it: int8 transformer unless --no-int8.
Extra gold files (--also) are scored at every bias too, e.g. a real-news subset.

Usage: python bench/tune_triggers.py MODEL DEV.jsonl [--also GOLD.jsonl] [--write] [--no-int8]
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
from eventx.quantize import load_for_inference  # noqa: E402
from eventx.scoring import doc_events_in_chars, score_events  # noqa: E402

O_BIASES = [-2.0, -1.75, -1.5, -1.25, -1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0]
TRIGGERS, ARGUMENTS = "eventx_triggers", "eventx_arguments"


def scores_by_bias(nlp, path: Path):
    """{bias: score_events result} for the gold file at path."""
    anns = [ann for _, ann in read_annotations(path)]
    tagger, linker = nlp.get_pipe(TRIGGERS), nlp.get_pipe(ARGUMENTS)
    docs = list(nlp.pipe((a.text for a in anns), disable=[TRIGGERS, ARGUMENTS]))
    trigger_scores = tagger.predict(docs)
    results = {}
    for bias in O_BIASES:
        tagger.cfg["o_bias"] = bias
        tagger.set_annotations(docs, trigger_scores)
        linker.set_annotations(docs, linker.predict(docs))
        results[bias] = score_events((doc_events_in_chars(d), gold_events(a)) for d, a in zip(docs, anns))
    tagger.cfg["o_bias"] = 0.0
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model")
    parser.add_argument("dev", type=Path)
    parser.add_argument("--also", type=Path, action="append", default=[], help="another gold file to score")
    parser.add_argument("--write", action="store_true", help="save the best bias into the model")
    parser.add_argument("--no-int8", dest="int8", action="store_false", help="run the transformer in float32")
    parser.add_argument("--json", type=Path, help="write every score to this file")
    args = parser.parse_args()
    nlp = load_for_inference(args.model, int8=args.int8)
    table = {}
    for path in [args.dev, *args.also]:
        results = scores_by_bias(nlp, path)
        table[str(path)] = {str(b): {k: round(100 * r[k]["f"], 2) for k in ("trigger_c", "arg_c")}
                            for b, r in results.items()}
        print(f"== {path}")
        for bias, r in results.items():
            t, a = r["trigger_c"], r["arg_c"]
            print(f"o_bias {bias:+.2f}: trigger-C P {100 * t['p']:.1f} R {100 * t['r']:.1f} F1 {100 * t['f']:.1f}"
                  f" | arg-C F1 {100 * a['f']:.1f}")
        if path == args.dev:
            best = max(results, key=lambda b: (results[b]["trigger_c"]["f"], -abs(b)))
            print(f"best on {path}: o_bias {best} (trigger-C F1 {100 * results[best]['trigger_c']['f']:.1f})")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.write:  # into a freshly loaded copy: a quantized pipeline cannot be saved
        nlp = load_pipeline(args.model)
        nlp.get_pipe(TRIGGERS).cfg["o_bias"] = best
        nlp.to_disk(args.model)
        print(f"saved into {args.model}")


if __name__ == "__main__":
    main()
