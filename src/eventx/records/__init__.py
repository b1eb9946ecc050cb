"""Event records: the validated output of eventx, one per event (pydantic only, no spaCy)."""
from .schema import SCHEMA_VERSION, ArgumentRecord, EventRecord, ModelInfo, SentenceRecord, TriggerRecord, make_event_id

__all__ = ["SCHEMA_VERSION", "ArgumentRecord", "EventRecord", "ModelInfo", "SentenceRecord", "TriggerRecord", "make_event_id"]
