"""The shared test of trainable components: overfit, check exact predictions, save, reload, check again."""
import random

import pytest
from thinc.api import Config, fix_random_seed
from spacy.util import load_model_from_config

from eventx.corpus.reader import read_examples
from eventx.pipeline.events import get_events

from ..conftest import REPO

SMALL_TOK2VEC = {"components.tok2vec.model.embed.width": 64, "components.tok2vec.model.encode.width": 64,
                 "components.tok2vec.model.encode.depth": 2,
                 "components.eventx_triggers.model.tok2vec.width": 64,
                 "components.eventx_arguments.model.tok2vec.width": 64}


def spans(doc):
    return [(doc[e["start"]:e["end"]].text, e["type"],
             sorted((a["role"], doc[a["start"]:a["end"]].text) for a in e["arguments"]))
            for e in get_events(doc)]


def gold(eg):
    return spans(eg.reference)


# (argument model, whether the trigger tagger also reads the ontology's trigger lexicon and the
#  linker the entity lexicon, whether the linker trains on the sequence loss)
VARIANTS = [("eventx.ArgumentModel.v1", False, False), ("eventx.ArgumentModel.v2", True, True)]


@pytest.fixture(scope="module", params=VARIANTS, ids=["v1", "v2+lexicons+sequence_loss"])
def trained(tmp_path_factory, request):
    from tests.conftest import TRAIN_DOCS
    import json

    fix_random_seed(0)
    path = tmp_path_factory.mktemp("data") / "train.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in TRAIN_DOCS), encoding="utf8")
    config = Config().from_disk(REPO / "configs" / "cnn.cfg", overrides=SMALL_TOK2VEC)
    arg_architecture, with_lexicon, sequence_loss = request.param
    config["components"]["eventx_arguments"]["sequence_loss"] = sequence_loss
    arg_model = config["components"]["eventx_arguments"]["model"]
    arg_model["@architectures"] = arg_architecture
    if arg_architecture.endswith("v1"):
        del arg_model["lstm_width"]
    if with_lexicon:  # and the linker reads the entity lexicon
        trigger_model = config["components"]["eventx_triggers"]["model"]
        trigger_model["tok2vec"] = {"@architectures": "eventx.ConcatTok2Vec.v1",
                                    "*": {"cnn": trigger_model["tok2vec"],
                                          "lexicon": {"@architectures": "eventx.TriggerLexicon.v1"}}}
        arg_model["tok2vec"] = {"@architectures": "eventx.ConcatTok2Vec.v1",
                                "*": {"cnn": arg_model["tok2vec"],
                                      "entities": {"@architectures": "eventx.EntityLexicon.v1"}}}
    config["paths"]["ontology"] = str(REPO / "configs" / "ontology.toml")
    nlp, examples = overfit(config, path)
    assert bool(trigger_lexicon(nlp)) == bool(entity_table(nlp)) == with_lexicon
    return nlp, examples


def overfit(config, path, seed=0, steps=80):
    """A pipeline built from config and trained on the annotated file until it knows it by heart."""
    nlp = load_model_from_config(config, auto_fill=True)
    examples = read_examples(nlp, [path])
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(steps):
        rng.shuffle(examples)
        for eg in examples:
            nlp.get_pipe("sentencizer")(eg.predicted)
        nlp.update(examples, sgd=optimizer, drop=0.0, annotates=["sentencizer"])
    return nlp, examples


def test_overfit_exact_predictions_then_save_and_reload(trained, tmp_path):
    import spacy

    nlp, examples = trained
    texts = [eg.reference.text for eg in examples]
    expected = [gold(eg) for eg in examples]
    predicted = [spans(doc) for doc in nlp.pipe(texts)]
    assert predicted == expected
    nlp.to_disk(tmp_path / "model")
    nlp2 = spacy.load(tmp_path / "model")
    assert [spans(doc) for doc in nlp2.pipe(texts)] == expected
    assert trigger_lexicon(nlp2) == trigger_lexicon(nlp)
    assert entity_table(nlp2) == entity_table(nlp)


def entity_table(nlp):
    """The table of the linker's EntityLexicon layer; None without one."""
    layers = [n for n in nlp.get_pipe("eventx_arguments").model.walk() if n.name == "eventx_entity_lexicon"]
    return layers[0].attrs["table"] if layers else None


def trigger_lexicon(nlp):
    """The lexicon of the trigger tagger's TriggerLexicon layer; None without one."""
    layers = [n for n in nlp.get_pipe("eventx_triggers").model.walk() if n.name == "eventx_trigger_lexicon"]
    return layers[0].attrs["lexicon"] if layers else None


def test_trigger_attributes_and_ontology_are_kept(trained, tmp_path):
    nlp, _ = trained
    doc = nlp("نشرت الحكومة ألفي جندي في وادي سوات.")
    ev = get_events(doc)[0]
    assert ev["modality"] == "asserted" and ev["polarity"] == "positive"
    assert 0.0 <= ev["confidence"] <= 1.0
    tagger = nlp.get_pipe("eventx_triggers")
    assert tagger.types == ["SIGN", "MEET", "EXTEND", "DEPLOY"]
    assert tagger.ontology.types["SIGN"].cameo == "057"
    if trigger_lexicon(nlp) is not None:  # filled from the ontology's lists; التقى as feature_key spells it
        assert trigger_lexicon(nlp)["التقي"] == [tagger.types.index("MEET")]
    linker = nlp.get_pipe("eventx_arguments")
    assert "duration" not in linker.cfg["allowed"]["SIGN"]


def test_negatives_have_no_events(trained):
    nlp, _ = trained
    assert get_events(nlp("وقع الانفجار قرب السوق المركزي صباح اليوم.")) == []


def test_linker_attaches_one_span_to_two_events(trained):
    """A span can be the argument of two events: candidates are per trigger."""
    nlp, _ = trained
    linker = nlp.get_pipe("eventx_arguments")
    doc = nlp.make_doc("وقع وزير الخارجية المصري اتفاقية تعاون مع نظيره الأردني في عمان أمس.")
    for name in ("sentencizer", "tok2vec"):
        doc = nlp.get_pipe(name)(doc)
    from eventx.pipeline.events import set_events

    base = {"type": "SIGN", "modality": "asserted", "polarity": "positive", "confidence": 1.0, "arguments": []}
    set_events(doc, [{**base, "start": 0, "end": 1}, {**base, "type": "MEET", "start": 0, "end": 1}])
    linker(doc)
    sign, meet = get_events(doc)
    assert ("agent", 1, 4) in [(a["role"], a["start"], a["end"]) for a in sign["arguments"]]
    assert all(a["role"] != "object" for a in meet["arguments"])  # MEET allows no object
