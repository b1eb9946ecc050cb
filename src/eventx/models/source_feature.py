"""Whether a training sentence was written for the corpus, as a token feature.

The corpus mixes real news with sentences written for it (ANNOTATION.md's
`source`, "authored" in this project's corpus). The two teach different priors:
written sentences hold an event nearly every time, and in them نشر is mostly
deploying troops, where in the news it is mostly publishing. A tagger trained
on the mixture learns the mixture's priors and applies them to news.

This layer gives the trigger tagger `width` equal columns per token: 1.0 in a
document whose source is one of `sources`, 0.0 otherwise. The tagger can then learn
what holds for written sentences apart from what holds for news, while both
train the same weights everywhere else ("frustratingly easy" domain
adaptation, with the domain as an input). At extraction no document has a
source, so every document is read as news.

The source is set on the documents by the corpus reader (reader.py,
SOURCE_KEY in Doc.user_data); documents made any other way read 0.0.
"""
from typing import Callable, List, Sequence, Tuple

from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Model
from thinc.types import Floats2d

NAME = "eventx_source_feature"
# Doc.user_data key of the annotation's `source` (set by corpus/reader.py).
SOURCE_KEY = "eventx_source"


@registry.architectures("eventx.SourceFeature.v1")
def build_source_feature(sources: Sequence[str] = ("authored",), width: int = 16) -> Model[List[Doc], List[Floats2d]]:
    """Per token, width equal columns: 1.0 when its document's annotation source is in sources, else 0.0.

    sources (Sequence[str]): the sources of sentences written for the corpus.
    width (int): how many copies of the flag. Beside a tok2vec's 100-odd columns one
        column is learned slowly (a tiny contradictory corpus was still not fitted
        after 200 passes); each copy adds its own weight to every hidden unit.
    RETURNS (Model[List[Doc], List[Floats2d]]): no weights.
    """
    return Model(NAME, _forward, attrs={"sources": list(sources)}, dims={"nO": width})


def doc_flag(doc: Doc, sources: Sequence[str]) -> float:
    """1.0 when doc's annotation source is one of sources."""
    return 1.0 if doc.user_data.get(SOURCE_KEY) in sources else 0.0


def _forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[List[Floats2d], Callable]:
    sources = model.attrs["sources"]
    width = model.get_dim("nO")
    Y = [model.ops.alloc2f(len(doc), width) + doc_flag(doc, sources) for doc in docs]

    def backprop(dY: List[Floats2d]) -> List[Doc]:
        return docs

    return Y, backprop
