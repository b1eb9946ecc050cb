"""Token vectors from several tok2vec layers side by side (e.g. a transformer and a CNN).

thinc's concatenate sums the input gradients of its layers, which listeners do
not return; this layer passes each listener its slice of the gradient instead.
"""
from typing import Callable, List, Optional, Tuple

from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Model
from thinc.types import Floats2d


@registry.architectures("eventx.ConcatTok2Vec.v1")
def build_concat_tok2vec(*layers: Model[List[Doc], List[Floats2d]]) -> Model[List[Doc], List[Floats2d]]:
    """Concatenate the outputs of tok2vec layers (listeners included) token by token.

    layers (Model[List[Doc], List[Floats2d]]): the tok2vec layers, in order.
    RETURNS (Model[List[Doc], List[Floats2d]]): one vector per token, the layers' widths summed.
    """
    return Model("concat_tok2vec", _forward, init=_init, layers=list(layers), dims={"nO": None})


def _forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[List[Floats2d], Callable]:
    outputs, callbacks = zip(*(layer(docs, is_train) for layer in model.layers))
    widths = [out[0].shape[1] if len(out) else 0 for out in outputs]
    Y = [model.ops.xp.hstack([out[i] for out in outputs]) for i in range(len(docs))]

    def backprop(dY: List[Floats2d]) -> List[Doc]:
        start = 0
        for callback, width in zip(callbacks, widths):
            callback([model.ops.as_contig(d[:, start:start + width]) for d in dY])
            start += width
        return docs

    return Y, backprop


def _init(model: Model, X: Optional[List[Doc]] = None, Y=None) -> None:
    for layer in model.layers:
        layer.initialize(X=X)
    if X is not None:
        model.set_dim("nO", sum(layer.predict(X)[0].shape[1] for layer in model.layers))
