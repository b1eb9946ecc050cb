"""The ontology's trigger lexicon as token features (eventx.TriggerLexicon.v1)."""
import spacy

from eventx.models.trigger_lexicon import build_trigger_lexicon, set_trigger_lexicon
from eventx.ontology import Ontology

from ..conftest import REPO


def lexicon_layer():
    onto = Ontology.from_file(REPO / "configs" / "ontology.toml")
    layer = build_trigger_lexicon()
    set_trigger_lexicon(layer, onto.type_names, onto.trigger_lists)
    layer.initialize()
    return layer, onto.type_names


def columns(layer, types, text):
    nlp = spacy.blank("ar")
    doc = nlp.make_doc(text)
    (features,), _ = layer([doc], is_train=False)
    return {token.text: [types[c] for c in range(len(types)) if features[token.i, c]] for token in doc}


def test_inflected_forms_match_their_type_and_other_words_do_not():
    layer, types = lexicon_layer()
    found = columns(layer, types, "زار الوزير القاهرة وسيلتقي نظيره بعد اجتماعها ونشرت القوات")
    assert found["زار"] == ["MEET"]
    assert found["وسيلتقي"] == []  # the blank tokenizer leaves و attached: no match
    assert found["اجتماعها"] == ["MEET"]
    assert found["ونشرت"] == []
    assert found["القوات"] == [] and found["الوزير"] == []


def test_the_lexicon_is_saved_with_the_model():
    layer, types = lexicon_layer()
    restored = build_trigger_lexicon().from_bytes(layer.to_bytes())
    assert restored.attrs["lexicon"] == layer.attrs["lexicon"]
    assert restored.attrs["types"] == types and restored.get_dim("nO") == len(types)
    assert columns(restored, types, "التقى الرئيس") == {"التقى": ["MEET"], "الرئيس": []}
