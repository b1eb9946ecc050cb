"""Batch extraction: input documents → pipeline → records, with nothing lost."""
import json
import logging
import time
from collections import deque
from dataclasses import asdict, dataclass
from typing import Callable, Deque, Iterable, Iterator, List, Optional, Tuple, Union

from .io.inputs import InputDoc, Rejected
from .loading import pipeline_ontology
from .records import EventRecord, ModelInfo
from .records.build import Normalizer, doc_to_records

logger = logging.getLogger(__name__)


@dataclass
class RunSummary:
    """Counts of a run: read == processed + quarantined."""

    read: int = 0
    processed: int = 0
    quarantined: int = 0
    events: int = 0
    words: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def model_info(nlp) -> ModelInfo:
    name = str(nlp.meta.get("name", "unknown"))
    lang = nlp.meta.get("lang")
    if lang and name != "keywords" and not name.startswith(f"{lang}_"):
        name = f"{lang}_{name}"
    return ModelInfo(name=name, version=str(nlp.meta.get("version", "0")))


def _share_cores(n_process: int) -> None:
    """Give each worker process its share of the cores, so torch threads do not fight."""
    import os

    try:
        import torch
    except ImportError:  # pragma: no cover
        return
    torch.set_num_threads(max(1, (os.cpu_count() or 1) // n_process))


def process(nlp, items: Iterable[Union[InputDoc, Rejected]], *, batch_size: int = 64, n_process: int = 1,
            summary: Optional[RunSummary] = None,
            normalizer: Optional[Normalizer] = None) -> Iterator[Tuple[Union[InputDoc, Rejected], List[EventRecord]]]:
    """Run the pipeline over input items; yield (item, records) in input order.

    Rejected items pass through with no records, so the caller can quarantine
    them where they stand in the input.
    items (Iterable[InputDoc | Rejected]): what read_inputs yields.
    batch_size (int): documents per nlp.pipe batch.
    n_process (int): worker processes for nlp.pipe.
    summary (Optional[RunSummary]): counts to update as the run goes.
    normalizer (Optional[Normalizer]): adds normalized values (default: the shipped gazetteer).
    """
    normalizer = normalizer or Normalizer()
    if n_process > 1:
        _share_cores(n_process)
    summary = summary if summary is not None else RunSummary()
    ontology = pipeline_ontology(nlp)
    info = model_info(nlp)
    pending: Deque[Union[InputDoc, Rejected]] = deque()

    def texts() -> Iterator[str]:
        for item in items:
            summary.read += 1
            pending.append(item)
            if isinstance(item, InputDoc):
                yield item.text

    start = time.perf_counter()
    for doc in nlp.pipe(texts(), batch_size=batch_size, n_process=n_process):
        # Rejected items queued before this doc's input come out first, in order.
        while isinstance(pending[0], Rejected):
            summary.quarantined += 1
            yield pending.popleft(), []
        item = pending.popleft()
        records = doc_to_records(doc, doc_id=item.doc_id, model=info, ontology=ontology, meta=item.meta,
                                 normalizer=normalizer)
        summary.processed += 1
        summary.events += len(records)
        summary.words += len(item.text.split())
        summary.seconds = time.perf_counter() - start
        yield item, records
    while pending:
        summary.quarantined += 1
        yield pending.popleft(), []
    summary.seconds = time.perf_counter() - start


def quarantine_line(item: Rejected) -> str:
    raw = item.raw if item.raw is None or len(item.raw) <= 2000 else item.raw[:2000] + "…"
    return json.dumps({"origin": item.origin, "doc_id": item.doc_id, "reason": item.reason, "raw": raw},
                      ensure_ascii=False)
