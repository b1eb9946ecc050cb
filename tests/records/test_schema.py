import pytest
from pydantic import ValidationError

from eventx.records import ArgumentRecord, EventRecord, ModelInfo, SentenceRecord, TriggerRecord, make_event_id


def record(**overrides):
    values = dict(
        event_id=make_event_id("doc-1", 0, 3, "SIGN"), doc_id="doc-1", event_type="SIGN",
        trigger=TriggerRecord(text="وقع", start=0, end=3),
        sentence=SentenceRecord(index=0, start=0, end=20, text="وقع الوزير مذكرة تفا"),
        modality="asserted", polarity="positive", confidence=0.9,
        arguments=[ArgumentRecord(role="agent", text="الوزير", start=4, end=10, confidence=0.8)],
        model=ModelInfo(name="ar_eventx_core", version="0.1.0"),
    )
    values.update(overrides)
    return EventRecord(**values)


def test_event_id_is_deterministic_and_distinguishes_its_parts():
    assert make_event_id("d", 0, 3, "SIGN") == make_event_id("d", 0, 3, "SIGN")
    ids = {make_event_id("d", 0, 3, "SIGN"), make_event_id("d", 0, 3, "MEET"),
           make_event_id("d", 0, 4, "SIGN"), make_event_id("e", 0, 3, "SIGN")}
    assert len(ids) == 4


def test_record_is_strict():
    assert record().schema_version == "1.0"
    with pytest.raises(ValidationError):
        record(modality="maybe")
    with pytest.raises(ValidationError):
        record(confidence=1.5)
    with pytest.raises(ValidationError):
        EventRecord.model_validate({**record().model_dump(), "extra_key": 1})


def test_json_roundtrip():
    rec = record()
    assert EventRecord.model_validate_json(rec.model_dump_json()) == rec


def test_every_schema_field_has_a_description():
    schema = EventRecord.model_json_schema()
    missing = []
    for name, definition in [("EventRecord", schema)] + list(schema.get("$defs", {}).items()):
        for field, spec in definition.get("properties", {}).items():
            if "description" not in spec:
                missing.append(f"{name}.{field}")
    assert missing == []
