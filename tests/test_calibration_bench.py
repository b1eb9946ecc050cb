"""bench/calibration.py: what a confidence filter keeps, scored as ANNOTATION.md §6 scores it."""
import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "calibration.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("calibration_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def event(start, confidence, arguments=(), etype="MEET"):
    return {"type": etype, "start": start, "end": start + 5, "confidence": confidence,
            "arguments": [{"role": role, "start": s, "end": s + 3, "confidence": c} for role, s, c in arguments]}


def test_rows_count_what_each_threshold_keeps():
    bench = load_bench()
    predicted = [[event(0, 0.95, [("agent", 10, 0.9), ("place", 20, 0.4)]), event(30, 0.6)],
                 [event(0, 0.55, [("agent", 10, 0.8)])]]
    gold = [[{k: v for k, v in event(0, 0, [("agent", 10, 0), ("place", 20, 0)]).items() if k != "confidence"}],
            []]
    table = bench.calibration(predicted, gold, thresholds=[0.0, 0.9])
    everything, sure = table["events"]
    assert (everything["kept"], everything["p"], everything["r"]) == (3, 33.3, 100.0)
    assert (sure["kept"], sure["p"], sure["r"]) == (1, 100.0, 100.0)
    all_args, sure_args = table["arguments"]
    assert (all_args["kept"], all_args["p"], all_args["r"]) == (3, 66.7, 100.0)
    assert (sure_args["kept"], sure_args["p"], sure_args["r"]) == (1, 100.0, 50.0)
