"""The benchmark runs through the public API and meets the quality bar."""
import importlib.util
import json
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "normalization.py"


def test_benchmark_accuracy(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("normalization_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = tmp_path / "result.json"
    assert bench.main(["--json", str(out)]) == 0
    kinds = json.loads(out.read_text(encoding="utf-8"))["kinds"]
    minimum = {"time": 50, "duration": 35, "actor": 45, "place": 25}
    for kind, n in minimum.items():
        assert kinds[kind]["cases"] >= n
        assert kinds[kind]["accuracy"] >= 0.95, kind
    assert "accuracy" in capsys.readouterr().out
