"""Compare the extraction speed of several pipelines, in alternating runs.

Each run is `eventx extract`'s code path (int8, one process) in a fresh process
(bench/throughput.py's worker), over the same input. The models take turns,
`--rounds` times, so a drift of the machine's speed weighs on all of them
alike; the median of each model's runs is reported, with its ratio to the
first model's.

Usage: python bench/compare_speed.py MODEL_A MODEL_B... [--input FILE.jsonl] [--rounds 3] [--out FILE.txt]
"""
import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import DEFAULT_INPUT, run_worker  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--input", default=str(DEFAULT_INPUT))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write the report here")
    args = parser.parse_args()
    runs = {m: [] for m in args.models}
    lines = []
    for _ in range(args.rounds):
        for model in args.models:
            r = run_worker(model, args.input, "extract")
            runs[model].append(r)
            lines.append(f"{model} {r['words_per_s']:.0f} words/s, peak RSS {r['peak_rss_mb']:.0f} MB")
            print(lines[-1], flush=True)
    first = statistics.median(r["words_per_s"] for r in runs[args.models[0]])
    for model in args.models:
        speeds = [r["words_per_s"] for r in runs[model]]
        med = statistics.median(speeds)
        lines.append(f"{model} median {med:.0f} words/s, ratio to first {med / first:.3f}, "
                     f"runs {[round(s) for s in speeds]}, peak RSS {max(r['peak_rss_mb'] for r in runs[model]):.0f} MB")
        print(lines[-1])
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
