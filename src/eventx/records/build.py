"""The bridge from a processed Doc to event records."""
from typing import Dict, List, Optional

from spacy.tokens import Doc

from ..ontology import Ontology
from ..pipeline.events import get_events
from .schema import ArgumentRecord, EventRecord, ModelInfo, SentenceRecord, TriggerRecord, make_event_id


def _sentence(doc: Doc, token_index: int, sent_starts: List[int]) -> SentenceRecord:
    if sent_starts:
        # The sentence whose start is the last one at or before the token.
        lo, hi = 0, len(sent_starts)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if sent_starts[mid] <= token_index:
                lo = mid
            else:
                hi = mid
        index = lo
        first = sent_starts[index]
        last = sent_starts[index + 1] if index + 1 < len(sent_starts) else len(doc)
    else:
        index, first, last = 0, 0, len(doc)
    start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
    text = doc.text[start:end]
    # A sentence neither begins nor ends with whitespace.
    stripped = text.lstrip()
    start += len(text) - len(stripped)
    end = start + len(stripped.rstrip())
    return SentenceRecord(index=index, start=start, end=end, text=doc.text[start:end])


def doc_to_records(doc: Doc, *, doc_id: str, model: ModelInfo, ontology: Optional[Ontology] = None,
                   meta: Optional[Dict[str, Optional[str]]] = None) -> List[EventRecord]:
    """Turn the events on a processed doc into validated records.

    doc (Doc): a doc processed by an eventx pipeline (doc._.events set).
    doc_id (str): the document's id.
    model (ModelInfo): the pipeline's name and version.
    ontology (Optional[Ontology]): maps event types to CAMEO and PLOVER codes.
    meta (Optional[Dict]): the document's date, source and url.
    RETURNS (List[EventRecord]): one record per event, in text order.
    """
    meta = meta or {}
    events = get_events(doc)
    if not events:
        return []
    sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else []
    records = []
    for ev in sorted(events, key=lambda e: (e["start"], e["end"], e["type"])):
        trig = doc[ev["start"]:ev["end"]]
        etype = ontology.types.get(ev["type"]) if ontology else None
        arguments = [
            ArgumentRecord(role=a["role"], text=span.text, start=span.start_char, end=span.end_char,
                           confidence=float(a["confidence"]))
            for a in sorted(ev["arguments"], key=lambda a: (a["start"], a["end"], a["role"]))
            for span in [doc[a["start"]:a["end"]]]
        ]
        records.append(EventRecord(
            event_id=make_event_id(doc_id, trig.start_char, trig.end_char, ev["type"]),
            doc_id=doc_id, event_type=ev["type"],
            cameo=etype.cameo if etype else None, plover=etype.plover if etype else None,
            trigger=TriggerRecord(text=trig.text, start=trig.start_char, end=trig.end_char),
            sentence=_sentence(doc, ev["start"], sent_starts),
            modality=ev["modality"], polarity=ev["polarity"], confidence=float(ev["confidence"]),
            arguments=arguments, date=meta.get("date"), source=meta.get("source"), url=meta.get("url"),
            model=model,
        ))
    return records
