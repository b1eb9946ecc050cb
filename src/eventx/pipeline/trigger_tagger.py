"""The trigger tagger: finds event triggers, their type, modality and polarity."""
from itertools import islice
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc
from spacy.training import Example, validate_get_examples
from thinc.api import Config, Model
from thinc.types import Floats2d

from ..errors import Errors
from ..models.trigger_lexicon import set_trigger_lexicon
from ..ontology import Ontology
from ..scoring import score_examples
from .defaults import DEFAULT_TOK2VEC
from .events import get_events, set_events

MODALITIES = ("asserted", "other")
POLARITIES = ("positive", "negative")

DEFAULT_TRIGGER_MODEL = """
[model]
@architectures = "eventx.TriggerModel.v1"
hidden_width = 128
dropout = 0.1
nO = null

""" + DEFAULT_TOK2VEC
DEFAULT_MODEL = Config().from_str(DEFAULT_TRIGGER_MODEL)["model"]


@Language.factory(
    "eventx_triggers",
    assigns=["doc._.events", "doc.spans"],
    default_config={"model": DEFAULT_MODEL, "scorer": {"@scorers": "eventx.events_scorer.v1"}},
    default_score_weights={"trigger_f": 0.5, "trigger_p": 0.0, "trigger_r": 0.0},
)
def make_trigger_tagger(nlp: Language, name: str, model: Model, scorer: Optional[Callable]) -> "EventTriggerTagger":
    """Create an EventTriggerTagger.

    model (Model[List[Doc], List[Floats2d]]): scores tokens; see eventx.TriggerModel.v1.
    scorer (Optional[Callable]): the scoring method.
    """
    return EventTriggerTagger(nlp.vocab, model, name, scorer=scorer)


def _biased_argmax(tag_probs: numpy.ndarray, o_bias: float) -> numpy.ndarray:
    """Each token's best tag after o_bias is added to the log probability of O.

    As for the argument linker's o_bias: above 0 it trades recall for precision
    (fewer, surer triggers), below 0 precision for recall; 0 is the plain argmax.
    """
    if not o_bias:
        return tag_probs.argmax(axis=1)
    biased = tag_probs.copy()
    biased[:, 0] *= numpy.exp(o_bias)
    return biased.argmax(axis=1)


class EventTriggerTagger(TrainablePipe):
    """Tag tokens with BIO event-type tags; each tagged span becomes an event.

    The event types and the whole ontology live in self.cfg, so they are saved
    with the pipeline and records can report the ontology's codes.
    """

    def __init__(self, vocab, model: Model, name: str = "eventx_triggers", *, scorer: Optional[Callable] = score_examples):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.scorer = scorer
        self.cfg: Dict = {"types": [], "ontology": None}

    @property
    def types(self) -> List[str]:
        return list(self.cfg["types"])

    @property
    def labels(self):
        return tuple(self.types)

    @property
    def tags(self) -> List[str]:
        return ["O"] + [f"{prefix}-{t}" for t in self.types for prefix in ("B", "I")]

    @property
    def ontology(self) -> Optional[Ontology]:
        return Ontology.from_dict(self.cfg["ontology"]) if self.cfg.get("ontology") else None

    def add_label(self, label: str) -> int:
        if label in self.cfg["types"]:
            return 0
        self._allow_extra_label()
        self.cfg["types"].append(label)
        return 1

    def predict(self, docs: Iterable[Doc]) -> List[Floats2d]:
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc2f(len(doc), len(self.tags) + 4) for doc in docs]
        return self.model.predict(docs)

    def set_annotations(self, docs: Iterable[Doc], scores: List[Floats2d]) -> None:
        n_tags = len(self.tags)
        for doc, doc_scores in zip(docs, scores):
            set_events(doc, self._decode(doc, self.model.ops.to_numpy(doc_scores), n_tags))

    def _decode(self, doc: Doc, scores: numpy.ndarray, n_tags: int) -> List[Dict]:
        tags = self.tags
        best = _biased_argmax(scores[:, :n_tags], self.cfg.get("o_bias", 0.0))
        events: List[Dict] = []
        i = 0
        while i < len(doc):
            tag = tags[best[i]]
            if tag == "O" or doc[i].is_space:
                i += 1
                continue
            etype = tag[2:]
            j = i + 1
            while j < len(doc) and tags[best[j]] == f"I-{etype}":
                j += 1
            probs = scores[numpy.arange(i, j), best[i:j]]  # each token's own tag: its probability
            modality = scores[i, n_tags:n_tags + 2]
            polarity = scores[i, n_tags + 2:n_tags + 4]
            events.append({
                "type": etype, "start": i, "end": j,
                "modality": MODALITIES[int(modality.argmax())],
                "polarity": POLARITIES[int(polarity.argmax())],
                "confidence": round(float(probs.mean()), 4),
                "modality_confidence": round(float(modality.max()), 4),
                "polarity_confidence": round(float(polarity.max()), 4),
                "arguments": [],
            })
            i = j
        return events

    def _gold(self, eg: Example):
        """Gold tag, modality and polarity per predicted token (-1: no gold)."""
        doc = eg.predicted
        tag_index = {t: k for k, t in enumerate(self.tags)}
        tags = numpy.zeros(len(doc), dtype="int32")
        modality = numpy.full(len(doc), -1, dtype="int32")
        polarity = numpy.full(len(doc), -1, dtype="int32")
        for ev in get_events(eg.reference):
            ref_span = eg.reference[ev["start"]:ev["end"]]
            span = doc.char_span(ref_span.start_char, ref_span.end_char)
            if span is None or ev["type"] not in self.cfg["types"]:
                continue
            tags[span.start] = tag_index[f"B-{ev['type']}"]
            tags[span.start + 1:span.end] = tag_index[f"I-{ev['type']}"]
            modality[span.start:span.end] = MODALITIES.index(ev["modality"])
            polarity[span.start:span.end] = POLARITIES.index(ev["polarity"])
        return tags, modality, polarity

    def get_loss(self, examples: Iterable[Example], scores: List[Floats2d]):
        n_tags = len(self.tags)
        ops = self.model.ops
        d_scores, loss = [], 0.0
        for eg, doc_scores in zip(examples, scores):
            probs = ops.to_numpy(doc_scores)
            tags, modality, polarity = self._gold(eg)
            truth = numpy.zeros_like(probs)
            mask = numpy.zeros_like(probs)
            rows = numpy.arange(len(tags))
            truth[rows, tags] = 1.0
            mask[:, :n_tags] = 1.0
            for offset, gold in ((n_tags, modality), (n_tags + 2, polarity)):
                known = gold >= 0
                truth[rows[known], offset + gold[known]] = 1.0
                mask[known, offset:offset + 2] = 1.0
            d_scores.append(ops.asarray2f((probs - truth) * mask))
            loss += float(-(numpy.log(numpy.clip(probs, 1e-8, 1.0)) * truth * mask).sum())
        return loss, d_scores

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd=None, losses=None) -> Dict[str, float]:
        if losses is None:
            losses = {}
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        if not any(len(eg.predicted) for eg in examples):
            return losses
        set_dropout_rate = getattr(self.model, "set_dropout_rate", None)
        if set_dropout_rate:
            set_dropout_rate(drop)
        scores, backprop = self.model.begin_update([eg.predicted for eg in examples])
        loss, d_scores = self.get_loss(examples, scores)
        backprop(d_scores)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Optional[Language] = None,
                   ontology: Optional[str] = None) -> None:
        """Set the event types (from the ontology file, else from the examples) and initialize the model.

        ontology (Optional[str]): path to an ontology TOML file (configs/ontology.toml).
        """
        validate_get_examples(get_examples, "EventTriggerTagger.initialize")
        if ontology:
            onto = Ontology.from_file(Path(ontology))
            self.cfg["ontology"] = onto.to_dict()
            self.cfg["types"] = onto.type_names
        else:
            for eg in get_examples():
                for ev in get_events(eg.reference):
                    if ev["type"] not in self.cfg["types"]:
                        self.cfg["types"].append(ev["type"])
        if not self.cfg["types"]:
            raise ValueError(Errors.E040.format(name=self.name))
        self.model.get_ref("tags").set_dim("nO", len(self.tags))
        onto = self.ontology
        set_trigger_lexicon(self.model, self.types, onto.trigger_lists if onto else {})
        doc_sample = [eg.predicted for eg in islice(get_examples(), 10)]
        self.model.initialize(X=doc_sample)
