"""bench/ensemble.py: averaging the scores of pipelines, then decoding once."""
import importlib.util
from pathlib import Path

from eventx.scoring import doc_events_in_chars

from ..conftest import DEFAULT_MODEL

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench" / "ensemble.py"


def _bench():
    spec = importlib.util.spec_from_file_location("ensemble_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_an_ensemble_of_one_pipeline_twice_decodes_as_the_pipeline_alone(default_nlp, tmp_path):
    text = (REPO / "seeds" / "seed_article.txt").read_text(encoding="utf8")
    texts = [p for p in text.split("\n") if p.strip()]
    expected = [doc_events_in_chars(doc) for doc in default_nlp.pipe(texts)]
    bench = _bench()
    nlp = bench.build_ensemble([DEFAULT_MODEL, DEFAULT_MODEL], tmp_path / "ens")
    docs, outputs = bench.linker_outputs(nlp, texts)
    linker = nlp.get_pipe("eventx_arguments")
    assert len(linker.model.layers) == 2 * len(default_nlp.get_pipe("eventx_arguments").model.layers)
    linker.cfg["o_bias"] = default_nlp.get_pipe("eventx_arguments").cfg["o_bias"]
    linker.set_annotations(docs, outputs)
    got = [doc_events_in_chars(doc) for doc in docs]
    assert sum(len(events) for events in expected) >= 10
    assert any(ev["arguments"] for events in expected for ev in events)
    assert got == expected
