"""Throughput benchmark: end-to-end extraction words/s, peak memory, scaling.

Runs each configuration in a fresh process, so its peak memory is its own.
With worker processes the peak is of the sum over the process and its workers,
as RSS (which counts a page that forked workers share with the parent once per
process: an upper bound) and as PSS (which splits shared pages: the real cost):
- the bare tokenizer pass over the same text (the ceiling),
- end-to-end extraction (read → pipeline → validated records → JSON Lines) at
  1×, 2× and 4× the input with one process, and at 1× and 4× with --n-process 2
  (the 1× runs of both `--repeat` times, in turns, reporting the median), as
  `eventx extract` runs by default (int8 transformer); and at 1× in float32
  (--no-int8), for comparison;
- one 1 MB article (the seed article's paragraphs repeated), for the memory
  of a single long document.

Usage:
    python bench/throughput.py [--model DIR] [--input FILE.jsonl] [--scales 1 2 4] [--repeat 3] [--json OUT.json]
Words are whitespace-separated words of the input text.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "data" / "gsr_sentences.jsonl"


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024.0


def _tree_kb(pid: int) -> tuple:
    """(RSS, PSS) of a process and all its descendants (Linux /proc), in KB.

    RSS counts a page shared by several processes (a forked worker's copy of
    the model weights) once per process; PSS splits it between them, so the sum
    of PSS is the memory the tree costs the machine.
    """
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                for child in f.read().split():
                    child_rss, child_pss = _tree_kb(int(child))
                    rss, pss = rss + child_rss, pss + child_pss
    except (OSError, ValueError):
        pass  # the process ended while we looked
    return rss, pss


class TreePeak:
    """Samples the memory of this process and its worker processes together:
    what a run costs the machine (ru_maxrss sees one process at a time)."""

    def __init__(self, every: float = 0.1):
        self.peak_rss_kb = self.peak_pss_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)

    def _run(self, every):
        while not self._stop.is_set():
            rss, pss = _tree_kb(os.getpid())
            self.peak_rss_kb, self.peak_pss_kb = max(self.peak_rss_kb, rss), max(self.peak_pss_kb, pss)
            time.sleep(every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def scaled_input(path: Path, scale: int, tmp: Path) -> Path:
    """The input repeated `scale` times, with unique ids."""
    out = tmp / f"input_x{scale}.jsonl"
    lines = [json.loads(l) for l in path.open(encoding="utf8") if l.strip()]
    with open(out, "w", encoding="utf8") as f:
        for k in range(scale):
            for row in lines:
                f.write(json.dumps({**row, "id": f"{row['id']}#{k}"}, ensure_ascii=False) + "\n")
    return out


def long_article(megabytes: float, tmp: Path) -> Path:
    """One .txt article of about `megabytes` MB: the seed article's paragraphs over and over."""
    article = (REPO / "seeds" / "seed_article.txt").read_text(encoding="utf8").rstrip("\n") + "\n\n"
    copies = int(megabytes * 1_000_000 // len(article.encode("utf8"))) + 1
    out = tmp / "long_article.txt"
    out.write_text(article * copies, encoding="utf8")
    return out


def worker(args) -> dict:
    sys.path.insert(0, str(REPO / "src"))
    from eventx.batch import OutputPaths, run_extraction
    from eventx.io.inputs import InputDoc, read_inputs
    from eventx.loading import load_pipeline

    nlp = load_pipeline(args.model)
    if args.mode == "tokenizer":
        texts = [item.text for item in read_inputs([args.input]) if isinstance(item, InputDoc)]
        words = sum(len(t.split()) for t in texts)
        start = time.perf_counter()
        for text in texts:
            nlp.make_doc(text)
        seconds = time.perf_counter() - start
        return {"mode": "tokenizer", "words": words, "seconds": seconds, "words_per_s": words / seconds,
                "peak_rss_mb": peak_rss_mb()}
    with tempfile.TemporaryDirectory() as tmp:
        paths = OutputPaths.for_output(Path(tmp) / "out.jsonl")
        with TreePeak() as tree:
            start = time.perf_counter()
            summary = run_extraction(nlp, read_inputs([args.input]), paths, n_process=args.n_process,
                                     batch_size=args.batch_size, int8=args.int8)
            seconds = time.perf_counter() - start
    words = summary.words  # counted as the run streams: the input is never held whole
    return {"mode": "extract", "n_process": args.n_process, "int8": args.int8, "docs": summary.processed, "events": summary.events,
            "words": words, "seconds": seconds, "words_per_s": words / seconds,
            "peak_rss_mb": max(peak_rss_mb(), tree.peak_rss_kb / 1024.0), "peak_pss_mb": tree.peak_pss_kb / 1024.0}


def median_run(runs: list) -> dict:
    """The run with the median words/s (the lower middle one of an even count)."""
    ranked = sorted(runs, key=lambda r: r["words_per_s"])
    return ranked[(len(ranked) - 1) // 2]


def run_worker(model, input_path, mode, *, n_process=1, batch_size=64, int8=True) -> dict:
    cmd = [sys.executable, __file__, "--worker", "--mode", mode, "--input", str(input_path),
           "--n-process", str(n_process), "--batch-size", str(batch_size)] + ([] if int8 else ["--no-int8"])
    if model:
        cmd += ["--model", model]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--input", default=str(DEFAULT_INPUT))
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each 1x extraction (the median is reported).")
    parser.add_argument("--long-mb", type=float, default=1.0, help="Also time one article of this size (0: skip).")
    parser.add_argument("--no-int8", dest="int8", action="store_false", help=argparse.SUPPRESS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="extract", help=argparse.SUPPRESS)
    parser.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return
    results = []
    args.scales = sorted(set(args.scales) | {1})  # 1x is the reference of every ratio
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.input)
        ceiling = run_worker(args.model, base, "tokenizer")
        results.append({"run": "tokenizer only (ceiling), 1x", **ceiling})
        # 1x, one process and two, in turns, `--repeat` times: the median of each
        # (a 1x run lasts 20 to 40 s, and this machine's timings spread by about
        # 10% from run to run; taking turns spreads any drift over both).
        ones, twos = [], []
        for _ in range(args.repeat):
            ones.append(run_worker(args.model, base, "extract", batch_size=args.batch_size))
            twos.append(run_worker(args.model, base, "extract", n_process=2, batch_size=args.batch_size))
        for name, runs in (("extract, 1x, 1 process", ones), ("extract, 1x, 2 processes", twos)):
            results.append({"run": name, **median_run(runs), "words_per_s_runs": [r["words_per_s"] for r in runs]})
        for scale in args.scales[1:]:
            path = scaled_input(base, scale, Path(tmp))
            results.append({"run": f"extract, {scale}x, 1 process",
                            **run_worker(args.model, path, "extract", batch_size=args.batch_size)})
        # --n-process 2 also at the largest scale: a fixed start-up cost weighs on
        # a short run, not on an archive.
        top = max(args.scales)
        if top > 1:
            results.append({"run": f"extract, {top}x, 2 processes",
                            **run_worker(args.model, Path(tmp) / f"input_x{top}.jsonl", "extract", n_process=2,
                                         batch_size=args.batch_size)})
        results.append({"run": "extract, 1x, 1 process, float32",
                        **run_worker(args.model, base, "extract", batch_size=args.batch_size, int8=False)})
        if args.long_mb:
            results.append({"run": f"one {args.long_mb:g} MB article",
                            **run_worker(args.model, long_article(args.long_mb, Path(tmp)), "extract")})
    one = next(r for r in results if r["run"] == "extract, 1x, 1 process")
    two = next(r for r in results if r["run"] == "extract, 1x, 2 processes")
    top = max(args.scales)
    one_top = next(r for r in results if r["run"] == f"extract, {top}x, 1 process")
    two_top = next(r for r in results if r["run"] == f"extract, {top}x, 2 processes")
    print(f"{'run':<32}{'words':>10}{'seconds':>10}{'words/s':>10}{'peak RSS MB':>13}{'peak PSS MB':>13}")
    for r in results:
        pss = f"{r['peak_pss_mb']:>13.0f}" if "peak_pss_mb" in r else ""
        print(f"{r['run']:<32}{r['words']:>10}{r['seconds']:>10.1f}{r['words_per_s']:>10.0f}{r['peak_rss_mb']:>13.0f}{pss}")
    print(f"\n1x runs, words/s: 1 process {[round(w) for w in one['words_per_s_runs']]}, "
          f"2 processes {[round(w) for w in two['words_per_s_runs']]} (medians above)")
    print(f"end-to-end / tokenizer ceiling: {one['words_per_s'] / ceiling['words_per_s']:.3f}")
    speedups = {f"{scale}x": pair[1]["words_per_s"] / pair[0]["words_per_s"]
                for scale, pair in ((1, (one, two)), (top, (one_top, two_top)))}
    for scale, ratio in speedups.items():
        print(f"2 processes / 1 process, {scale} input: {ratio:.2f}x  (cores: {os.cpu_count()})")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "ceiling_ratio": one["words_per_s"] / ceiling["words_per_s"],
                                         "speedup_2_processes": speedups}, indent=2) + "\n")


if __name__ == "__main__":
    main()
