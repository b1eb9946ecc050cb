def _tagger_and_doc(words):
    import spacy
    from spacy.tokens import Doc

    from eventx.pipeline.trigger_tagger import EventTriggerTagger

    nlp = spacy.blank("ar")
    tagger = EventTriggerTagger(nlp.vocab, model=None)
    tagger.cfg["types"] = ["SIGN", "MEET"]
    return tagger, Doc(nlp.vocab, words=words)


def _scores(tagger, n, tag_probs):
    """Scores for n tokens: {token: {tag: p}}, O gets the rest; modality and polarity columns follow."""
    import numpy

    tags = tagger.tags
    scores = numpy.zeros((n, len(tags) + 4), dtype="float32")
    scores[:, 0] = 1.0
    scores[:, len(tags)] = scores[:, len(tags) + 2] = 1.0  # asserted, positive
    for i, probs in tag_probs.items():
        scores[i, 0] = 1.0 - sum(probs.values())
        for tag, p in probs.items():
            scores[i, tags.index(tag)] = p
    return scores


def test_o_bias_finds_the_unsure_trigger_and_keeps_confidence_unbiased():
    tagger, doc = _tagger_and_doc(["التقى", "الوزير", "نظيره", "ووقعا", "اتفاقية"])
    scores = _scores(tagger, len(doc), {0: {"B-MEET": 0.3}, 3: {"B-SIGN": 0.9}})
    found = lambda: [(e["type"], doc[e["start"]:e["end"]].text, e["confidence"])  # noqa: E731
                     for e in tagger._decode(doc, scores, len(tagger.tags))]
    assert found() == [("SIGN", "ووقعا", 0.9)]
    tagger.cfg["o_bias"] = -1.0  # O now loses where e^-1 × p(O) < p(tag): 0.7 / e = 0.26 < 0.3
    assert found() == [("MEET", "التقى", 0.3), ("SIGN", "ووقعا", 0.9)]
    tagger.cfg["o_bias"] = 2.5  # and a positive bias drops the sure one too: 0.1 × e^2.5 = 1.2 > 0.9
    assert found() == []


def test_models_saved_without_o_bias_decode_as_before():
    """Pipelines saved before the bias existed have no o_bias in their cfg: plain argmax."""
    tagger, doc = _tagger_and_doc(["التقى", "الوزير"])
    assert "o_bias" not in tagger.cfg
    scores = _scores(tagger, len(doc), {0: {"B-MEET": 0.45}})
    assert tagger._decode(doc, scores, len(tagger.tags)) == []
