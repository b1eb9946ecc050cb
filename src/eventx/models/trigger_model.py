"""Token-level trigger model: BIO event-type tags plus modality and polarity."""
from typing import Callable, List, Optional, Tuple

from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Maxout, Model, Softmax, chain, concatenate, with_array
from thinc.types import Floats2d


@registry.architectures("eventx.TriggerModel.v1")
def build_trigger_model(
    tok2vec: Model[List[Doc], List[Floats2d]],
    hidden_width: int = 128,
    dropout: float = 0.1,
    nO: Optional[int] = None,
) -> Model[List[Doc], List[Floats2d]]:
    """Score every token with three softmax heads, side by side in one array.

    Columns [0, nO) are the BIO tags over event types; the next two are the
    modality (asserted, other) and the last two the polarity (positive,
    negative) of the event a token triggers.

    tok2vec (Model): the token vectors (a transformer listener or a CNN).
    hidden_width (int): width of the hidden maxout layer.
    dropout (float): dropout of the hidden layer.
    nO (Optional[int]): the number of BIO tags; set by the component from its types.
    RETURNS (Model[List[Doc], List[Floats2d]]): the model.
    """
    tags = Softmax(nO=nO)
    hidden = Maxout(nO=hidden_width, nP=2, dropout=dropout, normalize=True)
    heads = concatenate(tags, Softmax(nO=2), Softmax(nO=2))
    model = chain(tok2vec, with_array(chain(hidden, heads)))
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("tags", tags)
    return model


@registry.architectures("eventx.TriggerEnsemble.v1")
def build_trigger_ensemble(*members: Model[List[Doc], List[Floats2d]]) -> Model[List[Doc], List[Floats2d]]:
    """Average the token scores (BIO tags, modality, polarity) of several trigger models.

    Trigger taggers trained separately err in different places, and one that reads other
    vectors errs in other places still: on this project's real-news dev sentences the default's
    tagger averaged with the CNN pipeline's scored 4.8 trigger-C points above the default's alone
    (models/README.md, "Round 10"). Each member is an eventx.TriggerModel with its own tok2vec
    (or a listener of the pipeline's). Built from trained pipelines by `eventx ensemble`.

    members (Model): the trigger models.
    RETURNS (Model): maps docs to averaged token scores, as a member does.
    """
    if not members:
        raise ValueError("a trigger ensemble needs at least one member")
    return Model(
        "eventx_trigger_ensemble",
        forward=_ensemble_forward,
        init=_ensemble_init,
        layers=list(members),
        refs={"tags": members[0].get_ref("tags")},
    )


def _ensemble_forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[List[Floats2d], Callable]:
    outputs, callbacks = zip(*(member(docs, is_train) for member in model.layers))
    n = len(outputs)
    scores = [sum(doc_scores) / n for doc_scores in zip(*outputs)]

    def backprop(d_scores: List[Floats2d]) -> List[Doc]:
        for callback in callbacks:
            callback([d / n for d in d_scores])
        return docs

    return scores, backprop


def _ensemble_init(model: Model, X: Optional[List[Doc]] = None, Y=None) -> None:
    tags = model.get_ref("tags")
    for member in model.layers:
        if tags.has_dim("nO"):
            member.get_ref("tags").set_dim("nO", tags.get_dim("nO"), force=True)
        member.initialize(X=X, Y=Y)
