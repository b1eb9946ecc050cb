"""The bridge from a processed Doc to event records."""
from typing import Dict, List, Optional

from spacy.tokens import Doc

from ..normalize import (Gazetteer, lookup_actor, lookup_place, normalize_duration, normalize_time,
                         restore_fused_article)
from ..normalize.values import TimeValue
from ..ontology import Ontology
from ..pipeline.events import get_events
from .schema import (ArgumentRecord, EventRecord, ModelInfo, SentenceRecord, TriggerRecord, document_date,
                     make_event_id)

ACTOR_ROLES = ("agent", "partner")


def _past_tense(trigger_text: str, modality: str) -> Optional[bool]:
    """Whether a trigger reports a past event: future prefix سـ → False; asserted → True."""
    if len(trigger_text) > 2 and trigger_text[0] == "س" and trigger_text[1] in "يتنأ":
        return False
    return True if modality == "asserted" else None


class Normalizer:
    """Adds normalized values to argument records (time, duration, actor, place, restored form).

    gazetteer (Gazetteer): actors and places; Gazetteer.default() when None.
    """

    def __init__(self, gazetteer: Optional[Gazetteer] = None):
        self.gazetteer = gazetteer or Gazetteer.default()

    def __call__(self, text: str, arg: Dict, *, event_type: str, trigger_text: str, modality: str,
                 doc_date: Optional[str]) -> Dict:
        role, span_text = arg["role"], arg["text"]
        out: Dict = {"restored": restore_fused_article(text, arg["start"], arg["end"])}
        if role == "time":
            date = document_date(doc_date)
            if doc_date and date is None:
                out["normalized"] = TimeValue(value=None, reason=f"the document date {doc_date!r} is not ISO 8601")
            else:
                out["normalized"] = normalize_time(span_text, doc_date=date, past_tense=_past_tense(trigger_text, modality))
        elif role == "duration":
            out["normalized"] = normalize_duration(span_text)
        elif role in ACTOR_ROLES or (role == "object" and event_type == "DEPLOY"):
            out["actor"] = lookup_actor(span_text, gazetteer=self.gazetteer)
        elif role == "place":
            out["place"] = lookup_place(span_text, gazetteer=self.gazetteer)
        return out


def sentence_starts(doc: Doc) -> List[int]:
    """The token index where each sentence of doc starts ([] when doc has no sentence boundaries)."""
    return [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else []


def sentence_record(doc: Doc, text: str, token_index: int, sent_starts: List[int]) -> SentenceRecord:
    """The sentence that holds doc[token_index]: its index, offsets and text, trimmed of whitespace.

    text (str): doc.text, passed in because building it costs a join over every token.
    sent_starts (List[int]): sentence_starts(doc).
    """
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
    sentence = text[start:end]
    # A sentence neither begins nor ends with whitespace.
    stripped = sentence.lstrip()
    start += len(sentence) - len(stripped)
    end = start + len(stripped.rstrip())
    return SentenceRecord(index=index, start=start, end=end, text=text[start:end])


def doc_to_records(doc: Doc, *, doc_id: str, model: ModelInfo, ontology: Optional[Ontology] = None,
                   meta: Optional[Dict[str, Optional[str]]] = None,
                   normalizer: Optional[Normalizer] = None) -> List[EventRecord]:
    """Turn the events on a processed doc into validated records.

    doc (Doc): a doc processed by an eventx pipeline (doc._.events set).
    doc_id (str): the document's id.
    model (ModelInfo): the pipeline's name and version.
    ontology (Optional[Ontology]): maps event types to CAMEO and PLOVER codes.
    meta (Optional[Dict]): the document's date, source and url.
    normalizer (Optional[Normalizer]): adds normalized values; none are added when None.
    RETURNS (List[EventRecord]): one record per event, in text order.
    """
    meta = meta or {}
    events = get_events(doc)
    if not events:
        return []
    sent_starts = sentence_starts(doc)
    text = doc.text  # built once: Doc.text joins every token on each access
    records = []
    for ev in sorted(events, key=lambda e: (e["start"], e["end"], e["type"])):
        trig = doc[ev["start"]:ev["end"]]
        etype = ontology.types.get(ev["type"]) if ontology else None
        arguments = []
        for a in sorted(ev["arguments"], key=lambda a: (a["start"], a["end"], a["role"])):
            span = doc[a["start"]:a["end"]]
            arg = {"role": a["role"], "text": span.text, "start": span.start_char, "end": span.end_char}
            extra = normalizer(text, arg, event_type=ev["type"], trigger_text=trig.text,
                               modality=ev["modality"], doc_date=meta.get("date")) if normalizer else {}
            arguments.append(ArgumentRecord(**arg, confidence=float(a["confidence"]), **extra))
        records.append(EventRecord(
            event_id=make_event_id(doc_id, trig.start_char, trig.end_char, ev["type"]),
            doc_id=doc_id, event_type=ev["type"],
            cameo=etype.cameo if etype else None, plover=etype.plover if etype else None,
            trigger=TriggerRecord(text=trig.text, start=trig.start_char, end=trig.end_char),
            sentence=sentence_record(doc, text, ev["start"], sent_starts),
            modality=ev["modality"], polarity=ev["polarity"], confidence=float(ev["confidence"]),
            arguments=arguments, date=meta.get("date"), source=meta.get("source"), url=meta.get("url"),
            model=model,
        ))
    return records
