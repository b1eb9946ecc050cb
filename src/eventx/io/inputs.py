"""Input documents: .txt files, folders, globs, JSON Lines (.jsonl, .jsonl.gz), CSV, stdin.

Every document read is either yielded as an InputDoc or as a Rejected item
with the place (file:line) and the reason, so nothing is lost silently.
"""
import csv
import glob
import gzip
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Union

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json.gz", ".ndjson")
CSV_SUFFIXES = (".csv",)


@dataclass
class InputDoc:
    """A document to process: its id, text, metadata and where it came from."""

    doc_id: str
    text: str
    origin: str
    meta: Dict[str, Optional[str]] = field(default_factory=dict)


@dataclass
class Rejected:
    """A document that cannot be processed, and why."""

    origin: str
    reason: str
    doc_id: Optional[str] = None
    raw: Optional[str] = None


@dataclass
class Fields:
    """Names of the input fields in JSON Lines and CSV."""

    text: str = "text"
    id: str = "id"
    date: str = "date"
    source: str = "source"
    url: str = "url"


def expand_inputs(inputs: List[str]) -> List[Union[Path, str]]:
    """Expand files, folders (recursively, known suffixes) and globs; "-" is stdin."""
    out: List[Union[Path, str]] = []
    for item in inputs:
        if item == "-":
            out.append("-")
            continue
        path = Path(item)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and _kind(p)))
        elif any(ch in item for ch in "*?["):
            out.extend(sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file()))
        else:
            out.append(path)
    return out


def count_documents(inputs: List[str]) -> Optional[int]:
    """How many documents the inputs hold, when that is cheap to know (for an ETA).

    A .txt file is one document and a .jsonl file one per non-blank line; with
    stdin, compressed or CSV input the count is unknown (None).
    """
    total = 0
    for item in expand_inputs(inputs):
        if item == "-" or not item.exists():
            return None
        kind = _kind(item)
        if kind == "txt":
            total += 1
        elif kind == "jsonl" and not item.name.lower().endswith(".gz"):
            with open(item, "rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            return None
    return total


def _kind(path: Path) -> Optional[str]:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    if name.endswith(TEXT_SUFFIXES):
        return "txt"
    return None


def _from_record(obj: dict, origin: str, fields: Fields, fallback_id: str) -> Union[InputDoc, Rejected]:
    doc_id = obj.get(fields.id)
    doc_id = str(doc_id) if doc_id not in (None, "") else fallback_id
    text = obj.get(fields.text)
    if text is None:
        return Rejected(origin, f"missing text field {fields.text!r}", doc_id)
    if not isinstance(text, str):
        return Rejected(origin, f"text field {fields.text!r} is not a string", doc_id)
    if not text.strip():
        return Rejected(origin, "empty text", doc_id)
    meta = {}
    for key in ("date", "source", "url"):
        value = obj.get(getattr(fields, key))
        meta[key] = None if value in (None, "") else str(value)
    return InputDoc(doc_id, text, origin, meta)


def _read_jsonl(stream, name: str, fields: Fields) -> Iterator[Union[InputDoc, Rejected]]:
    for lineno, raw in enumerate(stream, 1):
        origin = f"{name}:{lineno}"
        try:
            line = raw.decode("utf8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as e:
            yield Rejected(origin, f"not UTF-8 ({e.reason} at byte {e.start})", raw=raw.decode("utf8", "replace"))
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejected(origin, f"invalid JSON ({e.msg} at column {e.colno})", raw=line.rstrip("\n"))
            continue
        if not isinstance(obj, dict):
            yield Rejected(origin, "a line must be a JSON object", raw=line.rstrip("\n"))
            continue
        yield _from_record(obj, origin, fields, fallback_id=origin)


def _read_csv(path: Path, fields: Fields) -> Iterator[Union[InputDoc, Rejected]]:
    with open(path, encoding="utf8", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            # DictReader's line_num is the physical line at the end of the row.
            yield _from_record(row, f"{path}:{reader.line_num}", fields, fallback_id=f"{path.name}:{reader.line_num}")


def read_inputs(inputs: List[str], *, fields: Fields = Fields(),
                default_date: Optional[str] = None) -> Iterator[Union[InputDoc, Rejected]]:
    """Yield every input document, or a Rejected item with its reason.

    inputs (List[str]): files, folders, globs, or "-" for JSON Lines on stdin.
    fields (Fields): the field names of JSON Lines and CSV inputs.
    default_date (Optional[str]): the date of documents that give none.
    """
    for item in _read_all(inputs, fields):
        if default_date and isinstance(item, InputDoc) and not item.meta.get("date"):
            item.meta["date"] = default_date
        yield item


def _read_all(inputs: List[str], fields: Fields) -> Iterator[Union[InputDoc, Rejected]]:
    for item in expand_inputs(inputs):
        if item == "-":
            yield from _read_jsonl(io.TextIOWrapper(sys.stdin.buffer, encoding="utf8", errors="strict"), "<stdin>", fields)
            continue
        path = item
        kind = _kind(path)
        if not path.exists():
            yield Rejected(str(path), "no such file")
            continue
        try:
            if kind == "jsonl":
                opener = gzip.open if path.name.lower().endswith(".gz") else open
                with opener(path, "rb") as f:
                    yield from _read_jsonl(f, str(path), fields)
            elif kind == "csv":
                yield from _read_csv(path, fields)
            else:
                data = path.read_bytes()
                try:
                    text = data.decode("utf8")
                except UnicodeDecodeError as e:
                    yield Rejected(str(path), f"not UTF-8 ({e.reason} at byte {e.start})", path.name)
                    continue
                if not text.strip():
                    yield Rejected(str(path), "empty text", path.name)
                    continue
                yield InputDoc(path.name, text, str(path), {"date": None, "source": None, "url": None})
        except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, csv.Error) as e:
            yield Rejected(str(path), f"unreadable file ({type(e).__name__}: {e})")
