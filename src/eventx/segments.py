"""Long documents in pieces: bounded memory for any document size.

The transformer reads all of a Doc's windows at once, so memory grows with
the document: a 720 KB article peaked at 2.0 GB. A document longer than
`max_chars` is cut at sentence boundaries into pieces that go through the
pipeline one by one; their records are then moved back to the document's
offsets, sentence indices and event ids. Events and arguments never cross a
sentence, so nothing is lost at a cut; only the context the models see across
it changes (a sentence right after a cut reads as if it opened the document).
"""
import re
from typing import List, Tuple

from .records import EventRecord
from .records.schema import make_event_id

# Where a piece may end: after a newline, else after sentence-final punctuation
# and its spaces (the sentencizer ends sentences at both), else after a space.
_PARAGRAPH = re.compile(r"\n+")
_SENTENCE = re.compile(r"[.!?\u061f\u06d4]+[\s\u00a0]+")
_SPACE = re.compile(r"[\s\u00a0]+")

MAX_CHARS = 20_000


def split_text(text: str, max_chars: int = MAX_CHARS) -> List[Tuple[int, str]]:
    """Cut a text into (offset, piece) pairs of at most max_chars characters.

    Pieces end at the last paragraph break of their window, else at the last
    sentence end, else at the last space; a window with none of them (one
    20,000-character word) is cut where it ends. The pieces, joined, are the
    text exactly.
    """
    pieces, start = [], 0
    while len(text) - start > max_chars:
        window = text[start:start + max_chars]
        end = 0
        for pattern in (_PARAGRAPH, _SENTENCE, _SPACE):
            ends = [m.end() for m in pattern.finditer(window)]
            if ends:
                end = ends[-1]
                break
        end = end or max_chars
        pieces.append((start, text[start:start + end]))
        start += end
    pieces.append((start, text[start:]))
    return pieces


def shift_record(record: EventRecord, *, offset: int, sentences_before: int) -> EventRecord:
    """A piece's record moved to its document: offsets, sentence index and event id."""
    if not offset and not sentences_before:
        return record
    trigger = record.trigger.model_copy(update={"start": record.trigger.start + offset,
                                                "end": record.trigger.end + offset})
    sentence = record.sentence.model_copy(update={"index": record.sentence.index + sentences_before,
                                                  "start": record.sentence.start + offset,
                                                  "end": record.sentence.end + offset})
    arguments = [arg.model_copy(update={"start": arg.start + offset, "end": arg.end + offset})
                 for arg in record.arguments]
    return record.model_copy(update={
        "event_id": make_event_id(record.doc_id, trigger.start, trigger.end, record.event_type),
        "trigger": trigger, "sentence": sentence, "arguments": arguments})
