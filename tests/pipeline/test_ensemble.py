"""eventx.TriggerEnsemble.v1, eventx.ArgumentEnsemble.v1, `eventx ensemble`: several trained runs averaged in one pipeline."""
import json

import numpy
import pytest
import spacy
from spacy.tokens import Doc
from thinc.api import Config, fix_random_seed

from eventx.ensemble import ARGUMENTS, TRIGGERS, ensemble_arguments, ensemble_pipelines
from eventx.models.argument_model import _has_listener, _pieces, get_instances
from eventx.pipeline.events import get_events, set_events

from ..conftest import REPO, TRAIN_DOCS
from .test_components import SMALL_TOK2VEC, gold, overfit, spans


def _train(path, seed):
    fix_random_seed(seed)
    config = Config().from_disk(REPO / "configs" / "cnn.cfg", overrides=SMALL_TOK2VEC)
    config["paths"]["ontology"] = str(REPO / "configs" / "ontology.toml")
    return overfit(config, path, seed=seed)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """Two pipelines of one config trained with different seeds, saved; and the training examples."""
    root = tmp_path_factory.mktemp("ensemble")
    data = root / "train.jsonl"
    data.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in TRAIN_DOCS), encoding="utf8")
    paths = []
    for seed in (0, 1):
        nlp, examples = _train(data, seed)
        nlp.to_disk(root / f"run{seed}")
        paths.append(root / f"run{seed}")
    return paths, examples


def _linker_scores(nlp, texts, examples):
    """The linker's tag probabilities on the gold triggers."""
    docs = list(nlp.pipe(texts, disable=["eventx_arguments"]))
    for doc, eg in zip(docs, examples):
        set_events(doc, [dict(ev, arguments=[]) for ev in get_events(eg.reference)])
    scores, instances = nlp.get_pipe("eventx_arguments").predict(docs)
    return nlp.get_pipe("eventx_arguments").model.ops.to_numpy(scores), instances


def test_ensemble_averages_its_members_and_survives_save_and_reload(two_runs, tmp_path):
    (run0, run1), examples = two_runs
    assert ensemble_arguments(run0, [run1], tmp_path / "ens", version="9.9.9") == 2
    ens = spacy.load(tmp_path / "ens")
    assert ens.meta["version"] == "9.9.9"
    assert ens.config["components"]["eventx_arguments"]["model"]["@architectures"] == "eventx.ArgumentEnsemble.v1"
    texts = [eg.reference.text for eg in examples]
    assert [spans(doc) for doc in ens.pipe(texts)] == [gold(eg) for eg in examples]
    base = spacy.load(run0)
    a, instances = _linker_scores(base, texts, examples)
    b, _ = _linker_scores(spacy.load(run1), texts, examples)
    mean, ens_instances = _linker_scores(ens, texts, examples)
    assert (ens_instances == instances).all()
    assert not numpy.allclose(a, b)  # two seeds: two different linkers
    numpy.testing.assert_allclose(mean, (a + b) / 2, atol=1e-6)
    # The triggers are the base pipeline's own.
    assert [[(e["start"], e["end"], e["type"]) for e in get_events(d)] for d in ens.pipe(texts)] == \
        [[(e["start"], e["end"], e["type"]) for e in get_events(d)] for d in base.pipe(texts)]


def test_an_ensemble_grows_by_more_members(two_runs, tmp_path):
    (run0, run1), examples = two_runs
    ensemble_arguments(run0, [run1], tmp_path / "two", version="1.0.0")
    assert ensemble_arguments(tmp_path / "two", [run0], tmp_path / "three", version="1.0.1") == 3
    three = spacy.load(tmp_path / "three")
    assert len(three.get_pipe("eventx_arguments").model.layers) == 3


def test_members_must_share_roles_and_types(two_runs, tmp_path):
    (run0, run1), _ = two_runs
    other = spacy.load(run1)
    other.get_pipe("eventx_arguments").cfg["roles"] = ["agent"]
    other.to_disk(tmp_path / "other")
    with pytest.raises(ValueError, match=r"\[E043\].*argument linkers.*roles and types differ"):
        ensemble_arguments(run0, [tmp_path / "other"], tmp_path / "bad", version="1.0.0")
    other = spacy.load(run1)
    other.get_pipe("eventx_triggers").cfg["types"] = ["SIGN", "MEET"]
    other.to_disk(tmp_path / "other_types")
    with pytest.raises(ValueError, match=r"\[E043\].*trigger taggers.*its types differ"):
        ensemble_pipelines(run0, [tmp_path / "other_types"], tmp_path / "bad2", version="1.0.0")


def test_an_ensemble_joins_another_ensemble_member_by_member(two_runs, tmp_path):
    (run0, run1), examples = two_runs
    ensemble_arguments(run0, [run1], tmp_path / "two", version="1.0.0")
    assert ensemble_arguments(run1, [tmp_path / "two"], tmp_path / "three", version="1.0.1") == 3
    three = spacy.load(tmp_path / "three")
    texts = [eg.reference.text for eg in examples]
    a, _ = _linker_scores(spacy.load(run0), texts, examples)
    b, _ = _linker_scores(spacy.load(run1), texts, examples)
    mean, _ = _linker_scores(three, texts, examples)
    numpy.testing.assert_allclose(mean, (a + 2 * b) / 3, atol=1e-6)


def _trigger_scores(nlp, texts):
    docs = list(nlp.pipe(texts, disable=["eventx_triggers", "eventx_arguments"]))
    tagger = nlp.get_pipe("eventx_triggers")
    return [tagger.model.ops.to_numpy(s) for s in tagger.predict(docs)]


def test_trigger_ensemble_averages_its_members_and_survives_save_and_reload(two_runs, tmp_path):
    (run0, run1), examples = two_runs
    counts = ensemble_pipelines(run0, [run1], tmp_path / "ens", version="2.0.0", components=(TRIGGERS,))
    assert counts == {TRIGGERS: 2}
    ens = spacy.load(tmp_path / "ens")
    assert ens.config["components"]["eventx_triggers"]["model"]["@architectures"] == "eventx.TriggerEnsemble.v1"
    assert ens.config["components"]["eventx_arguments"]["model"]["@architectures"] == "eventx.ArgumentModel.v2"
    texts = [eg.reference.text for eg in examples]
    a, b = _trigger_scores(spacy.load(run0), texts), _trigger_scores(spacy.load(run1), texts)
    assert not all(numpy.allclose(x, y) for x, y in zip(a, b))  # two seeds: two different taggers
    for mean, x, y in zip(_trigger_scores(ens, texts), a, b):
        numpy.testing.assert_allclose(mean, (x + y) / 2, atol=1e-6)
    assert [spans(doc) for doc in ens.pipe(texts)] == [gold(eg) for eg in examples]


def test_both_components_averaged_give_the_gold_and_leave_the_base_unchanged(two_runs, tmp_path):
    (run0, run1), examples = two_runs
    counts = ensemble_pipelines(run0, [run1], tmp_path / "ens", version="2.0.0")
    assert counts == {TRIGGERS: 2, ARGUMENTS: 2}
    ens = spacy.load(tmp_path / "ens")
    texts = [eg.reference.text for eg in examples]
    assert [spans(doc) for doc in ens.pipe(texts)] == [gold(eg) for eg in examples]
    # The base folder is read, never written.
    assert spacy.load(run0).config["components"]["eventx_triggers"]["model"]["@architectures"] == "eventx.TriggerModel.v1"


def _in_context(nlp, sentence_doc, before, after):
    """`before + sentence + after` as one doc, with the events of sentence_doc moved onto it."""
    text = before + sentence_doc.text + after
    doc = next(nlp.pipe([text], disable=["eventx_arguments"]))
    k = next(t.i for t in doc if t.idx == len(before))
    set_events(doc, [dict(ev, start=ev["start"] + k, end=ev["end"] + k, arguments=[])
                     for ev in get_events(sentence_doc)])
    return doc


def test_a_linker_with_its_own_tok2vec_reads_each_event_sentence_on_its_own(two_runs, tmp_path):
    """Sentences with no event are not read, and an event's sentence is read as if it stood
    alone, as every training example does: the scores equal those of the sentence alone."""
    (run0, run1), examples = two_runs
    ensemble_arguments(run0, [run1], tmp_path / "ens", version="9.9.9")
    ens = spacy.load(tmp_path / "ens")
    linker = ens.get_pipe("eventx_arguments")
    own = [m for m in linker.model.layers if not _has_listener(m.get_ref("tok2vec"))]
    assert len(own) == 1  # run1's linker, with its own copy of run1's tok2vec
    eg = next(eg for eg in examples if get_events(eg.reference))
    alone = next(ens.pipe([eg.reference.text], disable=["eventx_arguments"]))
    set_events(alone, [dict(ev, arguments=[]) for ev in get_events(eg.reference)])
    inside = _in_context(ens, alone, TRAIN_DOCS[4]["text"] + " ", " " + TRAIN_DOCS[5]["text"])
    assert len(list(inside.sents)) == 3 and len(get_events(inside)) == len(get_events(alone)) > 0
    linker.predict([alone])  # the ensemble hands its event types to its members
    scores_alone, instances_alone = own[0].predict([alone])
    scores_inside, instances_inside = own[0].predict([inside])
    k = get_events(inside)[0]["start"] - get_events(alone)[0]["start"]
    assert (instances_inside[:, 2] == instances_alone[:, 2] + k).all()
    numpy.testing.assert_allclose(scores_inside, scores_alone, atol=1e-6)


def test_docs_without_events_change_nothing_for_the_others(two_runs):
    (run0, _), examples = two_runs
    nlp = spacy.load(run0)
    linker = nlp.get_pipe("eventx_arguments")
    with_events = [eg for eg in examples if get_events(eg.reference)][:2]
    texts = [eg.reference.text for eg in with_events] + [TRAIN_DOCS[4]["text"], TRAIN_DOCS[5]["text"]]
    docs = list(nlp.pipe(texts, disable=["eventx_arguments"]))
    for doc, eg in zip(docs[:2], with_events):
        set_events(doc, [dict(ev, arguments=[]) for ev in get_events(eg.reference)])
    assert not get_events(docs[2]) and not get_events(docs[3])
    scores, instances = linker.predict(docs[:2])
    mixed, mixed_instances = linker.predict([docs[2], docs[0], docs[3], docs[1]])
    assert len(mixed_instances) == len(instances)
    numpy.testing.assert_allclose(mixed, scores, atol=1e-6)


def test_the_pieces_a_prediction_reads():
    nlp = spacy.blank("ar")
    words = "أ ب . ج د . هـ و . ز ح".split()
    empty = Doc(nlp.vocab, words=words[:3], sent_starts=[True, False, False])
    doc = Doc(nlp.vocab, words=words, sent_starts=[w_i in (0, 3, 6, 9) for w_i in range(len(words))])
    set_events(empty, [])
    # an event in the first sentence, two in the third (one trigger runs into the fourth)
    set_events(doc, [{"type": "MEET", "start": 0, "end": 1, "arguments": []},
                     {"type": "MEET", "start": 6, "end": 7, "arguments": []},
                     {"type": "MEET", "start": 8, "end": 10, "arguments": []}])
    instances = get_instances([empty, doc], max_distance=60)
    assert set(instances[:, 0]) == {1}
    assert _pieces([empty, doc], instances, whole_docs=False) == [(1, 0, 3), (1, 6, 10)]
    assert _pieces([empty, doc], instances, whole_docs=True) == [(1, 0, 11)]


def test_a_transformer_pipelines_trigger_tagger_joins_with_its_own_transformer(tmp_path):
    """The default config's trigger tagger listens to the transformer inside eventx.ConcatTok2Vec.v1,
    which spaCy's replace_listeners cannot rewrite alone: the member's config must name a
    Tok2VecTransformer with the listener's pooling, so that the ensemble reloads and scores alike."""
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in TRAIN_DOCS), encoding="utf8")
    small = {k: v for k, v in SMALL_TOK2VEC.items() if not k.startswith("components.eventx_triggers")}
    small["components.eventx_triggers.model.tok2vec.*.cnn.width"] = 64
    config = Config().from_disk(REPO / "configs" / "default.cfg", overrides=small)
    config["paths"]["ontology"] = str(REPO / "configs" / "ontology.toml")
    paths = []
    for seed in (0, 1):
        fix_random_seed(seed)
        nlp, _ = overfit(config, data, seed=seed, steps=2)
        nlp.to_disk(tmp_path / f"run{seed}")
        paths.append(tmp_path / f"run{seed}")
    assert ensemble_pipelines(paths[0], paths[1:], tmp_path / "ens", version="9.9.9") == {TRIGGERS: 2, ARGUMENTS: 2}
    ens = spacy.load(tmp_path / "ens")
    member = ens.config["components"][TRIGGERS]["model"]["*"]["member01"]["tok2vec"]["*"]["transformer"]
    assert member["@architectures"] == "spacy-transformers.Tok2VecTransformer.v3"
    assert member["pooling"] == {"@layers": "reduce_mean.v1"}
    texts = [d["text"] for d in TRAIN_DOCS]
    a = _trigger_scores(spacy.load(paths[0]), texts)
    b = _trigger_scores(spacy.load(paths[1]), texts)
    mean = _trigger_scores(ens, texts)
    for x, y, m in zip(a, b, mean):
        numpy.testing.assert_allclose(m, (x + y) / 2, atol=1e-5)
