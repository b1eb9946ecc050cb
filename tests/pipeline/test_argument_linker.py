

def test_decoded_spans_leave_out_linking_words_and_separators():
    """ANNOTATION.md: arguments leave out linking prepositions, clitics and punctuation."""
    import spacy

    from eventx.pipeline.argument_linker import _trim_edges

    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "eventx.ArabicTokenizer.v2"}}})
    doc = nlp("في مدينة أنطاليا جنوب تركيا لبحث التعاون ، »")

    def trimmed(start, end):
        arg = {"start": start, "end": end}
        _trim_edges(doc, arg)
        return doc[arg["start"]:arg["end"]].text

    assert [t.text for t in doc][:6] == ["في", "مدينة", "أنطاليا", "جنوب", "تركيا", "ل"]
    assert trimmed(0, 6) == "مدينة أنطاليا جنوب تركيا"
    assert trimmed(1, len(doc)) == "مدينة أنطاليا جنوب تركيا لبحث التعاون"
    assert trimmed(0, 1) == "في"  # a span is never trimmed away


def _linker_with_scores(words, tag_probs, event_type="SIGN"):
    """A linker, a doc of `words` with one event on word 0, and scores: {token: {tag: p}} (the rest O)."""
    import numpy
    import spacy
    from spacy.tokens import Doc

    from eventx.pipeline.argument_linker import EventArgumentLinker

    nlp = spacy.blank("ar")
    doc = Doc(nlp.vocab, words=words)
    linker = EventArgumentLinker(nlp.vocab, model=None)
    linker.cfg.update(roles=["agent", "object"], allowed={"SIGN": ["agent", "object"], "MEET": ["agent"]})
    tags = linker.tags
    scores = numpy.zeros((len(words), len(tags)), dtype="float32")
    scores[:, 0] = 1.0
    for i, probs in tag_probs.items():
        scores[i] = 0.0
        for tag, p in probs.items():
            scores[i, tags.index(tag)] = p
        scores[i, 0] = 1.0 - sum(probs.values())
    instances = numpy.asarray([(0, 0, i) for i in range(len(words))], dtype="int32")
    event = {"type": event_type, "start": 0, "end": 1}
    decode = lambda: [(a["role"], doc[a["start"]:a["end"]].text)  # noqa: E731
                      for a in linker._decode(doc, event, scores, instances, list(range(len(words))),
                                              linker._transitions())]
    return linker, decode


def test_decoding_keeps_a_noun_phrase_whole_when_its_middle_is_unsure():
    """A token tagged O on its own (0.45 I) between a B and a sure I joins the span: the sequence decides."""
    words = ["وقع", "وزير", "الخارجية", "المصري", "اتفاقية"]
    _, decode = _linker_with_scores(words, {
        1: {"B-agent": 0.9}, 2: {"I-agent": 0.45}, 3: {"I-agent": 0.9}, 4: {"B-object": 0.8}})
    assert decode() == [("agent", "وزير الخارجية المصري"), ("object", "اتفاقية")]


def test_decoding_never_starts_a_span_on_an_i_tag_and_respects_the_type():
    """An I with no B before it cannot be decoded, and a role the type does not allow is never predicted."""
    words = ["التقى", "الرئيس", "التونسي", "اتفاقية"]
    linker, decode = _linker_with_scores(words, {
        1: {"B-agent": 0.3, "I-agent": 0.35}, 2: {"I-agent": 0.9}, 3: {"B-object": 0.9}}, event_type="MEET")
    assert decode() == [("agent", "الرئيس التونسي")]


def test_o_bias_trades_recall_for_precision():
    words = ["وقع", "وزير", "اتفاقية"]
    linker, decode = _linker_with_scores(words, {1: {"B-agent": 0.6}, 2: {"B-object": 0.9}})
    assert decode() == [("agent", "وزير"), ("object", "اتفاقية")]
    linker.cfg["o_bias"] = 1.0  # O now wins where e × p(O) > p(tag): 0.4e > 0.6, but 0.1e < 0.9
    assert decode() == [("object", "اتفاقية")]


def test_sequence_loss_marginals_match_brute_force():
    """The CRF's forward-backward gives the marginals and likelihood of enumerating every allowed path."""
    import itertools

    import numpy

    from eventx.pipeline.argument_linker import EventArgumentLinker, _crf_marginals

    linker = EventArgumentLinker(None, model=None)
    linker.cfg.update(roles=["agent", "object"])
    first, transitions = linker._transitions()
    rng = numpy.random.default_rng(0)
    log_p = numpy.log(rng.dirichlet(numpy.ones(5), size=4))
    gold = numpy.asarray([0, 1, 2, 3])  # O B-agent I-agent B-object
    marginals, loss = _crf_marginals(log_p, first, transitions, gold)

    def score(path):
        return first[path[0]] + sum(log_p[k, t] for k, t in enumerate(path)) + sum(
            transitions[a, b] for a, b in zip(path, path[1:]))

    paths = [p for p in itertools.product(range(5), repeat=4) if score(p) > -1e8]
    weights = numpy.exp([score(p) for p in paths])
    expected = numpy.zeros_like(log_p)
    for p, w in zip(paths, weights):
        expected[numpy.arange(4), p] += w / weights.sum()
    assert numpy.allclose(marginals, expected)
    assert numpy.isclose(loss, numpy.log(weights.sum()) - score(tuple(gold)))
    assert _crf_marginals(log_p, first, transitions, numpy.asarray([0, 2, 2, 0])) is None  # I after O


def test_the_linker_predicts_on_one_torch_thread_and_gives_the_others_back(default_nlp):
    """Its BiLSTM is faster on one thread (see one_torch_thread); the transformer keeps its threads."""
    import torch

    model = default_nlp.get_pipe("eventx_arguments").model
    seen = []
    forward = model._func

    def spy(model, docs, is_train):
        seen.append(torch.get_num_threads())
        return forward(model, docs, is_train)

    threads = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        model._func = spy
        doc = default_nlp("وقع وزير الخارجية اتفاقية تعاون مع نظيره الأردني في عمّان أمس.")
        assert seen == [1] and doc._.events  # the linker ran, on one thread
        assert torch.get_num_threads() == 2
    finally:
        model._func = forward
        torch.set_num_threads(threads)
