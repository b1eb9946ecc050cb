"""Arabic numbers: digits, cardinal words, ordinal words.

Every parser reads match-key tokens (see `text.key_tokens`): digits are
already ASCII, hamza and ta marbuta already folded. The lexicons below are
written in ordinary spelling and folded once at import, so they stay
readable. Parsers return `None` rather than guess: "بضعة" and "عدة" are not
numbers.
"""
from typing import Dict, List, Optional, Tuple

from .text import match_key


def _fold(table: Dict[str, int]) -> Dict[str, int]:
    return {match_key(word): value for word, value in table.items()}


# Masculine and feminine forms, with the case endings news text uses
# (اثنان/اثنين, عشرون/عشرين) and the short forms of construct (ثماني, اثنا).
_UNITS = _fold({
    "واحد": 1, "واحدة": 1, "أحد": 1, "إحدى": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2,
    "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2, "ثلاث": 3, "ثلاثة": 3,
    "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7,
    "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
})
_TEN = _fold({"عشر": 10, "عشرة": 10})
_TENS = _fold({
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
})
_HUNDREDS = _fold({
    "مئة": 100, "مائة": 100, "مئه": 100, "مية": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200,
    "مائتين": 200, "مئتا": 200, "مئتي": 200, "مائتا": 200, "مائتي": 200,
    "ثلاثمئة": 300, "ثلاثمائة": 300, "أربعمئة": 400, "أربعمائة": 400, "خمسمئة": 500,
    "خمسمائة": 500, "ستمئة": 600, "ستمائة": 600, "سبعمئة": 700, "سبعمائة": 700,
    "ثمانمئة": 800, "ثمانمائة": 800, "تسعمئة": 900, "تسعمائة": 900,
})
_HUNDRED = _fold({"مئة": 100, "مائة": 100})
_THOUSANDS = _fold({"ألف": 1000, "ألفا": 1000, "ألفان": 2000, "ألفين": 2000, "آلاف": 1000})
# Ordinals as day numbers ("الخامس من أيار"); with the article stripped by the
# caller's lookup, masculine and feminine.
_ORDINAL_UNITS = _fold({
    "أول": 1, "أولى": 1, "حادي": 1, "حادية": 1, "ثاني": 2, "ثانية": 2, "ثالث": 3,
    "ثالثة": 3, "رابع": 4, "رابعة": 4, "خامس": 5, "خامسة": 5, "سادس": 6, "سادسة": 6,
    "سابع": 7, "سابعة": 7, "ثامن": 8, "ثامنة": 8, "تاسع": 9, "تاسعة": 9, "عاشر": 10,
    "عاشرة": 10,
})
_ORDINAL_TENS = _fold({"عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30})


def _bare(token: str) -> str:
    """Drop a leading article or conjunction: "والعشرين" → "عشرين"."""
    if token.startswith("وال") and len(token) > 4:
        return token[3:]
    if token.startswith("ال") and len(token) > 3:
        return token[2:]
    if token.startswith("و") and len(token) > 2:
        return token[1:]
    return token


def digits_value(token: str) -> Optional[int]:
    """The integer of an ASCII-digit token, or None."""
    return int(token) if token.isdigit() else None


def parse_cardinal(tokens: List[str], i: int = 0) -> Optional[Tuple[int, int]]:
    """Read a cardinal number (digits or words) at tokens[i].

    Covers 1–10, 11–19 (two words), tens, "unit و tens" compounds, hundreds
    and thousands as news writes them ("ثلاثة آلاف", "مئة", "خمسة وعشرون").

    tokens (List[str]): Match-key tokens.
    i (int): Where to start reading.
    RETURNS (Optional[Tuple[int, int]]): (value, index after the number), or
        None when tokens[i] does not start a number.
    """
    if i >= len(tokens):
        return None
    token = tokens[i]
    if token.isdigit():
        value, j = int(token), i + 1
        if j < len(tokens) and tokens[j] in _THOUSANDS and value < 1000:
            return value * 1000, j + 1
        return value, j
    value, j = _small_number(tokens, i)
    if value is None:
        return None
    if j < len(tokens) and tokens[j] in _THOUSANDS and value < 20:
        value, j = value * 1000, j + 1
    elif value < 10 and j < len(tokens) and tokens[j] in _HUNDRED:
        value, j = value * 100, j + 1
    return value, j


def _small_number(tokens: List[str], i: int) -> Tuple[Optional[int], int]:
    token = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if token in _HUNDREDS:
        return _HUNDREDS[token], i + 1
    if token in _THOUSANDS and token != match_key("آلاف"):
        return _THOUSANDS[token], i + 1
    if token in _TENS:
        return _TENS[token], i + 1
    if token in _TEN:
        return 10, i + 1
    if token in _UNITS:
        unit = _UNITS[token]
        if nxt in _TEN:
            return 10 + unit, i + 2
        if nxt.startswith("و") and nxt[1:] in _TENS:
            return _TENS[nxt[1:]] + unit, i + 2
        return unit, i + 1
    return None, i


def parse_ordinal(tokens: List[str], i: int = 0) -> Optional[Tuple[int, int]]:
    """Read an ordinal word from 1 to 31 at tokens[i] ("الخامس عشر", "الحادي والعشرين").

    tokens (List[str]): Match-key tokens.
    i (int): Where to start reading.
    RETURNS (Optional[Tuple[int, int]]): (value, index after the ordinal) or None.
    """
    if i >= len(tokens):
        return None
    word = _bare(tokens[i])
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if word in _ORDINAL_TENS:
        return _ORDINAL_TENS[word], i + 1
    if word not in _ORDINAL_UNITS:
        return None
    unit = _ORDINAL_UNITS[word]
    if _bare(nxt) in _TEN and unit < 10:
        return 10 + unit, i + 2
    if nxt.startswith("و") and _bare(nxt) in _ORDINAL_TENS and unit < 10:
        return _ORDINAL_TENS[_bare(nxt)] + unit, i + 2
    if word in (match_key("حادي"), match_key("حادية")):
        return None  # "الحادي" alone is not an ordinal day
    return unit, i + 1
