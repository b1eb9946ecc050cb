"""Hash embeddings of a word's features and of its Arabic root.

Arabic builds words from roots by patterns and affixes: اجتماع، اجتمعت، تجتمع
and الاجتماعات share the root جمع; جددت and تجديد share جدد; قابلت and مقابلة
share قبل. A small corpus holds many of a trigger's forms once or never, and
NORM, PREFIX, SUFFIX and SHAPE give an unseen form little to go on. This layer
embeds the attributes that spacy.MultiHashEmbed.v2 embeds, plus one more
column: the root of the word's feature key (arabic.feature_key) as NLTK's ISRI
root stemmer finds it. Roots conflate senses (قبل: met, accepted, before), so
the root is a feature beside the word's own, not a replacement for it.
"""
from functools import lru_cache
from typing import Callable, List, Tuple, Union

import numpy
from spacy.attrs import intify_attr
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

from ..arabic import feature_key, is_arabic_word, lexicon_keys

NAME = "eventx_root_features"


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.isri import ISRIStemmer  # imported on first use: only pipelines that embed roots need it

    return ISRIStemmer()


@lru_cache(maxsize=200_000)
def word_root(text: str) -> str:
    """The root of an Arabic word (ISRI, on its feature key); any other token's feature key.

    جددت → جدد, مقابلة → قبل, 2024 → 2024, "." → ".". ISRI leaves long words with
    stacked suffixes whole (اجتماعاتهما); those are stemmed again without the
    article, future prefix or pronoun suffix that lexicon_keys strips (→ جمع).
    """
    key = feature_key(text)
    if not is_arabic_word(text):
        return key
    root = _stemmer().stem(key) or key
    if len(root) > 4:
        root = _stemmer().stem(lexicon_keys(text)[-1]) or root
    return root


@lru_cache(maxsize=200_000)
def _root_id(text: str) -> int:
    """The hash of word_root(text), the root column's value: cached, as a token's root is."""
    return get_string_id(word_root(text))


@registry.architectures("eventx.ArabicHashEmbed.v1")
def build_arabic_hash_embed(
    width: int,
    attrs: List[Union[str, int]],
    rows: List[int],
    root_rows: int,
) -> Model[List[Doc], List[Floats2d]]:
    """spacy.MultiHashEmbed.v2 without static vectors, plus a hash embedding of each word's root.

    width (int): the output width, and the width of every embedding table.
    attrs (List[Union[str, int]]): token attributes to embed, as in MultiHashEmbed.
    rows (List[int]): rows of each attribute's table.
    root_rows (int): rows of the root's table.
    RETURNS (Model[List[Doc], List[Floats2d]]): one vector per token.
    """
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} rows for {len(attrs)} attrs")
    # Seeds as MultiHashEmbed gives them (8, 9, ...), the root's table last.
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(rows + [root_rows])]
    return chain(
        _root_feature_extractor([intify_attr(a) for a in attrs]),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


def _root_feature_extractor(columns: List[int]) -> Model[List[Doc], List[Ints2d]]:
    return Model(NAME, _forward, attrs={"columns": columns})


def _features(doc: Doc, columns: List[int]) -> numpy.ndarray:
    out = numpy.zeros((len(doc), len(columns) + 1), dtype="uint64")
    if len(doc):
        out[:, :-1] = doc.to_array(columns).reshape((len(doc), len(columns)))
        out[:, -1] = [_root_id(token.text) for token in doc]
    return out


def _forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[List[Ints2d], Callable]:
    columns = model.attrs["columns"]
    features = [model.ops.asarray(_features(doc, columns), dtype="uint64") for doc in docs]
    return features, lambda d_features: []
