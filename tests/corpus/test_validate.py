import json

from eventx.corpus.validate import validate_files
from eventx.ontology import Ontology
from eventx.tokenizer import load_lexicon

from ..conftest import SHARED


def write(tmp_path, lines):
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(l if isinstance(l, str) else json.dumps(l, ensure_ascii=False) for l in lines) + "\n",
                    encoding="utf8")
    return path


def problems_of(tmp_path, lines):
    return [str(p) for p in validate_files([write(tmp_path, lines)], Ontology.from_file(), lexicon=load_lexicon())]


def event(etype="SIGN", trigger=(0, 3, "وقع"), args=()):
    return {"type": etype, "trigger": dict(zip(("start", "end", "text"), trigger)),
            "arguments": [dict(zip(("role", "start", "end", "text"), a)) for a in args]}


TEXT = "وقع الوزير مذكرة تفاهم مع نظيره."


def test_seed_gold_is_valid():
    assert validate_files([SHARED / "seed_gold.jsonl"], Ontology.from_file(), lexicon=load_lexicon()) == []


def test_offsets_that_do_not_match_the_text(tmp_path):
    problems = problems_of(tmp_path, [{"id": "a", "text": TEXT, "events": [event(trigger=(0, 4, "وقع"))]}])
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'data.jsonl'}:1: ")
    assert "its text field is 'وقع'" in problems[0]


def test_unknown_type_and_role_and_role_not_allowed(tmp_path):
    problems = problems_of(tmp_path, [
        {"id": "a", "text": TEXT, "events": [event(etype="BUY")]},
        {"id": "b", "text": TEXT, "events": [event(args=[("buyer", 4, 10, "الوزير")])]},
        {"id": "c", "text": TEXT, "events": [event(args=[("duration", 4, 10, "الوزير")])]},
    ])
    assert any(":1: " in p and "unknown event type 'BUY'" in p for p in problems)
    assert any(":2: " in p and "unknown role 'buyer'" in p for p in problems)
    assert any(":3: " in p and "role 'duration' is not allowed for SIGN" in p for p in problems)


def test_argument_overlapping_its_trigger(tmp_path):
    problems = problems_of(tmp_path, [{"id": "a", "text": TEXT, "events": [event(args=[("agent", 0, 10, "وقع الوزير")])]}])
    assert any("overlaps its trigger" in p for p in problems)


def test_span_not_on_token_boundaries(tmp_path):
    problems = problems_of(tmp_path, [{"id": "a", "text": TEXT, "events": [event(args=[("agent", 5, 10, "لوزير")])]}])
    assert any("does not fall on token boundaries" in p for p in problems)


def test_bad_json_missing_fields_and_duplicate_ids_name_their_line(tmp_path):
    problems = problems_of(tmp_path, [
        {"id": "a", "text": TEXT, "events": []},
        "{not json",
        {"text": TEXT},
        {"id": "a", "text": TEXT, "events": []},
    ])
    assert any(":2: invalid JSON" in p for p in problems)
    assert any(":3: id: Field required" in p for p in problems)
    assert any(":4: duplicate id 'a'" in p for p in problems)
