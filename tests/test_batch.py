"""Archive runs: kill -9 at any moment, --resume, and get exactly the uninterrupted output."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from eventx.batch import OutputPaths, run_extraction
from eventx.io.inputs import read_inputs
from eventx.loading import keyword_pipeline

from .conftest import SHARED

N_DOCS = 12000


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """A JSONL archive of real sentences with unique ids, and a few bad lines."""
    path = tmp_path_factory.mktemp("archive") / "archive.jsonl"
    texts = [json.loads(l)["text"] for l in (SHARED / "gsr_sentences.jsonl").open(encoding="utf8")]
    with open(path, "w", encoding="utf8") as f:
        for i in range(N_DOCS):
            if i % 1000 == 999:
                f.write("{not json\n")
            else:
                f.write(json.dumps({"id": f"doc-{i}", "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
    return path


def cli(*args):
    return [sys.executable, "-m", "eventx.cli", "extract", *args, "--model", "keywords", "--no-progress"]


def read_outputs(out):
    paths = OutputPaths.for_output(out)
    return {name: p.read_bytes() for name, p in paths.files().items()}


def test_kill_and_resume_gives_the_uninterrupted_output(archive, tmp_path):
    reference = tmp_path / "ref.jsonl"
    done = subprocess.run(cli(str(archive), "-o", str(reference)), capture_output=True, text=True)
    assert done.returncode == 3, done.stderr  # the bad lines are quarantined
    assert f"read {N_DOCS}, processed {N_DOCS - N_DOCS // 1000}, quarantined {N_DOCS // 1000}" in done.stderr

    out = tmp_path / "run.jsonl"
    checkpoint = OutputPaths.for_output(out).checkpoint
    for kill_after in (0.3, 0.6):  # two crashes, at different points
        args = cli(str(archive), "-o", str(out)) + (["--resume"] if checkpoint.exists() else [])
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline:
            state = json.loads(checkpoint.read_text()) if checkpoint.exists() else None
            if state and not state["complete"] and state["summary"]["read"] > kill_after * N_DOCS * 0.5:
                break
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    state = json.loads(checkpoint.read_text())
    assert not state["complete"]
    resumed = subprocess.run(cli(str(archive), "-o", str(out), "--resume"), capture_output=True, text=True)
    assert resumed.returncode == 3, resumed.stderr
    assert f"read {N_DOCS}, processed {N_DOCS - N_DOCS // 1000}, quarantined {N_DOCS // 1000}" in resumed.stderr
    assert read_outputs(out) == read_outputs(reference)


def test_existing_output_is_not_clobbered(tmp_path):
    out = tmp_path / "o.jsonl"
    out.write_text("precious\n")
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": "نص"}) + "\n")
    with pytest.raises(FileExistsError):
        run_extraction(keyword_pipeline(), read_inputs([str(inp)]), OutputPaths.for_output(out))
    assert out.read_text() == "precious\n"


def test_documents_table_accounts_for_every_input(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join([json.dumps({"id": "a", "text": "وقع الوزيران اتفاقية"}, ensure_ascii=False), "{bad",
                              json.dumps({"id": "c", "text": ""})]) + "\n", encoding="utf8")
    out = tmp_path / "o.jsonl"
    summary = run_extraction(keyword_pipeline(), read_inputs([str(inp)]), OutputPaths.for_output(out))
    assert (summary.read, summary.processed, summary.quarantined) == (3, 1, 2)
    docs = [json.loads(l) for l in OutputPaths.for_output(out).documents.read_text(encoding="utf8").splitlines()]
    assert [d["status"] for d in docs] == ["processed", "quarantined", "quarantined"]
    assert docs[0]["events"] == summary.events == 1


def test_long_documents_are_processed_whole(tmp_path, default_nlp):
    """A 1 MB article (keyword pipeline) and a 200 KB one (default model): no crash, no text dropped."""
    from .conftest import SEED_ARTICLE

    article = SEED_ARTICLE.read_text(encoding="utf8") + "\n"
    for nlp, copies in ((keyword_pipeline(), 1_000_000 // len(article.encode("utf8")) + 1), (default_nlp, 30)):
        text = article * copies
        inp = tmp_path / f"long{copies}.txt"
        inp.write_text(text, encoding="utf8")
        out = tmp_path / f"long{copies}.jsonl"
        summary = run_extraction(nlp, read_inputs([str(inp)]), OutputPaths.for_output(out))
        assert (summary.processed, summary.quarantined) == (1, 0)
        records = [json.loads(line) for line in out.read_text(encoding="utf8").splitlines()]
        # Events are found throughout, up to the last copy of the article.
        assert max(r["trigger"]["end"] for r in records) > len(text) - len(article)
        assert all(text[r["trigger"]["start"]:r["trigger"]["end"]] == r["trigger"]["text"] for r in records)
        assert all(text[r["sentence"]["start"]:r["sentence"]["end"]] == r["sentence"]["text"] for r in records)


def test_resume_with_a_batching_pipeline(tmp_path, default_nlp):
    """nlp.pipe reads a batch ahead of its output, and batch composition moves the
    last digits of the scores: the checkpoint must count written documents only,
    and fall on batch boundaries, for a resumed run to equal an uninterrupted one."""

    class Crash(Exception):
        pass

    def crashing(items, after):
        for k, item in enumerate(items):
            if k == after:
                raise Crash()
            yield item

    texts = [json.loads(l)["text"] for l in (SHARED / "gsr_sentences.jsonl").open(encoding="utf8")][:300]
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n"
                           for i, t in enumerate(texts)), encoding="utf8")
    settings = {"batch_size": 64, "checkpoint_every": 100}
    reference = OutputPaths.for_output(tmp_path / "ref.jsonl")
    run_extraction(default_nlp, read_inputs([str(inp)]), reference, **settings)
    out = OutputPaths.for_output(tmp_path / "out.jsonl")
    with pytest.raises(Crash):
        run_extraction(default_nlp, crashing(read_inputs([str(inp)]), 230), out, **settings)
    assert json.loads(out.checkpoint.read_text())["summary"]["read"] == 192
    run_extraction(default_nlp, read_inputs([str(inp)]), out, resume=True, **settings)
    assert read_outputs(tmp_path / "out.jsonl") == read_outputs(tmp_path / "ref.jsonl")


def test_resume_refuses_other_settings(tmp_path):
    """int8 and batch size change the records: a resumed run keeps the first run's."""
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps({"id": f"d{i}", "text": "وقع الوزيران اتفاقية."}) + "\n" for i in range(10)),
                   encoding="utf8")
    paths = OutputPaths.for_output(tmp_path / "out.jsonl")
    run_extraction(keyword_pipeline(), read_inputs([str(inp)]), paths, batch_size=4, int8=True)
    for changed in ({"batch_size": 8, "int8": True}, {"batch_size": 4, "int8": False}):
        with pytest.raises(ValueError, match="resume with the same setting"):
            run_extraction(keyword_pipeline(), read_inputs([str(inp)]), paths, resume=True, **changed)
    summary = run_extraction(keyword_pipeline(), read_inputs([str(inp)]), paths, resume=True, batch_size=4, int8=True)
    assert summary.processed == 10


def _without_scores(line):
    record = json.loads(line)
    scores = [record.pop("confidence")] + [arg.pop("confidence") for arg in record["arguments"]]
    return record, scores


@pytest.mark.parametrize("start_method,int8,n_docs,min_records",
                         [("fork", False, 400, 21), ("fork", True, 120, 6), ("spawn", True, 120, 6)])
def test_worker_processes_give_the_records_of_one_process(tmp_path, monkeypatch, default_nlp, start_method, int8,
                                                          n_docs, min_records):
    """--n-process 2: the same records, documents table and quarantine, in input order.

    Workers forked from the loaded (and, with int8, quantized) pipeline on
    Linux; spawned workers that rebuild it from bytes elsewhere. Workers run
    torch on one thread each, so scores may differ from a one-process run in
    their last digits (float sums in another order); everything else is equal.
    """
    import eventx.extract
    from eventx.loading import load_pipeline

    if start_method == "spawn":
        monkeypatch.setattr(eventx.extract, "_can_fork", lambda: False)
    # int8 quantizes the pipeline in place: not the session's shared one, and
    # spawned workers need one that is still float32.
    nlps = {n: load_pipeline(None) for n in (1, 2)} if int8 else {1: default_nlp, 2: default_nlp}
    texts = [json.loads(l)["text"] for l in (SHARED / "gsr_sentences.jsonl").open(encoding="utf8")][:n_docs]
    inp = tmp_path / "in.jsonl"
    n_broken = 0
    with open(inp, "w", encoding="utf8") as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
            if i % 97 == 0:
                f.write('{"id": "broken", "text": \n')
                n_broken += 1
    outputs = {}
    for n_process in (1, 2):
        paths = OutputPaths.for_output(tmp_path / f"out{n_process}.jsonl")
        summary = run_extraction(nlps[n_process], read_inputs([str(inp)]), paths, n_process=n_process, batch_size=16,
                                 int8=int8)
        assert (summary.read, summary.processed, summary.quarantined) == (n_docs + n_broken, n_docs, n_broken)
        outputs[n_process] = read_outputs(paths.records)
    one, two = outputs[1], outputs[2]
    assert one["documents"] == two["documents"]
    assert one["quarantine"] == two["quarantine"]
    lines_one, lines_two = one["records"].splitlines(), two["records"].splitlines()
    assert len(lines_one) == len(lines_two) >= min_records
    for a, b in zip(lines_one, lines_two):
        (rec_a, scores_a), (rec_b, scores_b) = _without_scores(a), _without_scores(b)
        assert rec_a == rec_b
        assert scores_a == pytest.approx(scores_b, abs=1e-3)


def test_spawned_workers_refuse_a_quantized_pipeline(monkeypatch, default_nlp):
    """Spawned workers rebuild the pipeline from its bytes as float32: a pipeline
    already quantized in this process would reach them half-converted."""
    import eventx.extract
    from eventx.extract import process
    from eventx.io.inputs import InputDoc
    from eventx.loading import load_pipeline
    from eventx.quantize import is_quantized, quantize_int8

    monkeypatch.setattr(eventx.extract, "_can_fork", lambda: False)
    nlp = load_pipeline(None)
    assert not is_quantized(nlp)
    quantize_int8(nlp)
    assert is_quantized(nlp) and not is_quantized(default_nlp)
    docs = [InputDoc(doc_id="d", text="التقى الوزيران في القاهرة.", origin="test")]
    with pytest.raises(ValueError, match="quantized"):
        list(process(nlp, docs, n_process=2, int8=True))


def test_long_documents_go_through_in_pieces(default_nlp):
    """A document cut into pieces gives, for each piece, the records of that piece
    read alone, moved to the document's offsets, sentence indices and event ids."""
    from eventx.extract import _Annotator
    from eventx.io.inputs import InputDoc
    from eventx.records.build import Normalizer

    from .conftest import SEED_ARTICLE

    article = SEED_ARTICLE.read_text(encoding="utf8").rstrip("\n") + "\n\n"
    meta = {"date": "2024-03-02"}
    alone = _Annotator(default_nlp, Normalizer())([InputDoc("long", article, "test", meta)])[0]
    n_sentences = sum(1 for _ in default_nlp(article).sents)
    text = article * 3
    cut = _Annotator(default_nlp, Normalizer(), max_chars=len(article))([InputDoc("long", text, "test", meta)])[0]
    assert len(alone) > 5 and len(cut) == 3 * len(alone)
    for k in range(3):
        for a, b in zip(alone, cut[k * len(alone):(k + 1) * len(alone)]):
            shift = k * len(article)
            assert (b.trigger.start, b.trigger.end) == (a.trigger.start + shift, a.trigger.end + shift)
            assert b.sentence.index == a.sentence.index + k * n_sentences
            assert [(x.role, x.start - shift, x.end - shift, x.normalized) for x in b.arguments] == \
                   [(x.role, x.start, x.end, x.normalized) for x in a.arguments]
            assert text[b.trigger.start:b.trigger.end] == b.trigger.text
            assert text[b.sentence.start:b.sentence.end] == b.sentence.text == a.sentence.text
    assert len({r.event_id for r in cut}) == len(cut)
