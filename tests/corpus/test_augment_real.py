import importlib.util
import json
import random
import sys

from ..conftest import REPO, _doc

spec = importlib.util.spec_from_file_location("augment_real", REPO / "seeds" / "corpus" / "tools" / "augment_real.py")
augment_real = importlib.util.module_from_spec(spec)
spec.loader.exec_module(augment_real)

TEXT = "والتقى الرئيس التونسي وفدا من البنك الدولي في قرطاج، ووقع معه اتفاقا في قرطاج."
DOC = {**_doc("gsr-1", TEXT, [
    ("MEET", "التقى", [("agent", "الرئيس التونسي"), ("partner", "وفدا من البنك الدولي"), ("place", "قرطاج")]),
    ("SIGN", "ووقع", [("agent", "الرئيس التونسي"), ("object", "اتفاقا")]),
]), "source": "gsr"}
POOLS = {"actor": ["وزير الخارجية المصري", "الرئيس التونسي"], "place": ["عمان"]}


def spans_hold(doc):
    text = doc["text"]
    for event in doc["events"]:
        for span in [event["trigger"], *event["arguments"]]:
            assert text[span["start"]:span["end"]] == span["text"]


def test_copy_swaps_named_arguments_and_keeps_every_offset_exact():
    copy = augment_real.augmented_copy(DOC, POOLS, random.Random(0), 1)
    spans_hold(copy)
    assert copy["id"] == "gsr-1~aug1" and copy["source"] == "gsr-augmented"
    meet, sign = copy["events"]
    roles = {a["role"]: a["text"] for a in meet["arguments"]}
    assert roles["agent"] == "وزير الخارجية المصري"  # the only other actor in the pool
    assert roles["place"] == "عمان"
    assert sign["arguments"][0]["text"] == roles["agent"]  # one span, two events: swapped once, for both
    assert meet["trigger"]["text"] == "التقى" and sign["arguments"][1]["text"] == "اتفاقا"
    assert copy["text"].endswith("في قرطاج.")  # a place that is no argument stays


def test_span_glued_to_a_clitic_is_not_swapped():
    text = "والتقى الرئيس وفدا من بغداد ولبنان."
    doc = _doc("gsr-2", text, [("MEET", "التقى", [("agent", "الرئيس"), ("partner", "لبنان")])])
    assert list(augment_real.swappable_spans(doc).values()) == ["actor"]  # الرئيس only


def test_copies_are_deterministic(tmp_path):
    train = tmp_path / "train.jsonl"
    train.write_text(json.dumps(DOC, ensure_ascii=False) + "\n", encoding="utf-8")
    outs = []
    for name in ("a.jsonl", "b.jsonl"):
        out = tmp_path / name
        argv, sys.argv = sys.argv, ["augment_real", str(train), "-o", str(out)]
        try:
            augment_real.main()
        finally:
            sys.argv = argv
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    lines = [json.loads(l) for l in outs[0].splitlines()]
    assert [l["id"] for l in lines] == ["gsr-1", "gsr-1~aug1", "gsr-1~aug2"]
    assert all("قرطاج" in l["text"] for l in lines)  # the only place: nothing to swap it for
