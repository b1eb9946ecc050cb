"""The argument linker: role-labelled spans attached to each event trigger."""
from collections import defaultdict
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Tuple

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc
from spacy.training import Example, validate_get_examples
from thinc.api import Config, Model

from ..arabic import strip_marks
from ..ontology import Ontology
from ..scoring import score_examples
from .defaults import DEFAULT_TOK2VEC
from .events import get_events, set_events

DEFAULT_ARGUMENT_MODEL = """
[model]
@architectures = "eventx.ArgumentModel.v1"
hidden_width = 128
dropout = 0.1
max_distance = 60
nO = null

""" + DEFAULT_TOK2VEC
DEFAULT_MODEL = Config().from_str(DEFAULT_ARGUMENT_MODEL)["model"]


@Language.factory(
    "eventx_arguments",
    requires=["doc._.events"],
    assigns=["doc._.events"],
    default_config={"model": DEFAULT_MODEL, "scorer": {"@scorers": "eventx.events_scorer.v1"}, "sequence_loss": False},
    default_score_weights={"arg_f": 0.5, "arg_p": 0.0, "arg_r": 0.0},
)
def make_argument_linker(nlp: Language, name: str, model: Model, scorer: Optional[Callable],
                         sequence_loss: bool) -> "EventArgumentLinker":
    """Create an EventArgumentLinker.

    model (Model): scores (trigger, token) pairs; see eventx.ArgumentModel.v1.
    scorer (Optional[Callable]): the scoring method.
    sequence_loss (bool): train on the likelihood of each trigger window's whole tag
        sequence (a linear-chain CRF with the BIO constraints the decoder keeps)
        instead of each token's tag on its own.
    """
    return EventArgumentLinker(nlp.vocab, model, name, scorer=scorer, sequence_loss=sequence_loss)


_SEPARATORS = set(",.;:!?،؛؟-–—/")
_PAIRS = {")": "(", "]": "[", "»": "«", "”": "“", '"': '"', "'": "'"}
# ANNOTATION.md: arguments leave out the linking prepositions and clitics. No
# gold span of the corpus ends with one of these tokens, and none starts with
# one of _NEVER_FIRST (ب and إلى do start some, e.g. durations "إلى نهاية العام").
_NEVER_LAST = frozenset("و ف ب ل ك في من إلى الى على عن مع أو او".split())
_NEVER_FIRST = frozenset("و ف في مع عن أو او".split())


_IMPOSSIBLE = -1e9


def _viterbi(log_p: numpy.ndarray, first: numpy.ndarray, transitions: numpy.ndarray) -> List[int]:
    """The best tag path. log_p: (tokens, tags) scores; first: (tags,) scores of
    the first tag; transitions: (previous tag, tag) scores; all log-space."""
    n_tokens, n_tags = log_p.shape
    best = log_p[0] + first
    back = numpy.zeros((n_tokens, n_tags), dtype="int64")
    for k in range(1, n_tokens):
        candidates = best[:, None] + transitions
        back[k] = candidates.argmax(axis=0)
        best = candidates.max(axis=0) + log_p[k]
    path = [int(best.argmax())]
    for k in range(n_tokens - 1, 0, -1):
        path.append(int(back[k, path[-1]]))
    return path[::-1]


def _logsumexp(x: numpy.ndarray, axis: int) -> numpy.ndarray:
    top = x.max(axis=axis, keepdims=True)
    return (top + numpy.log(numpy.exp(x - top).sum(axis=axis, keepdims=True))).squeeze(axis)


def _crf_marginals(log_p: numpy.ndarray, first: numpy.ndarray, transitions: numpy.ndarray,
                   gold: numpy.ndarray) -> Optional[Tuple[numpy.ndarray, float]]:
    """Forward-backward over one window: the tag marginals and the negative log
    likelihood of the gold path (None if the gold path is not allowed)."""
    n_tokens = len(log_p)
    gold_score = first[gold[0]] + log_p[numpy.arange(n_tokens), gold].sum() + transitions[gold[:-1], gold[1:]].sum()
    if gold_score <= _IMPOSSIBLE / 2:
        return None
    alpha = numpy.empty_like(log_p)
    beta = numpy.zeros_like(log_p)
    alpha[0] = first + log_p[0]
    for k in range(1, n_tokens):
        alpha[k] = _logsumexp(alpha[k - 1][:, None] + transitions, axis=0) + log_p[k]
    for k in range(n_tokens - 2, -1, -1):
        beta[k] = _logsumexp(transitions + (log_p[k + 1] + beta[k + 1])[None, :], axis=1)
    log_z = _logsumexp(alpha[-1], axis=0)
    return numpy.exp(alpha + beta - log_z), float(log_z - gold_score)


def _rows_by_event(instances) -> Dict[Tuple[int, int], List[int]]:
    """The score rows of each (doc, event): its trigger's window, in token order."""
    rows: Dict[Tuple[int, int], List[int]] = defaultdict(list)
    for row, (d, e, _) in enumerate(instances):
        rows[(int(d), int(e))].append(row)
    return rows


def _trim_edges(doc: Doc, arg: Dict) -> None:
    """Drop separators, linking prepositions and clitics at the edges of a span,
    and closing marks whose opener is not in it."""
    while arg["end"] - arg["start"] > 1:
        last = doc[arg["end"] - 1].text
        inside = doc[arg["start"]:arg["end"] - 1].text
        if (last in _SEPARATORS or strip_marks(last) in _NEVER_LAST
                or (last in _PAIRS and _PAIRS[last] not in inside)):
            arg["end"] -= 1
        else:
            break
    while arg["end"] - arg["start"] > 1 and (doc[arg["start"]].text in _SEPARATORS
                                             or strip_marks(doc[arg["start"]].text) in _NEVER_FIRST):
        arg["start"] += 1


class EventArgumentLinker(TrainablePipe):
    """For every event in doc._.events, tag the arguments in its sentence (BIO over roles).

    Roles a type does not allow (the ontology's table) are never predicted for it,
    and arguments never overlap their trigger.
    """

    def __init__(self, vocab, model: Model, name: str = "eventx_arguments", *, scorer: Optional[Callable] = score_examples,
                 sequence_loss: bool = False):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.scorer = scorer
        self.sequence_loss = sequence_loss
        self.cfg: Dict = {"roles": [], "allowed": {}, "o_bias": 0.0}

    @property
    def roles(self) -> List[str]:
        return list(self.cfg["roles"])

    @property
    def labels(self):
        return tuple(self.roles)

    @property
    def tags(self) -> List[str]:
        return ["O"] + [f"{prefix}-{r}" for r in self.roles for prefix in ("B", "I")]

    def _sync_model(self) -> None:
        self.model.attrs["types"] = sorted(self.cfg["allowed"])

    def from_bytes(self, bytes_data, *, exclude=tuple()):
        super().from_bytes(bytes_data, exclude=exclude)
        self._sync_model()
        return self

    def from_disk(self, path, *, exclude=tuple()):
        super().from_disk(path, exclude=exclude)
        self._sync_model()
        return self

    def predict(self, docs: Iterable[Doc]):
        docs = list(docs)
        if not any(get_events(doc) for doc in docs):
            return self.model.ops.alloc2f(0, len(self.tags)), numpy.zeros((0, 3), dtype="int32")
        with one_torch_thread():
            return self.model.predict(docs)

    def _tag_mask(self, event_type: str) -> numpy.ndarray:
        allowed = set(self.cfg["allowed"].get(event_type, self.roles))
        return numpy.asarray([t == "O" or t[2:] in allowed for t in self.tags], dtype=bool)

    def set_annotations(self, docs: Iterable[Doc], outputs) -> None:
        docs = list(docs)
        scores, instances = outputs
        scores = self.model.ops.to_numpy(scores)
        rows = _rows_by_event(instances)
        constraints = self._transitions()  # the same for every event: built once per batch
        for d, doc in enumerate(docs):
            events = get_events(doc)
            for e, ev in enumerate(events):
                ev["arguments"] = self._decode(doc, ev, scores, instances, rows.get((d, e), []), constraints)
            set_events(doc, events)

    def _transitions(self) -> Tuple[numpy.ndarray, numpy.ndarray]:
        """Log-space scores of the first tag and of tag pairs: an I tag only after a B or I of its role."""
        tags = self.tags
        first = numpy.asarray([_IMPOSSIBLE if tag.startswith("I-") else 0.0 for tag in tags])
        allowed = numpy.ones((len(tags), len(tags)), dtype=bool)
        for cur, tag in enumerate(tags):
            if tag.startswith("I-"):
                allowed[:, cur] = [prev in (f"B-{tag[2:]}", tag) for prev in tags]
        return first, numpy.where(allowed, 0.0, _IMPOSSIBLE)

    def _decode(self, doc: Doc, ev: Dict, scores, instances, rows: List[int],
                constraints: Tuple[numpy.ndarray, numpy.ndarray]) -> List[Dict]:
        """Viterbi decoding of the BIO tags over the trigger's window.

        The best tag sequence under the tag scores in which every I follows a
        B or I of its role. Picking each token's best tag on its own leaves
        fragments (an I after an O) that must then be patched; the sequence
        decides the span's edges from all its tokens' scores at once.
        cfg["o_bias"] is added to the log score of O: above 0 it trades recall
        for precision. Adjacent B tags of one role make one span (an argument is
        one noun phrase; coordinated arguments are separated by و or a comma,
        which are tagged O). constraints: self._transitions().
        """
        if not rows:
            return []
        tags = self.tags
        positions = [int(instances[row, 2]) for row in rows]
        probs = scores[rows]
        log_p = numpy.log(numpy.clip(probs, 1e-9, 1.0)).astype("float64")
        log_p[:, ~self._tag_mask(ev["type"])] = _IMPOSSIBLE
        log_p[:, 0] += self.cfg.get("o_bias", 0.0)
        for k, i in enumerate(positions):
            if ev["start"] <= i < ev["end"] or doc[i].is_space:
                log_p[k, 1:] = _IMPOSSIBLE
        path = _viterbi(log_p, *constraints)
        args: List[Dict] = []
        current = None
        for k, (i, t) in enumerate(zip(positions, path)):
            tag = tags[t]
            p = float(probs[k, t])
            if current is not None and tag != "O" and tag[2:] == current["role"] and current["end"] == i:
                current["end"] = i + 1
                current["_probs"].append(p)
                continue
            if current is not None:
                args.append(current)
                current = None
            if tag != "O":
                current = {"role": tag[2:], "start": i, "end": i + 1, "_probs": [p]}
        if current is not None:
            args.append(current)
        for arg in args:
            span_probs = arg.pop("_probs")
            arg["confidence"] = round(sum(span_probs) / len(span_probs), 4)
            _trim_edges(doc, arg)
        return args

    def _use_gold_triggers(self, eg: Example) -> List[Dict]:
        """Put the reference triggers on the predicted doc; RETURNS the gold events there."""
        gold, triggers = [], []
        for ev in get_events(eg.reference):
            ref_trig = eg.reference[ev["start"]:ev["end"]]
            trig = eg.predicted.char_span(ref_trig.start_char, ref_trig.end_char)
            if trig is None:
                continue
            args = []
            for arg in ev["arguments"]:
                ref_arg = eg.reference[arg["start"]:arg["end"]]
                span = eg.predicted.char_span(ref_arg.start_char, ref_arg.end_char)
                if span is not None and arg["role"] in self.cfg["roles"]:
                    args.append({"role": arg["role"], "start": span.start, "end": span.end})
            base = {k: ev[k] for k in ("type", "modality", "polarity")}
            triggers.append({**base, "start": trig.start, "end": trig.end, "confidence": 1.0, "arguments": []})
            gold.append({**base, "start": trig.start, "end": trig.end, "arguments": args})
        set_events(eg.predicted, triggers)
        return gold

    def get_loss(self, examples: List[Example], outputs, gold_events: List[List[Dict]]):
        scores, instances = outputs
        probs = self.model.ops.to_numpy(scores)
        tag_index = {t: k for k, t in enumerate(self.tags)}
        gold_tags: Dict[Tuple[int, int, int], int] = {}
        for d, events in enumerate(gold_events):
            for e, ev in enumerate(events):
                for arg in ev["arguments"]:
                    gold_tags[(d, e, arg["start"])] = tag_index[f"B-{arg['role']}"]
                    for i in range(arg["start"] + 1, arg["end"]):
                        gold_tags.setdefault((d, e, i), tag_index[f"I-{arg['role']}"])
        gold = numpy.asarray([gold_tags.get((int(d), int(e), int(i)), 0) for d, e, i in instances], dtype="int64")
        truth = numpy.zeros_like(probs)
        truth[numpy.arange(len(gold)), gold] = 1.0
        log_p = numpy.log(numpy.clip(probs, 1e-8, 1.0))
        if not self.sequence_loss:
            return float(-(log_p * truth).sum()), self.model.ops.asarray2f(probs - truth)
        # The softmax layer takes the gradient of its logits, which for a CRF over
        # log-probabilities is the tag marginals minus the gold tags.
        marginals = probs.copy()
        loss = 0.0
        first, transitions = self._transitions()
        for (d, e), window in _rows_by_event(instances).items():
            emissions = log_p[window].astype("float64")
            emissions[:, ~self._tag_mask(gold_events[d][e]["type"])] = _IMPOSSIBLE
            result = _crf_marginals(emissions, first, transitions, gold[window])
            if result is None:  # gold spans overlap in a way no BIO path spells: the token loss
                loss -= float((log_p[window] * truth[window]).sum())
                continue
            marginals[window], window_loss = result
            loss += window_loss
        return loss, self.model.ops.asarray2f(marginals - truth)

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd=None, losses=None) -> Dict[str, float]:
        if losses is None:
            losses = {}
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        gold_events = [self._use_gold_triggers(eg) for eg in examples]
        docs = [eg.predicted for eg in examples]
        set_dropout_rate = getattr(self.model, "set_dropout_rate", None)
        if set_dropout_rate:
            set_dropout_rate(drop)
        outputs, backprop = self.model.begin_update(docs)
        loss, d_scores = self.get_loss(examples, outputs, gold_events)
        backprop(d_scores)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Optional[Language] = None,
                   ontology: Optional[str] = None) -> None:
        """Set roles and the roles each type allows (ontology file, else the examples); initialize the model.

        ontology (Optional[str]): path to an ontology TOML file (configs/ontology.toml).
        """
        validate_get_examples(get_examples, "EventArgumentLinker.initialize")
        if ontology:
            onto = Ontology.from_file(Path(ontology))
            self.cfg["roles"] = onto.role_names
            self.cfg["allowed"] = {t.name: list(t.roles) for t in onto.types.values()}
        else:
            allowed: Dict[str, set] = defaultdict(set)
            for eg in get_examples():
                for ev in get_events(eg.reference):
                    allowed[ev["type"]].update(a["role"] for a in ev["arguments"])
            self.cfg["allowed"] = {t: sorted(r) for t, r in allowed.items()}
            self.cfg["roles"] = sorted(set().union(*allowed.values())) if allowed else []
        self._sync_model()
        self.model.get_ref("output_layer").set_dim("nO", len(self.tags))
        doc_sample = []
        for eg in islice(get_examples(), 10):
            self._use_gold_triggers(eg)
            doc_sample.append(eg.predicted)
        self.model.initialize(X=doc_sample)


@contextmanager
def one_torch_thread() -> Iterator[None]:
    """Run PyTorch on one intra-op thread inside the block, then restore the count.

    The linker's BiLSTM steps through short windows, one small product per token:
    splitting each product over threads costs more in synchronisation than it
    saves. On this project's 2-core machine, linking the events of 3,000 GSR
    sentences took 8.2 s with two threads and 3.6 s with one, while the
    transformer, which multiplies big matrices, keeps the threads it was given.
    """
    try:
        import torch
    except ImportError:  # pragma: no cover  (spacy-transformers needs torch)
        yield
        return
    threads = torch.get_num_threads()
    if threads == 1:
        yield
        return
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
