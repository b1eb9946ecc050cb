"""Score an ensemble of pipelines trained with different seeds: how much of the seed spread averaging removes.

Every pipeline reads the same text; the trigger scores of all of them are averaged and decoded once, the
arguments are then scored by every linker on those triggers and their tag probabilities averaged before the
Viterbi decoding (with each O bias of a grid). The pipelines must share the tokenizer (same tokens, same
argument windows). Pipelines run as `eventx extract` runs them (int8 transformer unless --no-int8). With
--compare, a paired bootstrap against the first pipeline alone, at each one's own O bias and the ensemble's
best one on the first gold set.

Usage: python bench/ensemble.py MODEL MODEL... --gold GOLD.jsonl... [--compare] [--json OUT] [--no-int8]
"""
import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from compare_models import predictions  # noqa: E402

from eventx.corpus.reader import read_annotations  # noqa: E402
from eventx.evaluate import gold_events  # noqa: E402
from eventx.loading import load_pipeline  # noqa: E402
from eventx.pipeline.events import get_events, set_events  # noqa: E402
from eventx.quantize import quantize_int8  # noqa: E402
from eventx.scoring import (INTERVAL_METRICS, doc_events_in_chars, document_counts,  # noqa: E402
                            paired_bootstrap, score_events)

O_BIASES = [-0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
STAGES = ("eventx_triggers", "eventx_arguments")


def ensemble_scores(nlps, texts):
    """RETURNS the first pipeline's docs with the averaged triggers set, and the averaged argument outputs."""
    docs = [list(nlp.pipe(texts, disable=list(STAGES), batch_size=64)) for nlp in nlps]
    for other in docs[1:]:
        if any([t.idx for t in a] != [t.idx for t in b] for a, b in zip(docs[0], other)):
            raise SystemExit("the pipelines tokenize differently; an ensemble needs one tokenizer")
    trig_scores = [nlp.get_pipe(STAGES[0]).predict(d) for nlp, d in zip(nlps, docs)]
    to_numpy = nlps[0].get_pipe(STAGES[0]).model.ops.to_numpy
    mean_trig = [sum(to_numpy(s[i]) for s in trig_scores) / len(nlps) for i in range(len(texts))]
    nlps[0].get_pipe(STAGES[0]).set_annotations(docs[0], mean_trig)
    for other in docs[1:]:
        for a, b in zip(docs[0], other):
            set_events(b, [dict(ev, arguments=[]) for ev in get_events(a)])
    outputs = [nlp.get_pipe(STAGES[1]).predict(d) for nlp, d in zip(nlps, docs)]
    ops = nlps[0].get_pipe(STAGES[1]).model.ops
    instances = outputs[0][1]
    for _, other in outputs[1:]:
        if not (other.shape == instances.shape and (other == instances).all()):
            raise SystemExit("the argument linkers disagree on their candidate windows (max_distance)")
    mean_args = sum(ops.to_numpy(s) for s, _ in outputs) / len(nlps)
    return docs[0], (mean_args, instances)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--gold", type=Path, nargs="+", required=True)
    parser.add_argument("--compare", action="store_true", help="paired bootstrap against the first pipeline")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-int8", dest="int8", action="store_false")
    args = parser.parse_args()
    nlps = [load_pipeline(m) for m in args.models]
    if args.int8:
        for nlp in nlps:
            quantize_int8(nlp)
    linker = nlps[0].get_pipe(STAGES[1])
    report = {"models": args.models, "sets": {}}
    best_bias = None
    for gold_path in args.gold:
        anns = [ann for _, ann in read_annotations(gold_path)]
        gold = [gold_events(a) for a in anns]
        texts = [a.text for a in anns]
        docs, outputs = ensemble_scores(nlps, texts)
        grid = {}
        print(f"ensemble of {len(nlps)} on {gold_path} ({len(anns)} documents)")
        for bias in O_BIASES:
            linker.cfg["o_bias"] = bias
            linker.set_annotations(docs, outputs)
            s = score_events(zip([doc_events_in_chars(d) for d in docs], gold))
            grid[bias] = {k: round(100 * s[k]["f"], 2) for k in ("trigger_c", "arg_c", "arg_c_relaxed")}
            print(f"  o_bias {bias:+.1f}: trigger-C {grid[bias]['trigger_c']:.1f}  arg-C {grid[bias]['arg_c']:.1f}"
                  f"  relaxed {grid[bias]['arg_c_relaxed']:.1f}")
        if best_bias is None:  # the O bias is chosen on the first gold set (dev) and kept for the others
            best_bias = max(grid, key=lambda b: (grid[b]["arg_c"], -abs(b)))
        entry = {"grid": grid, "o_bias": best_bias, "scores": grid[best_bias]}
        print(f"  at o_bias {best_bias} (chosen on {args.gold[0]}): {grid[best_bias]}")
        if args.compare:
            linker.cfg["o_bias"] = best_bias
            linker.set_annotations(docs, outputs)
            ens = document_counts(zip([doc_events_in_chars(d) for d in docs], gold))
            alone = document_counts(zip(predictions(args.models[0], texts, args.int8), gold))
            result = paired_bootstrap(alone, ens)
            print(f"  ensemble - {args.models[0]} alone:")
            for name in INTERVAL_METRICS:
                r = result[name]
                print(f"    {name:<16}{100 * r['diff']:>+6.1f}   {100 * r['low']:+.1f} to {100 * r['high']:+.1f}"
                      f"   ensemble better in {100 * r['b_better']:.0f}% of resamples")
            entry["paired_against_first"] = result
        report["sets"][str(gold_path)] = entry
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf8")


if __name__ == "__main__":
    main()
