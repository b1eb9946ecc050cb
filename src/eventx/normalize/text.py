"""Pure helpers that turn Arabic surface text into matching keys.

Nothing here is used to change a record's text: the keys only decide whether
two spellings are "the same word". Every function is total and side-effect
free, so the other normalize modules can call them on any span.
"""
import re
from typing import List

# Harakat, tanwin, shadda, sukun, Quranic marks, superscript alef, tatweel.
_MARKS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Spaces that real news text carries besides U+0020: NBSP, narrow NBSP, the
# Unicode space block, ideographic space; and invisible joiners / direction
# marks that copy-paste from web pages leaves inside words.
_SPACES_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r\n]+")
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# Spelling variants that writers (and OCR, and Persian keyboards) use
# interchangeably; folding them makes the gazetteer and month lists match
# "اسرائيل" and "إسرائيل", "مستشفى" and "مستشفي", "الليبيه" and "الليبية".
_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
    "ؤ": "و", "ئ": "ي",
    "\u066b": ".", "\u066c": ",", "،": ",", "؛": ";", "؟": "?",
})
# Punctuation that separates words in a key; "/" and "(" matter because of
# the double month forms "نوفمبر/تشرين الثاني" and "مارس (آذار)".
_PUNCT_RE = re.compile(r"[\"'«»“”‘’()\[\]{}/\\|,;:!?\-–—_*<>…]+")
_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+(?:\.\d+)?|\S")


def strip_diacritics(text: str) -> str:
    """Remove harakat, tanwin, shadda, sukun, Quranic marks and tatweel.

    text (str): The text to clean.
    RETURNS (str): The text without marks; letters are unchanged.
    """
    return _MARKS_RE.sub("", text)


def normalize_spaces(text: str) -> str:
    """Turn NBSP and other exotic spaces into U+0020 and drop invisible marks.

    text (str): The text to clean.
    RETURNS (str): The text with single ordinary spaces, stripped.
    """
    text = _INVISIBLE_RE.sub("", text)
    return re.sub(" +", " ", _SPACES_RE.sub(" ", text)).strip()


def normalize_digits(text: str) -> str:
    """Replace Arabic-Indic and Persian digits with ASCII digits.

    text (str): The text to convert.
    RETURNS (str): The text with only ASCII digits.
    """
    return text.translate(_DIGITS)


def fold_letters(text: str) -> str:
    """Fold alef/hamza, ya/alef maqsura and ta marbuta variants for matching.

    text (str): Text without diacritics.
    RETURNS (str): The folded text (a key, not for display).
    """
    return text.translate(_LETTERS)


def match_key(text: str) -> str:
    """The key under which a phrase is matched: every tolerated variant folded.

    Diacritics, tatweel, hamza/alef, ya, ta marbuta, Arabic-Indic digits,
    NBSP and punctuation are all neutralised; Latin letters are lowercased.

    text (str): A word or phrase as written.
    RETURNS (str): Space-separated folded tokens.
    """
    text = fold_letters(normalize_digits(strip_diacritics(normalize_spaces(text))))
    text = _PUNCT_RE.sub(" ", text.lower())
    return " ".join(text.split())


def key_tokens(text: str) -> List[str]:
    """Split a phrase into its matching-key tokens (words and numbers).

    text (str): A word or phrase as written.
    RETURNS (List[str]): The folded tokens; punctuation is dropped.
    """
    return [t for t in _TOKEN_RE.findall(match_key(text)) if t.isalnum() or "." in t]


def clitic_variants(token: str) -> List[str]:
    """The readings of a key token with its leading clitics taken off.

    Order matters: the token itself comes first, then shorter readings, so a
    caller that takes the first reading found in its lexicon prefers the
    whole word ("ليبيا" is a name, not "ل" + "يبيا"). "لل" is read as the
    fusion of the preposition with the article ("للجيش" → "الجيش").

    token (str): A folded key token.
    RETURNS (List[str]): Candidate readings, the token first, no duplicates.
    """
    out = [token]
    rest = token
    # Up to one conjunction, then up to one preposition: وب، فل، ول، وك ...
    if len(rest) > 2 and rest[0] in "وف":
        rest = rest[1:]
        out.append(rest)
    if len(rest) > 2 and rest[0] in "بلك":
        if rest.startswith("لل") and len(rest) > 3:
            # ل + ال fuse to "لل"; before a word that itself starts with ل
            # the three lams are written as two (ل + اللجنة → للجنة).
            out.extend(["ال" + rest[2:], "ال" + rest[1:]])
        out.append(rest[1:])
    seen = set()
    return [t for t in out if not (t in seen or seen.add(t))]
