"""Pick the argument linker's O bias on the dev set.

The linker decodes each trigger's window with Viterbi over the BIO tags; the
O bias is added to the log score of O (above 0 it trades recall for
precision). This script runs the pipeline over the dev set once, decodes the
stored scores for each bias on a grid, and (with --write) saves the best into
the pipeline's eventx_arguments cfg. The pipeline runs as `eventx extract`
runs it: with an int8 transformer unless --no-int8.

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
from eventx.quantize import load_for_inference  # noqa: E402
from eventx.scoring import doc_events_in_chars, score_events  # noqa: E402

O_BIASES = [-0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
# Keys of the per-token decoder this one replaced (models up to 0.4.0 and 0.3.0); dropped when a model is re-tuned.
OLD_KEYS = ("threshold", "extend_threshold")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model")
    parser.add_argument("dev", type=Path)
    parser.add_argument("--write", action="store_true", help="save the best bias into the model")
    parser.add_argument("--no-int8", dest="int8", action="store_false", help="run the transformer in float32")
    args = parser.parse_args()
    nlp = load_for_inference(args.model, int8=args.int8)
    linker = nlp.get_pipe("eventx_arguments")
    anns = [ann for _, ann in read_annotations(args.dev)]
    # Run everything up to the linker once; decode the linker's scores per bias.
    docs = list(nlp.pipe((a.text for a in anns), disable=["eventx_arguments"]))
    outputs = linker.predict(docs)
    results = {}
    for bias in O_BIASES:
        linker.cfg["o_bias"] = bias
        linker.set_annotations(docs, outputs)
        s = score_events((doc_events_in_chars(d), gold_events(a)) for d, a in zip(docs, anns))
        results[bias] = s["arg_c"]
        print(f"o_bias {bias:.2f}: arg-C P {100 * s['arg_c']['p']:.1f} "
              f"R {100 * s['arg_c']['r']:.1f} F1 {100 * s['arg_c']['f']:.1f}")
    best = max(results, key=lambda b: (results[b]["f"], -abs(b)))
    print(f"best on {args.dev}: o_bias {best} (arg-C F1 {100 * results[best]['f']:.1f})")
    if args.write:  # into a freshly loaded copy: a quantized pipeline cannot be saved
        nlp = load_pipeline(args.model)
        cfg = nlp.get_pipe("eventx_arguments").cfg
        for key in OLD_KEYS:
            cfg.pop(key, None)
        cfg["o_bias"] = best
        nlp.to_disk(args.model)
        print(f"saved into {args.model}")
    print(json.dumps({str(b): round(100 * r["f"], 2) for b, r in results.items()}))


if __name__ == "__main__":
    main()
