"""The annotation's source as a trigger-tagger feature (eventx.SourceFeature.v1)."""
import json

import spacy
from thinc.api import Config, fix_random_seed

from eventx.corpus.reader import read_examples
from eventx.models.source_feature import SOURCE_KEY, build_source_feature
from eventx.pipeline.events import get_events

from ..conftest import REPO, TRAIN_DOCS
from .test_components import SMALL_TOK2VEC, overfit

# The same words, an event in a sentence written for the corpus and none in the news.
WRITTEN = "نشرت الوزارة بيانا عن الجنود."


def write(path, docs):
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf8")
    return path


def test_the_reader_sets_the_source_and_the_layer_flags_written_sentences(tmp_path):
    docs = [dict(TRAIN_DOCS[0], source="authored"), dict(TRAIN_DOCS[1], source="gsr"), TRAIN_DOCS[2]]
    nlp = spacy.blank("ar")
    examples = read_examples(nlp, [write(tmp_path / "t.jsonl", docs)])
    assert [eg.predicted.user_data.get(SOURCE_KEY) for eg in examples] == ["authored", "gsr", None]
    assert [eg.reference.user_data.get(SOURCE_KEY) for eg in examples] == ["authored", "gsr", None]
    layer = build_source_feature(["authored"], width=3)
    extracted = nlp.make_doc(TRAIN_DOCS[0]["text"])  # as eventx extract makes it: no source
    flags = layer.predict([eg.predicted for eg in examples] + [extracted])
    assert [f.shape for f in flags] == [(len(eg.predicted), 3) for eg in examples] + [(len(extracted), 3)]
    assert [sorted(set(f.ravel().tolist())) for f in flags] == [[1.0], [0.0], [0.0], [0.0]]


def test_the_tagger_learns_what_the_source_changes_and_reads_news_at_extraction(tmp_path):
    fix_random_seed(0)
    start = WRITTEN.index("نشرت")
    written = {"id": "w", "text": WRITTEN, "source": "authored", "events": [
        {"type": "DEPLOY", "trigger": {"text": "نشرت", "start": start, "end": start + 4}, "arguments": []}]}
    news = {"id": "n", "text": WRITTEN, "source": "gsr", "events": []}
    path = write(tmp_path / "train.jsonl", [dict(d, source="gsr") for d in TRAIN_DOCS] + [written, news])
    config = Config().from_disk(REPO / "configs" / "cnn.cfg", overrides=SMALL_TOK2VEC)
    trigger_model = config["components"]["eventx_triggers"]["model"]
    trigger_model["tok2vec"] = {"@architectures": "eventx.ConcatTok2Vec.v1",
                                "*": {"cnn": trigger_model["tok2vec"],
                                      "source": {"@architectures": "eventx.SourceFeature.v1"}}}
    config["paths"]["ontology"] = str(REPO / "configs" / "ontology.toml")
    nlp, examples = overfit(config, path)
    by_id = {eg.reference.user_data[SOURCE_KEY] + eg.reference.text: eg for eg in examples}
    written_doc = nlp(by_id["authored" + WRITTEN].predicted.copy())
    assert [(written_doc[e["start"]:e["end"]].text, e["type"]) for e in get_events(written_doc)] == [("نشرت", "DEPLOY")]
    assert get_events(nlp(WRITTEN)) == []  # extraction: no source, read as news
    nlp.to_disk(tmp_path / "model")
    assert get_events(spacy.load(tmp_path / "model")(WRITTEN)) == []


def test_the_linker_s_sentence_pieces_keep_the_source():
    from eventx.models.argument_model import _piece_docs

    nlp = spacy.blank("ar")
    doc = nlp.make_doc("التقى الوزير نظيره. ووقع الطرفان اتفاقية.")
    doc.user_data[SOURCE_KEY] = "authored"
    plain = nlp.make_doc(doc.text)
    whole, piece, plain_piece = _piece_docs([doc, plain], [(0, 0, len(doc)), (0, 4, len(doc)), (1, 4, len(plain))])
    assert whole is doc and piece.text == "ووقع الطرفان اتفاقية." and plain_piece.text == piece.text
    layer = build_source_feature(["authored"], width=2)
    assert [sorted(set(f.ravel().tolist())) for f in layer.predict([piece, plain_piece])] == [[1.0], [0.0]]
