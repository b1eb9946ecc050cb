"""Word roots as a hash-embedded feature of the CNN (eventx.ArabicHashEmbed.v1)."""
import json

import pytest
import spacy
from thinc.api import Config, fix_random_seed

from eventx.models.root_embed import build_arabic_hash_embed, word_root
from eventx.pipeline.events import get_events

from ..conftest import REPO, _doc
from .test_components import SMALL_TOK2VEC, overfit


@pytest.mark.parametrize("forms, root", [
    ("جدد جددت تجديد التجديد يجدد", "جدد"),
    ("اجتماع اجتمعت تجتمع الاجتماعات اجتماعاتهما", "جمع"),
    ("مقابلة قابلت", "قبل"),
    ("جَدَّدَتْ جـددت", "جدد"),  # diacritics and tatweel do not change the root
])
def test_inflected_forms_share_a_root(forms, root):
    assert {word_root(form) for form in forms.split()} == {root}


def test_tokens_that_are_not_arabic_words_keep_their_feature_key():
    assert [word_root(t) for t in ["٢٠٢٤", "UN", "."]] == ["2024", "un", "."]


def test_the_layer_gives_one_vector_per_token_and_one_root_row_per_root():
    nlp = spacy.blank("ar")
    model = build_arabic_hash_embed(16, ["NORM", "PREFIX", "SUFFIX", "SHAPE"], [50, 20, 20, 10], 30)
    docs = [nlp.make_doc("جددت الأمم المتحدة المهمة"), nlp.make_doc("تجديد"), nlp.make_doc("")]
    model.initialize(X=docs)
    assert [y.shape for y in model.predict(docs)] == [(4, 16), (1, 16), (0, 16)]
    features = model.layers[0].predict(docs)
    assert [f.shape for f in features] == [(4, 5), (1, 5), (0, 5)]
    assert features[0][0, -1] == features[1][0, -1]  # جددت and تجديد: one root
    assert features[0][0, 0] != features[1][0, 0]  # two words all the same


FRAME = "{} المجلس المهمة أمس."
# Two forms of جدد are extensions; a dozen other verbs in the same frame are not, among them
# verbs that begin as يجدد does. So no feature but the root ties the unseen forms to جددت and تجديد.
TRAIN = [("جددت", True), ("تجديد", True)] + [(verb, False) for verb in "أجل عدل جمد ألغى درس يدرس يناقش يراجع رفض أقر علق يؤجل".split()]
UNSEEN = ["جدد", "يجدد", "مجدد"]


@pytest.mark.parametrize("embed, finds", [("eventx.ArabicHashEmbed.v1", True), ("spacy.MultiHashEmbed.v2", False)])
def test_the_root_carries_a_trigger_to_an_unseen_inflection(tmp_path, embed, finds):
    fix_random_seed(0)
    docs = [_doc(f"d{i}", FRAME.format(verb), [("EXTEND", verb, [])] if event else [])
            for i, (verb, event) in enumerate(TRAIN)]
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf8")
    config = Config().from_disk(REPO / "configs" / "cnn.cfg", overrides=SMALL_TOK2VEC)
    if embed == "eventx.ArabicHashEmbed.v1":
        config["components"]["tok2vec"]["model"]["embed"] = {
            "@architectures": embed, "width": 64, "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            "rows": [5000, 2500, 2500, 500], "root_rows": 2500}
    config["paths"]["ontology"] = str(REPO / "configs" / "ontology.toml")
    nlp, _ = overfit(config, path)

    def found(pipeline):
        return [form for form in UNSEEN
                if [e["type"] for e in get_events(pipeline(FRAME.format(form)))] == ["EXTEND"]]

    assert found(nlp) == (UNSEEN if finds else [])
    nlp.to_disk(tmp_path / "model")
    assert found(spacy.load(tmp_path / "model")) == found(nlp)
