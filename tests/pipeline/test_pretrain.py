"""`eventx pretrain`: CNN tok2vec weights from raw text, which training then starts from."""
import json

import pytest
from spacy.util import load_model_from_config
from thinc.api import Config

from eventx.corpus.reader import read_examples
from eventx.train import pretrain_tok2vec, train_pipeline

from ..conftest import REPO, TRAIN_DOCS
from .test_components import SMALL_TOK2VEC

CNN = REPO / "configs" / "cnn.cfg"


@pytest.fixture(scope="module")
def weights(tmp_path_factory):
    texts = [d["text"] for d in TRAIN_DOCS] * 3
    return pretrain_tok2vec(texts, tmp_path_factory.mktemp("pretrain"), config=CNN, epochs=1,
                            overrides=SMALL_TOK2VEC)


def test_training_starts_from_the_pretrained_weights(weights, tmp_path):
    assert weights.name == "model-last.bin" and weights.exists()
    assert (weights.parent / "model0.bin").exists() and not (weights.parent / "model1.bin").exists()  # one epoch
    assert json.loads((weights.parent / "log.jsonl").read_text().splitlines()[0])["nr_word"] > 0
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in TRAIN_DOCS), encoding="utf8")

    def initialized(init_tok2vec):
        overrides = {**SMALL_TOK2VEC, "paths.ontology": str(REPO / "configs" / "ontology.toml"),
                     "paths.init_tok2vec": init_tok2vec}
        nlp = load_model_from_config(Config().from_disk(CNN, overrides=overrides), auto_fill=True)
        examples = read_examples(nlp, [data])
        nlp.initialize(lambda: examples)
        return nlp.get_pipe("tok2vec").model

    pretrained, fresh = initialized(str(weights)), initialized(None)
    assert pretrained.to_bytes() == weights.read_bytes()
    assert pretrained.to_bytes() != fresh.to_bytes()


def test_init_tok2vec_needs_a_config_with_a_pretraining_section(weights, tmp_path):
    """spaCy ignores paths.init_tok2vec without [pretraining]: say so instead of training from scratch."""
    config = Config().from_disk(CNN, interpolate=False)
    del config["pretraining"]
    path = tmp_path / "no_pretraining.cfg"
    config.to_disk(path)
    with pytest.raises(ValueError, match="no \\[pretraining\\] section"):
        train_pipeline(tmp_path / "t.jsonl", tmp_path / "d.jsonl", tmp_path / "out", config=path,
                       overrides={"paths.init_tok2vec": str(weights)})


def test_too_little_text_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="No text to pre-train on"):
        pretrain_tok2vec(["قصير جدا"], tmp_path, config=CNN, epochs=1)
