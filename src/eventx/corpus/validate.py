"""Validate annotated files against ANNOTATION.md and the ontology.

Each problem names its place (file:line) and reason; nothing stops at the
first problem, so one run lists everything to fix.
"""
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Set, Tuple

from pydantic import ValidationError

from ..arabic import segment
from ..ontology import Ontology
from .annotations import AnnotatedDoc


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def token_boundaries(text: str, lexicon: Mapping[str, int]) -> Tuple[Set[int], Set[int]]:
    """Character offsets where tokens start and end under the eventx tokenizer."""
    words, spaces = segment(text, lexicon)
    starts, ends, pos = set(), set(), 0
    for word, space in zip(words, spaces):
        starts.add(pos)
        pos += len(word)
        ends.add(pos)
        pos += int(space)
    return starts, ends


def check_doc(ann: AnnotatedDoc, ontology: Ontology, lexicon: Optional[Mapping[str, int]]) -> List[str]:
    """Problems of one annotated document, as messages."""
    problems: List[str] = []
    text = ann.text
    starts, ends = token_boundaries(text, lexicon) if lexicon is not None else (None, None)

    def check_span(what: str, start: int, end: int, span_text: str) -> bool:
        if end > len(text):
            problems.append(f"{what} [{start}:{end}] ends past the text (length {len(text)})")
            return False
        if text[start:end] != span_text:
            problems.append(f"{what} [{start}:{end}] is {text[start:end]!r} in the text, but its text field is {span_text!r}")
            return False
        if starts is not None and (start not in starts or end not in ends):
            problems.append(f"{what} [{start}:{end}] {span_text!r} does not fall on token boundaries")
        return True

    seen: Set[Tuple[int, int, str]] = set()
    for k, ev in enumerate(ann.events):
        where = f"event {k} ({ev.type} {ev.trigger.text!r})"
        if ev.type not in ontology.types:
            problems.append(f"{where}: unknown event type {ev.type!r} (known: {', '.join(ontology.type_names)})")
        check_span(f"{where}: trigger", ev.trigger.start, ev.trigger.end, ev.trigger.text)
        key = (ev.trigger.start, ev.trigger.end, ev.type)
        if key in seen:
            problems.append(f"{where}: the same trigger and type are annotated twice")
        seen.add(key)
        for arg in ev.arguments:
            arg_where = f"{where}: argument {arg.role} {arg.text!r}"
            if arg.role not in ontology.roles:
                problems.append(f"{arg_where}: unknown role {arg.role!r} (known: {', '.join(ontology.role_names)})")
            elif ev.type in ontology.types and not ontology.allows(ev.type, arg.role):
                allowed = ", ".join(ontology.types[ev.type].roles)
                problems.append(f"{arg_where}: role {arg.role!r} is not allowed for {ev.type} (allowed: {allowed})")
            if check_span(arg_where, arg.start, arg.end, arg.text) and arg.start < ev.trigger.end and ev.trigger.start < arg.end:
                problems.append(f"{arg_where}: overlaps its trigger [{ev.trigger.start}:{ev.trigger.end}]")
    return problems


def validate_file(path: Path, ontology: Ontology, *, lexicon: Optional[Mapping[str, int]] = None,
                  seen_ids: Optional[Dict[str, str]] = None) -> List[Problem]:
    """All problems of one annotated file (lexicon given: also token-boundary checks)."""
    problems: List[Problem] = []
    seen_ids = {} if seen_ids is None else seen_ids
    try:
        raw_lines = Path(path).read_bytes().split(b"\n")
    except OSError as e:
        return [Problem(str(path), 0, f"cannot read the file ({e.strerror})")]
    for lineno, raw in enumerate(raw_lines, 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf8"))
        except UnicodeDecodeError as e:
            problems.append(Problem(str(path), lineno, f"not UTF-8 ({e.reason})"))
            continue
        except json.JSONDecodeError as e:
            problems.append(Problem(str(path), lineno, f"invalid JSON ({e.msg} at column {e.colno})"))
            continue
        try:
            ann = AnnotatedDoc.model_validate(obj)
        except ValidationError as e:
            for err in e.errors():
                loc = ".".join(str(p) for p in err["loc"])
                problems.append(Problem(str(path), lineno, f"{loc}: {err['msg']}"))
            continue
        if ann.id in seen_ids:
            problems.append(Problem(str(path), lineno, f"duplicate id {ann.id!r} (first at {seen_ids[ann.id]})"))
        else:
            seen_ids[ann.id] = f"{path}:{lineno}"
        problems.extend(Problem(str(path), lineno, msg) for msg in check_doc(ann, ontology, lexicon))
    return problems


def validate_files(paths: Iterable[Path], ontology: Ontology, *, lexicon: Optional[Mapping[str, int]] = None) -> List[Problem]:
    """Problems of several files; ids must be unique across all of them."""
    seen_ids: Dict[str, str] = {}
    problems: List[Problem] = []
    for path in paths:
        problems.extend(validate_file(path, ontology, lexicon=lexicon, seen_ids=seen_ids))
    return problems
