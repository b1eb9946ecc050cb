"""The record schema: strict pydantic models, one EventRecord per event.

Offsets are character offsets into the input document's text exactly as given
(Python string indices, end exclusive), never token indices.
"""
import datetime
import hashlib
from typing import List, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from ..normalize.values import Actor, DurationValue, Place, TimeValue

SCHEMA_VERSION = "1.0"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class TriggerRecord(_Record):
    """The word (or smallest word group) that expresses the event."""

    text: str = Field(description="The trigger as written: text[start:end] of the document.")
    start: int = Field(ge=0, description="Start character offset in the document text (inclusive).")
    end: int = Field(ge=0, description="End character offset in the document text (exclusive).")


class SentenceRecord(_Record):
    """The sentence that holds the trigger."""

    index: int = Field(ge=0, description="0-based index of the sentence in the document.")
    start: int = Field(ge=0, description="Start character offset of the sentence in the document text.")
    end: int = Field(ge=0, description="End character offset of the sentence in the document text (exclusive).")
    text: str = Field(description="The sentence: text[start:end] of the document.")


class ArgumentRecord(_Record):
    """A participant or circumstance of the event, with its role."""

    role: str = Field(description="The argument's role: agent, partner, object, topic, place, time, duration (or a role of a custom ontology).")
    text: str = Field(description="The argument as written: text[start:end] of the document.")
    start: int = Field(ge=0, description="Start character offset in the document text (inclusive).")
    end: int = Field(ge=0, description="End character offset in the document text (exclusive).")
    confidence: float = Field(ge=0.0, le=1.0, description="The model's confidence in the span and role (mean tag probability).")
    restored: Optional[str] = Field(default=None, description="For a span cut out of a ل + ال fusion (للتنسيق → لتنسيق), the word with its article restored (التنسيق); null otherwise.")
    normalized: Optional[Union[TimeValue, DurationValue]] = Field(default=None, description="For a time argument: its TIMEX3-style value (resolved against the document date); for a duration argument: its ISO 8601 duration. Null for other roles.")
    actor: Optional[Actor] = Field(default=None, description="For agent and partner arguments (and a DEPLOY object): the actor found in the gazetteer (canonical name, ISO 3166 alpha-3 country, sector); null when unknown or for other roles.")
    place: Optional[Place] = Field(default=None, description="For a place argument: the place found in the gazetteer (canonical name, country); null when unknown or for other roles.")


class ModelInfo(_Record):
    """The pipeline that produced the record."""

    name: str = Field(description="The pipeline's name (spaCy meta name, e.g. ar_eventx_core; 'keywords' for the baseline).")
    version: str = Field(description="The pipeline's version.")


class EventRecord(_Record):
    """One event mention found in a document."""

    schema_version: Literal["1.0"] = Field(default=SCHEMA_VERSION, description="Version of this record schema.")
    event_id: str = Field(description="Deterministic id: a hash of doc_id, trigger offsets and event type. The same input and model give the same id.")
    doc_id: str = Field(description="The input document's id: the JSONL line's id, or the file name of a .txt file.")
    event_type: str = Field(description="The event type (SIGN, MEET, EXTEND, DEPLOY, or a type of a custom ontology).")
    cameo: Optional[str] = Field(default=None, description="The CAMEO code the event type maps to, from the ontology.")
    plover: Optional[str] = Field(default=None, description="The PLOVER event type the event type maps to, from the ontology.")
    trigger: TriggerRecord = Field(description="The trigger span.")
    sentence: SentenceRecord = Field(description="The sentence holding the trigger.")
    modality: Literal["asserted", "other"] = Field(description="asserted: reported as having happened or happening; other: planned, requested, expected, possible, conditional.")
    polarity: Literal["positive", "negative"] = Field(description="negative only when the text says the event did not or will not happen.")
    confidence: float = Field(ge=0.0, le=1.0, description="The model's confidence in the trigger and its type.")
    arguments: List[ArgumentRecord] = Field(default_factory=list, description="The event's arguments, in text order.")
    date: Optional[str] = Field(default=None, description="The document's publication date (ISO 8601) as given in the input, if any.")
    source: Optional[str] = Field(default=None, description="The document's source as given in the input, if any.")
    url: Optional[str] = Field(default=None, description="The document's URL as given in the input, if any.")
    model: ModelInfo = Field(description="Name and version of the pipeline that produced this record.")


def make_event_id(doc_id: str, start: int, end: int, event_type: str) -> str:
    """A stable id for an event: the same document, trigger and type give the same id."""
    key = "\x1f".join([doc_id, str(start), str(end), event_type])
    return "ev_" + hashlib.sha1(key.encode("utf8")).hexdigest()[:20]


def document_date(value: Optional[str]) -> Optional[datetime.date]:
    """The calendar date of a record's `date` (ISO 8601, a time part allowed); None if absent or not ISO."""
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
