"""Score an ensemble of pipelines trained with different seeds: how much of the seed spread averaging removes.

The ensemble is built as `eventx ensemble` builds it (src/eventx/ensemble.py: the trigger taggers and the
argument linkers of all pipelines averaged), into a temporary folder; its argument tag probabilities are then
decoded with each O bias of a grid. The pipelines must share the tokenizer, types and roles. Pipelines run as
`eventx extract` runs them (int8 transformer unless --no-int8). With --compare, a paired bootstrap against the
first pipeline alone, at its own O bias and at the ensemble's best one on the first gold set.

Usage: python bench/ensemble.py MODEL MODEL... --gold GOLD.jsonl... [--compare] [--json OUT] [--no-int8]
"""
import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from compare_models import predictions  # noqa: E402

from eventx.corpus.reader import read_annotations  # noqa: E402
from eventx.ensemble import ensemble_pipelines  # noqa: E402
from eventx.evaluate import gold_events  # noqa: E402
from eventx.loading import load_pipeline  # noqa: E402
from eventx.quantize import quantize_int8  # noqa: E402
from eventx.scoring import (INTERVAL_METRICS, doc_events_in_chars, document_counts,  # noqa: E402
                            paired_bootstrap, score_events)

O_BIASES = [-0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
LINKER = "eventx_arguments"


def build_ensemble(models, folder: Path):
    """The models averaged in one pipeline saved under folder, loaded."""
    ensemble_pipelines(Path(models[0]), [Path(m) for m in models[1:]], folder, version="0.0.0+bench")
    return load_pipeline(str(folder))


def linker_outputs(nlp, texts):
    """RETURNS the docs with their (averaged) triggers set, and the linker's (averaged) outputs,
    to decode with any O bias."""
    docs = list(nlp.pipe(texts, disable=[LINKER], batch_size=64))
    return docs, nlp.get_pipe(LINKER).predict(docs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--gold", type=Path, nargs="+", required=True)
    parser.add_argument("--compare", action="store_true", help="paired bootstrap against the first pipeline")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-int8", dest="int8", action="store_false")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        nlp = build_ensemble(args.models, Path(tmp) / "ensemble")
    if args.int8:
        quantize_int8(nlp)
    linker = nlp.get_pipe(LINKER)
    report = {"models": args.models, "sets": {}}
    best_bias = None
    for gold_path in args.gold:
        anns = [ann for _, ann in read_annotations(gold_path)]
        gold = [gold_events(a) for a in anns]
        texts = [a.text for a in anns]
        docs, outputs = linker_outputs(nlp, texts)
        grid = {}
        print(f"ensemble of {len(args.models)} on {gold_path} ({len(anns)} documents)")
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
