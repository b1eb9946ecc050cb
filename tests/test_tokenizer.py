import json

import spacy

from eventx.tokenizer import ArabicTokenizer, load_lexicon

from .conftest import SHARED


def make_nlp():
    return spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "eventx.ArabicTokenizer.v1"}}})


def test_tokenizer_is_built_from_the_registry():
    nlp = make_nlp()
    assert isinstance(nlp.tokenizer, ArabicTokenizer)
    doc = nlp("ووقع الوزير بتمديد المهمة")
    assert [t.text for t in doc] == ["و", "وقع", "الوزير", "ب", "تمديد", "المهمة"]
    assert doc.text == "ووقع الوزير بتمديد المهمة"


def test_tokenizer_serialization_roundtrip(tmp_path):
    nlp = make_nlp()
    nlp.tokenizer.lexicon = {"قوات": 5}
    nlp.to_disk(tmp_path / "nlp")
    nlp2 = spacy.load(tmp_path / "nlp")
    assert nlp2.tokenizer.lexicon == {"قوات": 5}
    tok = ArabicTokenizer(nlp.vocab, {}).from_bytes(nlp.tokenizer.to_bytes())
    assert tok.lexicon == {"قوات": 5}


def test_every_seed_gold_span_falls_on_token_boundaries():
    nlp = make_nlp()
    for line in (SHARED / "seed_gold.jsonl").open(encoding="utf8"):
        ann = json.loads(line)
        doc = nlp(ann["text"])
        assert doc.text == ann["text"]
        for ev in ann["events"]:
            for span in [ev["trigger"]] + ev["arguments"]:
                assert doc.char_span(span["start"], span["end"]) is not None, span


def test_packaged_lexicon_loads():
    assert len(load_lexicon()) > 1000
