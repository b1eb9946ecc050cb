"""Archive-scale extraction: streaming, checkpoints, resume, nothing lost.

A run writes, next to OUT.jsonl (the records):

- OUT.documents.jsonl: one line per input document, processed or quarantined,
  with its status, reason and event count (the `documents` table of exports);
- OUT.quarantine.jsonl: each rejected document with its place, reason and raw text;
- OUT.checkpoint.json: every `checkpoint_every` documents, on a batch boundary,
  the byte size of each output file and the counts of the documents written so
  far (replaced atomically).

Lines are written whole, a batch at a time, then flushed and fsynced before the
checkpoint moves on. A run killed at any moment and restarted with resume=True
truncates the outputs to the last checkpoint (so a half-written batch, or line,
disappears), skips the input items already done and goes on: the result is
byte for byte the output of an uninterrupted run.
"""
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Union

from .errors import Errors
from .extract import RunSummary, process, quarantine_line
from .io.inputs import InputDoc, Rejected


@dataclass
class OutputPaths:
    records: Path
    documents: Path
    quarantine: Path
    checkpoint: Path

    @classmethod
    def for_output(cls, output: Path, *, quarantine: Optional[Path] = None) -> "OutputPaths":
        output = Path(output)
        stem = output.name[:-len(".jsonl")] if output.name.endswith(".jsonl") else output.name
        return cls(
            records=output,
            documents=output.with_name(stem + ".documents.jsonl"),
            quarantine=Path(quarantine) if quarantine else output.with_name(stem + ".quarantine.jsonl"),
            checkpoint=output.with_name(stem + ".checkpoint.json"),
        )

    def files(self) -> Dict[str, Path]:
        return {"records": self.records, "documents": self.documents, "quarantine": self.quarantine}


def _document_line(item: Union[InputDoc, Rejected], n_events: int) -> str:
    if isinstance(item, InputDoc):
        row = {"doc_id": item.doc_id, "origin": item.origin, "status": "processed", "reason": None,
               "events": n_events, "chars": len(item.text), "words": len(item.text.split()),
               "date": item.meta.get("date"), "source": item.meta.get("source"), "url": item.meta.get("url")}
    else:
        row = {"doc_id": item.doc_id, "origin": item.origin, "status": "quarantined", "reason": item.reason,
               "events": 0, "chars": None, "words": None, "date": None, "source": None, "url": None}
    return json.dumps(row, ensure_ascii=False)


def _read_checkpoint(path: Path) -> Optional[dict]:
    try:
        return json.loads(path.read_text(encoding="utf8"))
    except (OSError, ValueError):
        return None


def _write_checkpoint(path: Path, state: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf8") as f:
        json.dump(state, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _skip(items: Iterable, n: int) -> Iterator:
    it = iter(items)
    for _ in range(n):
        if next(it, None) is None:
            break
    return it


def run_extraction(nlp, items: Iterable[Union[InputDoc, Rejected]], paths: OutputPaths, *,
                   resume: bool = False, overwrite: bool = False, batch_size: int = 64, n_process: int = 1,
                   int8: bool = False, checkpoint_every: int = 256,
                   on_progress: Optional[Callable[[RunSummary], None]] = None, normalizer=None) -> RunSummary:
    """Process items into the output files, checkpointing as it goes.

    items (Iterable): what read_inputs yields, in a deterministic order.
    paths (OutputPaths): the output files.
    resume (bool): continue an interrupted run from its checkpoint.
    overwrite (bool): replace existing outputs of a finished or other run.
    int8 (bool): run the transformer with int8 weights (see quantize.py).
    checkpoint_every (int): documents between checkpoints, rounded down to whole batches.
    on_progress (Optional[Callable]): called with the running summary after each item.
    normalizer (Optional[Normalizer]): adds normalized values (default: the shipped gazetteer).
    RETURNS (RunSummary): the counts; read == processed + quarantined.
    """
    summary = RunSummary()
    # Settings that change the records (batches group the float arithmetic):
    # a resumed run must use the ones it started with.
    settings = {"batch_size": batch_size, "int8": int8}
    state = _read_checkpoint(paths.checkpoint) if resume else None
    if state is not None:
        for name, before in state.get("settings", {}).items():
            if settings.get(name) != before:
                raise ValueError(Errors.E052.format(path=paths.records, name=name, before=before))
    if state is None:
        if paths.records.exists() and not (overwrite or resume):
            raise FileExistsError(Errors.E051.format(path=paths.records))
        sizes = {name: 0 for name in paths.files()}
    else:
        sizes = state["sizes"]
        for key in ("read", "processed", "quarantined", "events", "words"):
            setattr(summary, key, state["summary"][key])
    handles = {}
    try:
        for name, path in paths.files().items():
            path.parent.mkdir(parents=True, exist_ok=True)
            f = open(path, "a+b")
            f.truncate(sizes[name])  # drop whatever came after the last checkpoint
            f.seek(0, os.SEEK_END)
            handles[name] = f
        done = summary.read
        buffers: Dict[str, List[str]] = {name: [] for name in handles}

        def flush() -> None:
            for name, f in handles.items():
                if buffers[name]:
                    f.write("".join(buffers[name]).encode("utf8"))
                    buffers[name].clear()
                f.flush()
                os.fsync(f.fileno())
            _write_checkpoint(paths.checkpoint, {
                "sizes": {name: f.tell() for name, f in handles.items()},
                "summary": summary.to_dict(), "settings": settings, "complete": False})

        # Checkpoints fall on whole batches of documents, so a resumed run feeds
        # nlp.pipe the same batches as an uninterrupted one: batched float
        # arithmetic then gives the same scores, to the last digit.
        every = max(1, checkpoint_every // batch_size) * batch_size
        for item, records in process(nlp, _skip(items, done), batch_size=batch_size, n_process=n_process,
                                     int8=int8, summary=summary, normalizer=normalizer):
            if isinstance(item, InputDoc):
                buffers["records"].extend(rec.model_dump_json() + "\n" for rec in records)
            else:
                buffers["quarantine"].append(quarantine_line(item) + "\n")
            buffers["documents"].append(_document_line(item, len(records)) + "\n")
            # process() counts a document as read when nlp.pipe takes it into a
            # batch, ahead of its output; a checkpoint (and --resume's skip)
            # must count only the documents written.
            summary.read = summary.processed + summary.quarantined
            if isinstance(item, InputDoc) and summary.processed % every == 0:
                flush()
            if on_progress:
                on_progress(summary)
        flush()
        _write_checkpoint(paths.checkpoint, {"sizes": {n: f.tell() for n, f in handles.items()},
                                             "summary": summary.to_dict(), "settings": settings,
                                             "complete": True})
    finally:
        for f in handles.values():
            f.close()
    return summary
