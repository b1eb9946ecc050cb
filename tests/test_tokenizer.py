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


def test_v2_word_features_read_one_key_for_every_spelling(tmp_path):
    """v2: diacritics, tatweel, hamza forms and digit scripts do not split a word's features."""
    from spacy.attrs import NORM, PREFIX, SHAPE, SUFFIX

    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "eventx.ArabicTokenizer.v2"}}})
    text = "عقدوا اجتماعاً وأُبرمت اتفاقيّة ٢٠٢٤ | عقدوا اجتماعا وابرمت اتفاقيه 2024"
    doc = nlp(text)
    assert doc.text == text
    left, right = doc[:6], doc[7:]
    for attr in (NORM, PREFIX, SUFFIX, SHAPE):
        assert list(left.as_doc().to_array([attr])) == list(right.as_doc().to_array([attr]))
    assert [t.norm_ for t in left] == ["عقدوا", "اجتماعا", "و", "ابرمت", "اتفاقيه", "2024"]
    # Saved and loaded, a pipeline keeps reading the keys.
    nlp.to_disk(tmp_path / "nlp")
    assert spacy.load(tmp_path / "nlp")("اجتماعاً")[0].suffix_ == "اعا"
    # v1 still reads the spelling, so pipelines trained with it are unchanged.
    assert make_nlp()("اجتماعاً")[0].suffix_ == "عاً"
