"""Token-level trigger model: BIO event-type tags plus modality and polarity."""
from typing import List, Optional

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
