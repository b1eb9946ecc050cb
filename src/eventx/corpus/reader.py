"""Read annotated JSON Lines and turn them into spaCy training examples."""
import json
import logging
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Optional, Tuple

import spacy
from pydantic import ValidationError
from spacy.language import Language
from spacy.training import Example

from ..errors import Errors, Warnings
from ..models.source_feature import SOURCE_KEY
from ..pipeline.events import set_events
from .annotations import AnnotatedDoc

logger = logging.getLogger(__name__)


def iter_json_lines(path: Path) -> Iterator[Tuple[int, dict]]:
    """Yield (line number, object) for each non-blank line; errors name file:line."""
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf8")
            except UnicodeDecodeError as e:
                raise ValueError(Errors.E011.format(path=path, line=lineno, reason=f"not UTF-8 ({e})")) from e
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(Errors.E010.format(path=path, line=lineno, reason=e)) from e
            if not isinstance(obj, dict):
                raise ValueError(Errors.E011.format(path=path, line=lineno, reason="a line must be a JSON object"))
            yield lineno, obj


def read_annotations(path: Path) -> Iterator[Tuple[int, AnnotatedDoc]]:
    """Yield (line number, AnnotatedDoc) from an ANNOTATION.md file."""
    for lineno, obj in iter_json_lines(Path(path)):
        try:
            yield lineno, AnnotatedDoc.model_validate(obj)
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ValueError(Errors.E011.format(path=path, line=lineno, reason=f"{where}: {first['msg']}")) from e


def annotated_doc_to_example(nlp: Language, ann: AnnotatedDoc) -> Tuple[Example, List[str]]:
    """Build a training example; RETURNS the example and the spans that did not align."""
    predicted = nlp.make_doc(ann.text)
    reference = nlp.make_doc(ann.text)
    source = (ann.model_extra or {}).get("source")
    if isinstance(source, str):  # read by eventx.SourceFeature.v1
        predicted.user_data[SOURCE_KEY] = reference.user_data[SOURCE_KEY] = source
    events, missed = [], []
    for ev in ann.events:
        trigger = reference.char_span(ev.trigger.start, ev.trigger.end)
        if trigger is None:
            missed.append(ev.trigger.text)
            continue
        arguments = []
        for arg in ev.arguments:
            span = reference.char_span(arg.start, arg.end)
            if span is None:
                missed.append(arg.text)
                continue
            arguments.append({"role": arg.role, "start": span.start, "end": span.end, "confidence": 1.0})
        events.append({"type": ev.type, "start": trigger.start, "end": trigger.end,
                       "modality": ev.modality, "polarity": ev.polarity, "confidence": 1.0,
                       "arguments": arguments})
    set_events(reference, events)
    return Example(predicted, reference), missed


def read_examples(nlp: Language, paths: Iterable[Path]) -> List[Example]:
    """Read every file into examples; warn once per file about unaligned spans."""
    examples = []
    for path in paths:
        missed: List[str] = []
        for _, ann in read_annotations(path):
            eg, miss = annotated_doc_to_example(nlp, ann)
            examples.append(eg)
            missed.extend(miss)
        if missed:
            logger.warning(Warnings.W001.format(n=len(missed), path=path, example=missed[0]))
    return examples


@spacy.registry.readers("eventx.EventCorpus.v1")
def create_event_corpus(path: Optional[str], limit: int = 0) -> Callable[[Language], Iterator[Example]]:
    """A corpus reader for `spacy train`: ANNOTATION.md JSON Lines, a file or a folder of *.jsonl.

    path (str): a .jsonl file or a folder of them.
    limit (int): read at most this many documents (0: all).
    """

    def read(nlp: Language) -> Iterator[Example]:
        p = Path(path)
        files = sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
        examples = read_examples(nlp, files)
        yield from examples[:limit] if limit else examples

    return read
