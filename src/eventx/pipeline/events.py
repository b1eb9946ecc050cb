"""Where events live on a Doc: `doc._.events`, a list of plain dicts.

Plain dicts of str, int and float survive Doc.to_bytes, DocBin and the
multiprocessing of nlp.pipe, which custom objects would not. Offsets are token
indices here; records turn them into character offsets.

An event: {"type", "start", "end", "modality", "polarity", "confidence",
"modality_confidence", "polarity_confidence",
"arguments": [{"role", "start", "end", "confidence"}]}.
"""
from typing import Dict, List

from spacy.tokens import Doc, SpanGroup

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

TRIGGER_KEY = "triggers"


def get_events(doc: Doc) -> List[Dict]:
    """The events of a doc (an empty list when none were set)."""
    return doc._.events or []


def set_events(doc: Doc, events: List[Dict]) -> None:
    """Set the events of a doc, and mirror the triggers into doc.spans["triggers"] for display."""
    doc._.events = events
    spans = [doc[ev["start"]:ev["end"]] for ev in events]
    for span, ev in zip(spans, events):
        span.label_ = ev["type"]
    doc.spans[TRIGGER_KEY] = SpanGroup(doc, name=TRIGGER_KEY, spans=spans)
