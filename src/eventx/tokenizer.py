"""An Arabic tokenizer that splits attached clitics and keeps the text exact.

spaCy's rule-based tokenizer cannot split a word in the middle without an
affix rule for every form; Arabic attaches و ف ب ل ك (and fuses ل with the
article ال into لل) to the next word, and annotated spans start after them.
This tokenizer splits them off where a lexicon of word counts says the rest is
a word of its own, so spans fall on token boundaries while the document text
and every character offset stay exactly as given.
"""
import json
from importlib import resources
from pathlib import Path
from typing import Dict, Iterable, Optional

import srsly
import spacy
from spacy.tokens import Doc
from spacy.util import ensure_path

from .arabic import WORD_RE, count_words, feature_key, segment, strip_marks
from .errors import Errors


def load_lexicon(path: Optional[Path] = None) -> Dict[str, int]:
    """Load a lexicon of word counts; the packaged one when path is None."""
    try:
        if path is None:
            return json.loads(resources.files("eventx").joinpath("data/lexicon.json").read_text("utf8"))
        return srsly.read_json(path)
    except (OSError, ValueError) as e:
        raise ValueError(Errors.E030.format(path=path or "eventx/data/lexicon.json", reason=e)) from e


def build_lexicon(texts: Iterable[str], *, span_files: Iterable[Path] = (), min_count: int = 2) -> Dict[str, int]:
    """Count the words of texts, plus the first word of every annotated span.

    texts (Iterable[str]): Arabic text.
    span_files (Iterable[Path]): annotated files; each span's first word counts min_count
        times, so the tokenizer splits clitics off it.
    min_count (int): keep words counted at least this often.
    RETURNS (Dict[str, int]): the lexicon, sorted by word.
    """
    from .corpus.reader import read_annotations

    counts = count_words(texts)
    for path in span_files:
        for _, ann in read_annotations(path):
            for ev in ann.events:
                for span in [ev.trigger, *ev.arguments]:
                    first = WORD_RE.match(span.text)
                    if first:
                        key = strip_marks(first.group())
                        counts[key] = counts.get(key, 0) + min_count
    return {k: v for k, v in sorted(counts.items()) if v >= min_count}


class ArabicTokenizer:
    """Whitespace and punctuation tokenization plus clitic splitting.

    vocab (Vocab): the shared vocabulary.
    lexicon (Dict[str, int]): word counts that decide where clitics are split.
    """

    def __init__(self, vocab, lexicon: Dict[str, int]):
        self.vocab = vocab
        self.lexicon = lexicon

    def __call__(self, text: str) -> Doc:
        words, spaces = segment(text, self.lexicon)
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.msgpack_dumps({"lexicon": self.lexicon})

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "ArabicTokenizer":
        self.lexicon = srsly.msgpack_loads(data)["lexicon"]
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "lexicon.json", self.lexicon)

    def from_disk(self, path, *, exclude=tuple()) -> "ArabicTokenizer":
        self.lexicon = load_lexicon(ensure_path(path) / "lexicon.json")
        return self


@spacy.registry.tokenizers("eventx.ArabicTokenizer.v1")
def create_arabic_tokenizer(lexicon_path: Optional[str] = None):
    """Build the tokenizer; lexicon_path None uses the lexicon shipped with eventx."""

    def make_tokenizer(nlp):
        return ArabicTokenizer(nlp.vocab, load_lexicon(Path(lexicon_path) if lexicon_path else None))

    return make_tokenizer


def use_feature_keys(vocab) -> None:
    """Make NORM, PREFIX, SUFFIX and SHAPE read a word's feature_key, not its spelling.

    Lexemes are created on first sight, after this is set, so it holds for every
    word a pipeline reads (and again after a memory zone drops its lexemes).
    """
    from spacy.attrs import NORM, PREFIX, SHAPE, SUFFIX
    from spacy.lang.lex_attrs import word_shape

    vocab.lex_attr_getters[NORM] = feature_key
    vocab.lex_attr_getters[PREFIX] = lambda text: feature_key(text)[:1]
    vocab.lex_attr_getters[SUFFIX] = lambda text: feature_key(text)[-3:]
    vocab.lex_attr_getters[SHAPE] = lambda text: word_shape(feature_key(text))


@spacy.registry.tokenizers("eventx.ArabicTokenizer.v2")
def create_arabic_tokenizer_v2(lexicon_path: Optional[str] = None):
    """v1's tokenization, with word features (NORM, PREFIX, SUFFIX, SHAPE) read from
    feature_key: one key for اجتماعاً / اجتماعا, أبرم / ابرم, ٢٠٢٤ / 2024.

    v1 reads them from the spelling, so diacritized text (common in what a model is
    trained on) and plain text (most real news) look like different words; v1 stays
    so pipelines trained with it load unchanged.
    """

    make_v1 = create_arabic_tokenizer(lexicon_path)

    def make_tokenizer(nlp):
        use_feature_keys(nlp.vocab)
        return make_v1(nlp)

    return make_tokenizer
