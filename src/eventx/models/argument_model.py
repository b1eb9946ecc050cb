"""Trigger-conditioned argument tagging.

For every event trigger in a doc, every token of the trigger's sentence (within
`max_distance` tokens) is scored with BIO tags over the roles, from the token's
vector, the trigger's vector, their product, the bucketed distance to the
trigger and the event type. A span can so be an argument of two events, and
candidate spans need not be entities.
"""
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Callable, List, Optional, Tuple

import numpy
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Maxout, Model, PyTorchLSTM, Softmax, chain, with_array
from thinc.types import Floats2d, Ints2d

from ..pipeline.events import get_events
from .source_feature import SOURCE_KEY

# Distance buckets: 0 is inside the trigger; 1..B on one side, B+1..2B the other.
_EDGES = [1, 2, 3, 4, 6, 9, 13, 20, 30, 45]
N_BUCKETS = 2 * (len(_EDGES) + 1) + 1

# An instance: (doc index, event index, token index) — one row of scores.
Instances = Ints2d


@registry.architectures("eventx.ArgumentModel.v1")
def build_argument_model(
    tok2vec: Model[List[Doc], List[Floats2d]],
    hidden_width: int = 128,
    dropout: float = 0.1,
    max_distance: int = 60,
    nO: Optional[int] = None,
) -> Model[List[Doc], Tuple[Floats2d, Instances]]:
    """Build the argument model.

    tok2vec (Model): the token vectors (a transformer listener or a CNN).
    hidden_width (int): width of the hidden maxout layer.
    dropout (float): dropout of the hidden layer.
    max_distance (int): tokens further than this from the trigger are not candidates.
    nO (Optional[int]): the number of BIO role tags; set by the component.
    RETURNS (Model): maps docs with events to (scores, instances).
    """
    output = Softmax(nO=nO)
    scorer = chain(Maxout(nO=hidden_width, nP=2, dropout=dropout, normalize=True), output)
    return _argument_model("eventx_argument_model", tok2vec, scorer, output, max_distance, sequences=False)


@registry.architectures("eventx.ArgumentModel.v2")
def build_argument_model_v2(
    tok2vec: Model[List[Doc], List[Floats2d]],
    hidden_width: int = 128,
    lstm_width: int = 128,
    dropout: float = 0.1,
    max_distance: int = 60,
    nO: Optional[int] = None,
) -> Model[List[Doc], Tuple[Floats2d, Instances]]:
    """Like v1, but a BiLSTM runs over each trigger's window before the tags.

    Tagging each (trigger, token) pair on its own leaves span boundaries
    inconsistent (fragments, a B after a B); reading the window as a sequence
    lets each tag see its neighbours' evidence.

    lstm_width (int): the BiLSTM's output width (half per direction).
    Other arguments as in v1.
    """
    output = Softmax(nO=nO)
    scorer = chain(
        with_array(Maxout(nO=hidden_width, nP=2, dropout=dropout, normalize=True)),
        PyTorchLSTM(lstm_width, hidden_width, bi=True),
        with_array(output),
    )
    return _argument_model("eventx_argument_model_v2", tok2vec, scorer, output, max_distance, sequences=True)


def _argument_model(name: str, tok2vec: Model, scorer: Model, output: Model, max_distance: int, *,
                    sequences: bool) -> Model:
    """The shared frame: candidate pairs and their features, then `scorer` (rows, or per-event sequences)."""
    return Model(
        name,
        forward=_forward,
        init=_init,
        layers=[tok2vec, scorer],
        refs={"tok2vec": tok2vec, "scorer": scorer, "output_layer": output},
        attrs={"max_distance": max_distance, "types": [], "sequences": sequences},
    )


def _bucket(offset: int) -> int:
    if offset == 0:
        return 0
    b = bisect_left(_EDGES, abs(offset)) + 1
    return b if offset < 0 else b + len(_EDGES) + 1


def _sentence_bounds(doc: Doc) -> List[int]:
    """The first token of each sentence, then len(doc); the whole doc is one sentence when
    none were set. Computed once per doc: Token.sent scans the doc, too slow for long articles."""
    return [s.start for s in doc.sents] + [len(doc)] if doc.has_annotation("SENT_START") else [0, len(doc)]


def get_instances(docs: List[Doc], max_distance: int) -> Instances:
    """Candidate (doc, event, token) rows: the trigger's sentence, within max_distance."""
    rows = []
    for d, doc in enumerate(docs):
        events = get_events(doc)
        if not events:
            continue
        bounds = _sentence_bounds(doc)
        for e, ev in enumerate(events):
            k = bisect_right(bounds, ev["start"]) - 1
            lo, hi = bounds[k], bounds[k + 1]
            lo = max(lo, ev["start"] - max_distance)
            hi = min(hi, ev["end"] + max_distance)
            rows.extend((d, e, i) for i in range(lo, hi))
    return numpy.asarray(rows, dtype="int32").reshape((-1, 3))


def _extra_features(docs: List[Doc], instances: Instances, types: List[str]) -> numpy.ndarray:
    type_index = {t: i for i, t in enumerate(types)}
    extra = numpy.zeros((len(instances), N_BUCKETS + len(types)), dtype="float32")
    for row, (d, e, i) in enumerate(instances):
        ev = get_events(docs[d])[e]
        offset = 0 if ev["start"] <= i < ev["end"] else (i - ev["start"] if i < ev["start"] else i - ev["end"] + 1)
        extra[row, _bucket(offset)] = 1.0
        if ev["type"] in type_index:
            extra[row, N_BUCKETS + type_index[ev["type"]]] = 1.0
    return extra


def _forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[Tuple[Floats2d, Instances], Callable]:
    tok2vec = model.get_ref("tok2vec")
    scorer = model.get_ref("scorer")
    ops = model.ops
    instances = get_instances(docs, model.attrs["max_distance"])
    n_out = model.get_ref("output_layer").get_dim("nO")
    if is_train:
        tokvecs, bp_tokvecs = tok2vec(docs, is_train)
        if len(instances) == 0:
            def backprop_empty(d_scores):
                return bp_tokvecs([ops.alloc2f(*t.shape) for t in tokvecs])
            return (ops.alloc2f(0, n_out), instances), backprop_empty
        pieces = [(d, 0, len(doc)) for d, doc in enumerate(docs)]
    else:
        if len(instances) == 0:
            return (ops.alloc2f(0, n_out), instances), lambda d_scores: []
        # Most sentences of an archive hold no event: read only the ones that do.
        pieces = _pieces(docs, instances, whole_docs=_has_listener(tok2vec))
        tokvecs = tok2vec.predict(_piece_docs(docs, pieces))
        bp_tokvecs = None
    width = tokvecs[0].shape[1]
    row_of = _row_index(pieces)
    all_vecs = ops.flatten(tokvecs)
    # Trigger vectors: the mean of the trigger's tokens, one row per event.
    # An event's candidate tokens lie in its trigger's piece: one row shift per event.
    event_spans, shifts, event_of_instance, seen = [], [], [], {}
    for d, e, _ in instances:
        key = (int(d), int(e))
        if key not in seen:
            ev = get_events(docs[d])[e]
            seen[key] = len(event_spans)
            start = row_of(key[0], ev["start"])
            event_spans.append((start, start + ev["end"] - ev["start"]))
            shifts.append(start - ev["start"])
        event_of_instance.append(seen[key])
    event_of_instance = numpy.asarray(event_of_instance, dtype="int32")
    trig = ops.xp.stack([all_vecs[s:t].mean(axis=0) for s, t in event_spans])
    token_rows = ops.asarray1i(numpy.asarray(shifts, dtype="int32")[event_of_instance] + instances[:, 2])
    H = all_vecs[token_rows]
    T = trig[event_of_instance]
    extra = ops.asarray2f(_extra_features(docs, instances, model.attrs["types"]))
    X = ops.xp.hstack([H, T, H * T, extra])
    if model.attrs.get("sequences"):
        # Rows of one event are contiguous: score each event's window as a sequence.
        seq_lengths = numpy.bincount(event_of_instance, minlength=len(event_spans)).astype("int32")
        Ys, bp_seq = scorer(ops.unflatten(X, seq_lengths), is_train)
        scores = ops.flatten(Ys)

        def bp_scores(d_scores):
            return ops.flatten(bp_seq(ops.unflatten(d_scores, seq_lengths)))
    else:
        scores, bp_scores = scorer(X, is_train)

    def backprop(d_scores: Floats2d) -> List[Doc]:
        dX = bp_scores(d_scores)
        dH = dX[:, :width] + dX[:, 2 * width:3 * width] * T
        dT = dX[:, width:2 * width] + dX[:, 2 * width:3 * width] * H
        d_all = ops.alloc2f(*all_vecs.shape)
        ops.xp.add.at(d_all, token_rows, dH)
        d_trig = ops.alloc2f(len(event_spans), width)
        ops.xp.add.at(d_trig, event_of_instance, dT)
        for k, (s, t) in enumerate(event_spans):
            d_all[s:t] += d_trig[k] / (t - s)
        return bp_tokvecs(ops.unflatten(d_all, [len(t) for t in tokvecs]))

    return (scores, instances), backprop


def _has_listener(tok2vec: Model) -> bool:
    """Whether a layer reads what an upstream component stored on the Doc (a listener)."""
    return any(node.name.endswith("listener") for node in tok2vec.walk())


def _pieces(docs: List[Doc], instances: Instances, *, whole_docs: bool) -> List[Tuple[int, int, int]]:
    """The (doc, start, end) token ranges a prediction reads, in order: the sentences that hold
    an event (stretched to its trigger, should the trigger run past the sentence's end),
    merged where they overlap; or, with whole_docs, each doc that holds an event.

    A sentence read on its own is read as in training, where every example is a sentence.
    """
    pieces: List[Tuple[int, int, int]] = []
    for d in sorted({int(d) for d in instances[:, 0]}):
        doc = docs[d]
        if whole_docs:
            pieces.append((d, 0, len(doc)))
            continue
        bounds = _sentence_bounds(doc)
        spans = []
        for ev in get_events(doc):
            k = bisect_right(bounds, ev["start"]) - 1
            spans.append((bounds[k], max(bounds[k + 1], ev["end"])))
        for lo, hi in sorted(spans):
            if pieces and pieces[-1][0] == d and lo < pieces[-1][2]:
                pieces[-1] = (d, pieces[-1][1], max(hi, pieces[-1][2]))
            else:
                pieces.append((d, lo, hi))
    return pieces


def _piece_docs(docs: List[Doc], pieces: List[Tuple[int, int, int]]) -> List[Doc]:
    """Each piece as a Doc of its own (a doc read whole is passed as it is)."""
    out, arrays = [], {}
    head = Doc._get_array_attrs()
    for d, lo, hi in pieces:
        doc = docs[d]
        if lo == 0 and hi == len(doc):
            out.append(doc)
            continue
        if d not in arrays:  # one to_array per doc: as_doc would redo it for every piece
            arrays[d] = doc.to_array(head)
        piece = doc[lo:hi].as_doc(array_head=head, array=arrays[d])
        if SOURCE_KEY in doc.user_data:  # read by eventx.SourceFeature.v1
            piece.user_data[SOURCE_KEY] = doc.user_data[SOURCE_KEY]
        out.append(piece)
    return out


def _row_index(pieces: List[Tuple[int, int, int]]) -> Callable[[int, int], int]:
    """Maps (doc, token) to its row among the pieces' vectors, flattened in order."""
    where = defaultdict(list)
    offset = 0
    for d, lo, hi in pieces:
        where[d].append((lo, hi, offset))
        offset += hi - lo

    def row_of(d: int, i: int) -> int:
        for lo, hi, start in where[d]:
            if lo <= i < hi:
                return start + i - lo
        raise IndexError(f"token {i} of doc {d} is in no piece")

    return row_of


def _init(model: Model, X: Optional[List[Doc]] = None, Y=None) -> None:
    tok2vec = model.get_ref("tok2vec")
    scorer = model.get_ref("scorer")
    if X is None:
        tok2vec.initialize()
        scorer.initialize()
        return
    tok2vec.initialize(X=X)
    tokvecs = tok2vec.predict(X)
    width = tokvecs[0].shape[1]
    n_in = 3 * width + N_BUCKETS + len(model.attrs["types"])
    sample = model.ops.alloc2f(2, n_in)
    scorer.initialize(X=[sample] if model.attrs.get("sequences") else sample)


@registry.architectures("eventx.ArgumentEnsemble.v1")
def build_argument_ensemble(*members: Model) -> Model[List[Doc], Tuple[Floats2d, Instances]]:
    """Average the tag probabilities of several argument models (e.g. of several training runs).

    The linkers of separately trained runs err in different places: on this project's dev split
    three of them averaged beat the best one alone by 2.9 argument-C points (models/README.md,
    "Round 9"). Each member is an eventx.ArgumentModel (v1 or v2) with its own tok2vec (or a
    listener of the pipeline's); all must agree on max_distance, so they score the same
    (trigger, token) rows. Built from trained pipelines by `eventx ensemble`.

    members (Model): the argument models.
    RETURNS (Model): maps docs with events to (averaged scores, instances), as a member does.
    """
    if not members:
        raise ValueError("an argument ensemble needs at least one member")
    distances = {m.attrs["max_distance"] for m in members}
    if len(distances) != 1:
        raise ValueError(f"the members of an argument ensemble disagree on max_distance: {sorted(distances)}")
    return Model(
        "eventx_argument_ensemble",
        forward=_ensemble_forward,
        init=_ensemble_init,
        layers=list(members),
        refs={"output_layer": members[0].get_ref("output_layer")},
        attrs={"max_distance": members[0].attrs["max_distance"], "types": []},
    )


def _ensemble_forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[Tuple[Floats2d, Instances], Callable]:
    _share_types(model)
    outputs, callbacks = [], []
    for member in model.layers:
        output, callback = member(docs, is_train)
        outputs.append(output)
        callbacks.append(callback)
    instances = outputs[0][1]
    scores = sum(scores for scores, _ in outputs) / len(outputs)

    def backprop(d_scores: Floats2d) -> List[Doc]:
        for callback in callbacks:
            callback(d_scores / len(callbacks))
        return docs

    return (scores, instances), backprop


def _ensemble_init(model: Model, X: Optional[List[Doc]] = None, Y=None) -> None:
    n_tags = model.get_ref("output_layer").get_dim("nO") if model.get_ref("output_layer").has_dim("nO") else None
    _share_types(model)
    for member in model.layers:
        if n_tags:
            member.get_ref("output_layer").set_dim("nO", n_tags)
        member.initialize(X=X, Y=Y)


def _share_types(model: Model) -> None:
    """The component sets the ensemble's event types; each member reads its own."""
    for member in model.layers:
        member.attrs["types"] = model.attrs["types"]
