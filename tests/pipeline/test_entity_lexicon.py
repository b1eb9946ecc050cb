"""Names and time words as token features for the argument linker (eventx.EntityLexicon.v1)."""
import spacy

from eventx.models.entity_lexicon import COLUMNS, build_entity_lexicon
from eventx.normalize.gazetteer import Gazetteer


def columns(layer, text):
    doc = spacy.blank("ar").make_doc(text)
    (features,), _ = layer([doc], is_train=False)
    assert features.shape == (len(doc), len(COLUMNS))
    return [(token.text, [COLUMNS[c] for c in range(len(COLUMNS)) if features[token.i, c]]) for token in doc]


def test_names_titles_and_times_get_their_columns():
    layer = build_entity_lexicon()
    found = dict(columns(layer, "استقبل الرئيس المصري وفدا من الأمم المتحدة في وبيروت صباح الاثنين"))
    assert found["استقبل"] == [] and found["وفدا"] == [] and found["في"] == []
    assert found["الرئيس"] == ["title"]
    assert found["المصري"] == ["adjective"]
    assert found["الأمم"] == found["المتحدة"] == ["organization"]  # every token of a two-word name
    assert found["وبيروت"] == ["place"]  # the conjunction is read off, as the gazetteer reads names
    assert found["صباح"] == found["الاثنين"] == ["time"]


def test_a_name_does_not_run_across_punctuation():
    layer = build_entity_lexicon()
    found = columns(layer, "الأمم ، المتحدة")
    assert found == [("الأمم", []), ("،", []), ("المتحدة", [])]


def test_a_user_gazetteer_does_not_change_a_trained_layer(tmp_path):
    layer = build_entity_lexicon()
    restored = build_entity_lexicon().from_bytes(layer.to_bytes())
    assert restored.attrs["table"] == layer.attrs["table"] and restored.attrs["longest"] == layer.attrs["longest"]
    assert columns(restored, "زار الرئيس مصر") == [("زار", []), ("الرئيس", ["title"]), ("مصر", ["country"])]


def test_gazetteer_keys_list_every_name_once_in_order():
    keys = [key for key, _ in Gazetteer.default().keys()]
    assert keys == sorted(set(keys))
    assert ("مصر",) in keys and ("الامم", "المتحده") in keys


def test_a_user_gazetteer_file_adds_its_names(tmp_path):
    import json

    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"format": "eventx-gazetteer", "version": 1, "places": [
        {"name": "Kilo 4", "names": ["منطقة كيلو 4"], "country": None}]}, ensure_ascii=False), encoding="utf8")
    text = "تتمركز القوات في منطقة كيلو 4"
    assert dict(columns(build_entity_lexicon(), text))["كيلو"] == []
    found = dict(columns(build_entity_lexicon(gazetteer_paths=[str(path)]), text))
    assert found["منطقة"] == found["كيلو"] == found["4"] == ["place"]
