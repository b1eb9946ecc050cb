"""Names and time words as token features for the argument linker.

The participants of real news are mostly names that a small corpus holds once
or never (ميقاتي، أسمرة، اللجنة التنفيذية); what marks them is that they are
states, places, organisations, titled people and dates. The gazetteer
(normalize/gazetteer.py) and the time reader (normalize/timex.py) already know
those words. This layer tells the model, per token, which kinds of name the
token is part of: it is a feature beside the learned vectors, not a rule, so
the linker learns how far to trust it.

The key table is built from the shipped gazetteer (and the user's files, if the
config names any) when the layer is created, and is saved with the model: a
trained pipeline reads the features it was trained with, whatever gazetteer is
installed later.
"""
import functools
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Model
from thinc.types import Floats2d

from ..normalize.gazetteer import Gazetteer
from ..normalize.text import clitic_variants, key_tokens
from ..normalize.timex import time_word_keys

NAME = "eventx_entity_lexicon"
# One column per kind of name; a gazetteer capital counts as a place.
COLUMNS = ("country", "adjective", "place", "organization", "person", "title", "time")
_COLUMN_OF_KIND = {**{kind: COLUMNS.index(kind) for kind in COLUMNS}, "capital": COLUMNS.index("place")}


@registry.architectures("eventx.EntityLexicon.v1")
def build_entity_lexicon(gazetteer_paths: Optional[List[str]] = None) -> Model[List[Doc], List[Floats2d]]:
    """Per token, one column per kind of name (COLUMNS): 1.0 where the token is part of such a name.

    Names are matched over the tokens' match keys, leftmost-longest, the first
    word with or without its clitics (و، ب، ل، لل ...), as the gazetteer matches them.

    gazetteer_paths (Optional[List[str]]): gazetteer files to add to the shipped one
        (the format of `eventx extract --gazetteer`); None: the shipped one alone.
    RETURNS (Model[List[Doc], List[Floats2d]]): no weights; its table is saved with the model.
    """
    gazetteer = Gazetteer.from_files(gazetteer_paths) if gazetteer_paths else Gazetteer.default()
    table = entity_table(gazetteer, time_word_keys())
    return Model(NAME, _forward, attrs={"table": table, "longest": max(map(_length, table), default=1)},
                 dims={"nO": len(COLUMNS)})


def entity_table(gazetteer: Gazetteer, time_keys: Sequence[Tuple[str, ...]]) -> Dict[str, List[int]]:
    """Space-joined match keys to the columns of their readings."""
    table: Dict[str, List[int]] = {}
    for key, entries in gazetteer.keys():
        table[" ".join(key)] = sorted({_COLUMN_OF_KIND[entry.kind] for entry in entries})
    for key in time_keys:
        columns = table.setdefault(" ".join(key), [])
        if COLUMNS.index("time") not in columns:
            columns.append(COLUMNS.index("time"))
    return table


def entity_columns(words: Sequence[str], table: Dict[str, List[int]], longest: int) -> numpy.ndarray:
    """(len(words), len(COLUMNS)) features for a doc's token texts."""
    keys = [_token_key(word) for word in words]
    out = numpy.zeros((len(words), len(COLUMNS)), dtype="float32")
    i = 0
    while i < len(keys):
        found = _match_at(keys, i, table, longest) if keys[i] else None
        if found is None:
            i += 1
            continue
        end, columns = found
        out[i:end, columns] = 1.0
        i = end
    return out


def _match_at(keys: List[Optional[str]], i: int, table: Dict[str, List[int]],
              longest: int) -> Optional[Tuple[int, List[int]]]:
    """The longest name starting at token i: (end, columns), or None."""
    best = None
    for first in clitic_variants(keys[i]):
        for n in range(min(longest, len(keys) - i), 0, -1):
            rest = keys[i + 1:i + n]
            if None in rest:
                continue
            key = " ".join((first, *rest))
            if key in table and (best is None or i + n > best[0]):
                best = (i + n, table[key])
                break
    return best


@functools.lru_cache(maxsize=200_000)
def _token_key(text: str) -> Optional[str]:
    """A token's one match key, or None for punctuation and tokens that are not one word."""
    keys = key_tokens(text)
    return keys[0] if len(keys) == 1 else None


def _length(key: str) -> int:
    return key.count(" ") + 1


def _forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[List[Floats2d], Callable]:
    table, longest = model.attrs["table"], model.attrs["longest"]
    Y = [model.ops.asarray2f(entity_columns([t.text for t in doc], table, longest)) for doc in docs]

    def backprop(dY: List[Floats2d]) -> List[Doc]:
        return docs

    return Y, backprop
