"""The ontology's trigger lexicon as token features, beside the learned vectors.

A small corpus teaches a model the trigger forms it holds many times (التقى,
اجتماع) and leaves rare ones (زار, تجتمع, لقاءاتهما) to a few examples each. The
ontology lists the typical triggers of every type; this layer tells the trigger
tagger, per token, which types' lists the word is in (see arabic.lexicon_keys
for how inflected forms match). It is a feature, not a rule: the tagger learns
how far to trust it, and finds triggers that no list holds.

The lexicon comes from the ontology when the trigger tagger is initialized
(set_trigger_lexicon) and is saved with the model, so a user who adds an event
type and its triggers to the ontology gets the feature for it too.
"""
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Model
from thinc.types import Floats2d

from ..arabic import lexicon_keys

NAME = "eventx_trigger_lexicon"


@registry.architectures("eventx.TriggerLexicon.v1")
def build_trigger_lexicon() -> Model[List[Doc], List[Floats2d]]:
    """Per token, one column per event type: 1.0 where the word is in that type's trigger list.

    RETURNS (Model[List[Doc], List[Floats2d]]): no weights; its lexicon and
        types are set by set_trigger_lexicon and saved with the model.
    """
    return Model(NAME, _forward, init=_init, attrs={"lexicon": {}, "types": []}, dims={"nO": None})


def build_lexicon(types: Sequence[str], triggers: Dict[str, Sequence[str]]) -> Dict[str, List[int]]:
    """Lexicon keys to type columns: each listed form's feature key, and its first stripped key.

    The first stripped key (arabic.lexicon_keys) is the form without its article
    or its س or, failing those, without its last letters read as a pronoun
    suffix: listing الانتشار also lists انتشار, and listing منتشرة also lists منتشر
    (ة is ه in a feature key). A stripped key that is no word (زيار from زيارة)
    matches nothing.

    types (Sequence[str]): the event types, in column order.
    triggers (Dict[str, Sequence[str]]): trigger forms by type (the ontology's lists).
    """
    lexicon: Dict[str, List[int]] = {}
    for column, etype in enumerate(types):
        for form in triggers.get(etype, ()):
            for key in lexicon_keys(form)[:2]:
                if column not in lexicon.setdefault(key, []):
                    lexicon[key].append(column)
    return lexicon


def set_trigger_lexicon(model: Model, types: Sequence[str], triggers: Dict[str, Sequence[str]]) -> None:
    """Give every TriggerLexicon layer under model its types and lexicon (see build_lexicon)."""
    lexicon = build_lexicon(types, triggers)
    for node in model.walk():
        if node.name == NAME:
            node.attrs["lexicon"] = lexicon
            node.attrs["types"] = list(types)
            node.set_dim("nO", len(types), force=True)


def lexicon_columns(text: str, lexicon: Dict[str, List[int]]) -> List[int]:
    """The columns (types) whose list holds the word text."""
    for key in lexicon_keys(text):
        if key in lexicon:
            return lexicon[key]
    return []


def _features(doc: Doc, lexicon: Dict[str, List[int]], width: int) -> numpy.ndarray:
    out = numpy.zeros((len(doc), width), dtype="float32")
    for token in doc:
        for column in lexicon_columns(token.text, lexicon):
            out[token.i, column] = 1.0
    return out


def _forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[List[Floats2d], Callable]:
    lexicon = model.attrs["lexicon"]
    width = model.get_dim("nO")
    Y = [model.ops.asarray2f(_features(doc, lexicon, width)) for doc in docs]

    def backprop(dY: List[Floats2d]) -> List[Doc]:
        return docs

    return Y, backprop


def _init(model: Model, X: Optional[List[Doc]] = None, Y=None) -> None:
    if not model.has_dim("nO"):
        model.set_dim("nO", max(1, len(model.attrs["types"])))
