"""Batch extraction: input documents → pipeline → records, with nothing lost.

Documents go through the pipeline a batch at a time. With n_process > 1, worker
processes (forked from this one on Linux, so they share its pipeline's memory)
turn whole batches into records (never Docs: a Doc with transformer output is
large to pickle, and building records is work the workers share too); the
parent only reads and writes, and keeps a bounded number of batches in flight
so memory does not grow with the input.
"""
import ctypes
import functools
import json
import logging
import multiprocessing
import os
import sys
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Deque, Iterable, Iterator, List, Optional, Tuple, Union

from .io.inputs import InputDoc, Rejected
from .loading import pipeline_ontology, ready_for_inference
from .errors import Errors
from .quantize import is_quantized, quantize_int8
from .records import EventRecord, ModelInfo
from .records.build import Normalizer, doc_to_records
from .segments import MAX_CHARS, shift_record, split_text

logger = logging.getLogger(__name__)

Item = Union[InputDoc, Rejected]


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


@functools.lru_cache(maxsize=1)
def _libc():
    # The symbols the process already has, libc's among them. Not
    # ctypes.util.find_library: it forks (ldconfig), and the fork of a process
    # holding a model briefly doubles the RSS that a memory probe sees.
    try:
        libc = ctypes.CDLL(None)
    except (OSError, TypeError):  # pragma: no cover  (Windows)
        return None
    return libc if hasattr(libc, "mallopt") else None  # glibc only


_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD = 2 * 1024 * 1024


def bound_memory() -> None:
    """Keep the process's memory flat over a long run (glibc only; elsewhere a no-op).

    glibc raises its mmap threshold each time a large block is freed, so the
    tensors of later batches come from the heap, which fragments and is never
    given back: over 4 copies of the GSR sentences (22,820 docs) the peak RSS
    climbed from 737 to 1,183 MB. A fixed threshold sends large blocks to mmap,
    which returns them whole on free. 2 MB keeps the speed (a 128 KB threshold
    cost a fifth of it, mapping every mid-sized tensor anew) and holds the peak
    at 593 / 641 / 679 MB for 1x / 2x / 4x the input (bench/throughput.py).
    """
    libc = _libc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)


def give_back_memory() -> None:
    """Return the heap's free pages to the system (glibc's malloc_trim; elsewhere a no-op).

    A batch frees its tensors and docs at its end, but the records and output
    lines that outlive it sit between the freed blocks, so the heap cannot
    shrink from its top and each batch's high-water mark adds to the last.
    Trimming releases the free pages wherever they lie (see TRIM_EVERY).
    """
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


# Batches between two give_back_memory calls: after every batch the peak over
# 4 copies of the GSR sentences (one process) was 695 MB but the run 8% slower
# (freed pages are faulted in again); every 8 batches, 746 MB and 2.5% slower;
# never, 822 MB.
TRIM_EVERY = 8

# Words whose lexemes are made once, before any memory zone (see _Annotator).
N_PERSISTENT_WORDS = 20_000


class _Annotator:
    """A pipeline and what records need from it: docs in, records out."""

    def __init__(self, nlp, normalizer: Normalizer, max_chars: int = MAX_CHARS):
        self.nlp = nlp
        # A memory zone frees the lexemes its batch created, so a word outside the
        # vocab is made again in every batch (a tenth of the run time). The
        # commonest words of the tokenizer's lexicon are made once, for good.
        lexicon = getattr(nlp.tokenizer, "lexicon", None) or {}
        for word in sorted(lexicon, key=lambda w: (-lexicon[w], w))[:N_PERSISTENT_WORDS]:
            nlp.vocab[word]
        self.max_chars = max_chars
        self.batches = 0
        self.normalizer = normalizer
        self.ontology = pipeline_ontology(nlp)
        self.info = model_info(nlp)

    def __call__(self, docs: List[InputDoc]) -> List[List[EventRecord]]:
        """Records for each document; a long document goes through in pieces (see segments.py)."""
        pieces = [(k, offset, piece)
                  for k, item in enumerate(docs) for offset, piece in split_text(item.text, self.max_chars)]
        out: List[List[EventRecord]] = [[] for _ in docs]
        n_pieces = Counter(k for k, _, _ in pieces)
        sentences_before = [0] * len(docs)
        # The strings and lexemes of a batch's new words are freed with it
        # (the docs never leave the zone: records are plain data).
        with self.nlp.memory_zone():
            docs_out = self.nlp.pipe([piece for _, _, piece in pieces], batch_size=max(1, len(docs)))
            for (k, offset, _), doc in zip(pieces, docs_out):
                item = docs[k]
                records = doc_to_records(doc, doc_id=item.doc_id, model=self.info, ontology=self.ontology,
                                         meta=item.meta, normalizer=self.normalizer)
                out[k].extend(shift_record(r, offset=offset, sentences_before=sentences_before[k])
                              for r in records)
                if n_pieces[k] > 1:  # only a cut document needs its pieces' sentence counts
                    sentences_before[k] += sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 1
        self.batches += 1
        if self.batches % TRIM_EVERY == 0:
            give_back_memory()
        return out


def _ready_annotator(nlp, normalizer: Normalizer, int8: bool) -> _Annotator:
    """The annotator of this process's pipeline (quantized in place with int8)."""
    if int8:
        quantize_int8(nlp)
    return _Annotator(nlp, normalizer)


_worker_annotator: Optional[_Annotator] = None


def _one_share_of_cores(threads: int) -> None:
    """Limit this process's torch and BLAS thread pools to its share of the cores.

    All a forked worker needs: it already holds the parent's annotator. With one
    thread, torch never enters an OpenMP parallel region, so the pool the parent
    may have started (and which a fork does not copy) is never waited on.
    """
    from threadpoolctl import threadpool_limits

    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:  # pragma: no cover
        pass
    threadpool_limits(threads)


def _start_spawned_worker(config, nlp_bytes: bytes, normalizer: Normalizer, threads: int, int8: bool) -> None:
    """Rebuild the parent's pipeline in a spawned worker process, with its share of the cores."""
    global _worker_annotator
    from spacy.util import load_model_from_config

    _one_share_of_cores(threads)
    nlp = load_model_from_config(config, auto_fill=False, validate=False)
    nlp.from_bytes(nlp_bytes)
    ready_for_inference(nlp)
    bound_memory()
    _worker_annotator = _ready_annotator(nlp, normalizer, int8)


def _annotate_in_worker(docs: List[InputDoc]) -> List[List[EventRecord]]:
    return _worker_annotator(docs)


def _batches(items: Iterable[Item], batch_size: int, summary: RunSummary) -> Iterator[List[Item]]:
    """Items in groups that each hold batch_size documents (rejected items ride along in place)."""
    batch: List[Item] = []
    n_docs = 0
    for item in items:
        summary.read += 1
        batch.append(item)
        if isinstance(item, InputDoc):
            n_docs += 1
            if n_docs == batch_size:
                yield batch
                batch, n_docs = [], 0
    if batch:
        yield batch


def _documents(batch: List[Item]) -> List[InputDoc]:
    return [item for item in batch if isinstance(item, InputDoc)]


@contextmanager
def _environ(**values: str) -> Iterator[None]:
    """Environment variables set for the processes started inside the block."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _annotated_batches(nlp, normalizer: Normalizer, batches: Iterable[List[Item]], n_process: int, int8: bool
                       ) -> Iterator[Tuple[List[Item], List[List[EventRecord]]]]:
    """(batch, records per document), in input order."""
    if n_process <= 1:
        annotate = _ready_annotator(nlp, normalizer, int8)
        for batch in batches:
            yield batch, annotate(_documents(batch))
        return
    threads = max(1, (os.cpu_count() or 1) // n_process)
    with _worker_pool(nlp, normalizer, n_process, threads, int8) as pool:
        in_flight: Deque[Tuple[List[Item], Future]] = deque()
        for batch in batches:
            in_flight.append((batch, pool.submit(_annotate_in_worker, _documents(batch))))
            if len(in_flight) >= 2 * n_process:
                done, future = in_flight.popleft()
                yield done, future.result()
        while in_flight:
            done, future = in_flight.popleft()
            yield done, future.result()


def _can_fork() -> bool:
    # Linux only: macOS lacks a fork-safe system library stack (Python's default there is spawn).
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def _worker_pool(nlp, normalizer: Normalizer, n_process: int, threads: int, int8: bool
                 ) -> Iterator[ProcessPoolExecutor]:
    """n_process workers that each run the pipeline on one thread share of the cores.

    On Linux the workers are forked from this process once the pipeline is
    ready (quantized, its lasting lexemes made), so they start at once and share
    its weights' memory pages. A spawned worker (elsewhere) must import
    everything and rebuild the pipeline from bytes: about 5 s, each.
    """
    global _worker_annotator
    if _can_fork():
        _worker_annotator = _ready_annotator(nlp, normalizer, int8)
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(n_process, mp_context=context, initializer=_one_share_of_cores,
                                   initargs=(threads,))
    else:
        # The workers get the float32 pipeline and quantize it themselves.
        if is_quantized(nlp):
            raise ValueError(Errors.E053)
        init = (nlp.config, nlp.to_bytes(), normalizer, threads, int8)
        pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_spawned_worker, initargs=init)
    try:
        # numpy's BLAS reads its thread count when a spawned worker imports it;
        # the tokenizers library in a worker stays on the worker's one thread.
        with _environ(OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
                      TOKENIZERS_PARALLELISM="false"), pool:
            yield pool
    finally:
        _worker_annotator = None


def process(nlp, items: Iterable[Item], *, batch_size: int = 64, n_process: int = 1, int8: bool = False,
            summary: Optional[RunSummary] = None,
            normalizer: Optional[Normalizer] = None) -> Iterator[Tuple[Item, List[EventRecord]]]:
    """Run the pipeline over input items; yield (item, records) in input order.

    Rejected items pass through with no records, so the caller can quarantine
    them where they stand in the input.
    items (Iterable[InputDoc | Rejected]): what read_inputs yields.
    batch_size (int): documents per pipeline batch; a batch is the unit of work of a process.
    n_process (int): worker processes; 1 runs the pipeline in this process.
    int8 (bool): run the transformer with int8 weights (see quantize.py); with
        one process, or workers forked from this one, this quantizes nlp in place.
    summary (Optional[RunSummary]): counts to update as the run goes.
    normalizer (Optional[Normalizer]): adds normalized values (default: the shipped gazetteer).
    """
    summary = summary if summary is not None else RunSummary()
    bound_memory()
    start = time.perf_counter()
    batches = _batches(items, batch_size, summary)
    for batch, records in _annotated_batches(nlp, normalizer or Normalizer(), batches, n_process, int8):
        per_doc = iter(records)
        for item in batch:
            if isinstance(item, Rejected):
                summary.quarantined += 1
                yield item, []
                continue
            doc_records = next(per_doc)
            summary.processed += 1
            summary.events += len(doc_records)
            summary.words += len(item.text.split())
            summary.seconds = time.perf_counter() - start
            yield item, doc_records
    summary.seconds = time.perf_counter() - start


def quarantine_line(item: Rejected) -> str:
    raw = item.raw if item.raw is None or len(item.raw) <= 2000 else item.raw[:2000] + "…"
    return json.dumps({"origin": item.origin, "doc_id": item.doc_id, "reason": item.reason, "raw": raw},
                      ensure_ascii=False)
