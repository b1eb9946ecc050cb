"""bench/ensemble.py: averaging the scores of pipelines, then decoding once."""
import importlib.util
from pathlib import Path

from eventx.scoring import doc_events_in_chars

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench" / "ensemble.py"


def _bench():
    spec = importlib.util.spec_from_file_location("ensemble_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_an_ensemble_of_one_pipeline_twice_decodes_as_the_pipeline_alone(default_nlp):
    text = (REPO / "seeds" / "seed_article.txt").read_text(encoding="utf8")
    texts = [p for p in text.split("\n") if p.strip()]
    expected = [doc_events_in_chars(doc) for doc in default_nlp.pipe(texts)]
    docs, outputs = _bench().ensemble_scores([default_nlp, default_nlp], texts)
    default_nlp.get_pipe("eventx_arguments").set_annotations(docs, outputs)
    got = [doc_events_in_chars(doc) for doc in docs]
    assert sum(len(events) for events in expected) >= 10
    assert any(ev["arguments"] for events in expected for ev in events)
    assert got == expected
