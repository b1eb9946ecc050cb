"""Pure helpers for Arabic text: marks, clitics, normalization keys.

Nothing here changes a document's text: tokenization and matching work on
keys derived from the text, and every offset still indexes the text as given.
"""
import re
from typing import Dict, Iterator, List, Mapping, Tuple

# Harakat, tanwin, shadda, sukun, Quranic marks, superscript alef, tatweel.
MARKS = frozenset([chr(c) for c in range(0x0610, 0x061B)] + [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"])
_MARK_CLASS = "\u0610-\u061a\u064b-\u065f\u0670\u0640"
WORD_RE = re.compile(rf"(?:[^\W\d_]|[{_MARK_CLASS}])+")
NUMBER_RE = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")
_PIECE_RE = re.compile(rf"{WORD_RE.pattern}|{NUMBER_RE.pattern}|\S")
_ARABIC_LETTER_RE = re.compile("[\u0621-\u064a]")

CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
# Frequent words that begin with a clitic letter but are whole words; splitting
# them would only confuse the model.
NEVER_SPLIT = frozenset(
    "كما لما لكن لكي لدى لذا لذلك لقد لعل ليس ليست لم لن له لها لهم لهما لي لنا لك كل كلا كلما "
    "كان كانت كانوا كذلك كيف بل بعد بين بينما بدون بها به بهم فقط فيما في فيه فيها وفق وفقا وفي "
    "ولكن كأن بأن لأن فإن وإن وأن واحد واحدة وحدة وحده ورد وراء".split()
)


def strip_marks(text: str) -> str:
    """Remove diacritics and tatweel (the matching key of a word)."""
    return "".join(ch for ch in text if ch not in MARKS)


_FEATURE_KEY = str.maketrans({
    **{ch: "" for ch in MARKS},
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Eastern (Persian) digits
})


def feature_key(text: str) -> str:
    """The form a model's word features read: one key for a word's spellings.

    Diacritics and tatweel go, hamza-carrying alefs become ا, ى becomes ي, ة
    becomes ه, Arabic-Indic digits become ASCII, Latin is lowercased. News
    writes اجتماعاً and اجتماعا, إبرام and ابرام, ٢٠٢٤ and 2024 for the same word;
    a model should not have to learn each spelling apart.
    """
    return text.translate(_FEATURE_KEY).lower() or text


# Pronoun suffixes as feature_key writes them (ة is ه there): اجتماعها، لقائه، توقيعهما.
_PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه", "نا")


def lexicon_keys(text: str) -> List[str]:
    """The keys under which a word can match a trigger lexicon (see TriggerLexicon).

    The word's feature_key, and the same without what inflection or the
    tokenizer may leave around a listed form: the article (الاجتماع), the
    first ل of a ل + ال fusion (لاجتماع), the future prefix س (سيلتقي) and a
    pronoun suffix (اجتماعها). Every stripped key keeps three letters or more.
    """
    key = feature_key(text)
    stems = [key]
    if key.startswith("ال") and len(key) >= 5:
        stems.append(key[2:])
    elif key.startswith("ل") and len(key) >= 4:
        stems.append(key[1:])
    elif key.startswith("س") and key[1:2] in ("ي", "ت", "ن", "ا") and len(key) >= 4:
        stems.append(key[1:])
    keys = list(stems)
    for stem in stems:
        for suffix in _PRONOUN_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                keys.append(stem[:-len(suffix)])
                break
    return keys


def is_arabic_word(text: str) -> bool:
    return bool(_ARABIC_LETTER_RE.match(strip_marks(text)[:1]))


def iter_pieces(chunk: str) -> Iterator[str]:
    """Split a chunk without whitespace into words, numbers and punctuation marks."""
    return (m.group() for m in _PIECE_RE.finditer(chunk))


def _first_unit(word: str) -> int:
    """Length of the first letter with the marks that follow it."""
    i = 1
    while i < len(word) and word[i] in MARKS:
        i += 1
    return i


def _should_split(letter: str, rest_key: str, word_key: str, lexicon: Mapping[str, int]) -> bool:
    if word_key in NEVER_SPLIT or len(rest_key) < 2:
        return False
    if letter in PREPOSITIONS and len(rest_key) == 2:
        return lexicon.get(rest_key, 0) >= 20  # a preposition before a frequent short word: بأي، بما
    if rest_key.startswith("ال") and len(rest_key) >= 4:
        return True  # a clitic before the article: والتقى، بالجيش
    if letter == "ل" and rest_key.startswith("ل") and len(rest_key) >= 3:
        return True  # ل + ال fusion: للتنسيق → ل | لتنسيق
    if letter in CONJUNCTIONS and len(rest_key) >= 5 and rest_key[0] in PREPOSITIONS and (
            rest_key[1:].startswith("ال") or rest_key.startswith("لل")):
        return True  # a conjunction before preposition + article: وبالتمديد، وللأمم
    if letter in CONJUNCTIONS and len(rest_key) >= 5 and (
            (rest_key[0] == "س" and rest_key[1] in "يتنأ") or rest_key.startswith("است") or
            (rest_key[0] == "ا" and rest_key[2] == "ت")):
        return True  # a conjunction before a future verb or a derived verb: وستوقع، واستقبلت، واجتمعت
    n_rest, n_word = lexicon.get(rest_key, 0), lexicon.get(word_key, 0)
    if n_rest >= 2 and len(rest_key) >= (3 if letter in PREPOSITIONS else 4) and n_word <= 10 * n_rest:
        # A clitic before an attested word (لمدة → ل | مدة); an extra split costs little.
        # But not where the whole word is over ten times as common as the rest: the rest
        # is then noise in the counts, not a word (وزراء is not و | زراء, بوتين not ب | وتين).
        return True
    if n_rest >= 2 and len(rest_key) >= 3 and 2 * n_rest >= n_word:
        return True  # the remainder is an attested word, at least half as common as the whole
    # An unseen word: splitting a long remainder off is the safer error, since a
    # span can still cover both pieces, but never start inside an unsplit word.
    return n_word == 0 and len(rest_key) >= 4


def split_clitics(word: str, lexicon: Mapping[str, int]) -> List[str]:
    """Split attached conjunctions (و ف) and prepositions (ب ل ك) off a word.

    word (str): one word, as written (diacritics and tatweel kept).
    lexicon (Mapping[str, int]): word counts keyed by strip_marks(word).
    RETURNS (List[str]): the pieces; "".join(pieces) == word.
    """
    pieces = []
    rest = word
    for letters in (CONJUNCTIONS, PREPOSITIONS):
        if not rest or rest[0] not in letters:
            continue
        cut = _first_unit(rest)
        if _should_split(rest[0], strip_marks(rest[cut:]), strip_marks(rest), lexicon):
            pieces.append(rest[:cut])
            rest = rest[cut:]
    pieces.append(rest)
    return pieces


def count_words(texts) -> Dict[str, int]:
    """Count whole words (keyed by strip_marks) in texts: the tokenizer's lexicon."""
    counts: Dict[str, int] = {}
    for text in texts:
        for match in WORD_RE.finditer(text):
            key = strip_marks(match.group())
            counts[key] = counts.get(key, 0) + 1
    return counts


def whitespace_pieces(run: str) -> List[str]:
    """Split a whitespace run into tokens, one per line break, so sentences end there."""
    out: List[str] = []
    buf = ""
    for ch in run:
        if ch == "\n":
            if buf:
                out.append(buf)
                buf = ""
            out.append(ch)
        else:
            buf += ch
    if buf:
        out.append(buf)
    return out


def segment(text: str, lexicon: Mapping[str, int]) -> Tuple[List[str], List[bool]]:
    """Tokenize text into spaCy words and spaces; "".join(...) rebuilds text exactly.

    A single " " after a token is its trailing space; every other whitespace
    (non-breaking spaces, line breaks, runs) becomes a token of its own.
    """
    words: List[str] = []
    spaces: List[bool] = []
    for match in re.finditer(r"\s+|\S+", text):
        chunk = match.group()
        if chunk[0].isspace():
            if words and not spaces[-1] and chunk[0] == " ":
                spaces[-1] = True
                chunk = chunk[1:]
            for piece in whitespace_pieces(chunk):
                words.append(piece)
                spaces.append(False)
            continue
        for piece in iter_pieces(chunk):
            parts = split_clitics(piece, lexicon) if is_arabic_word(piece) else [piece]
            words.extend(parts)
            spaces.extend([False] * len(parts))
    return words, spaces
