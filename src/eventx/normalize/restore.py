"""Restore the article of a span cut out of a ل + ال fusion.

Arabic writes the preposition ل before the article ال as "لل" (للتنسيق,
للجيش, للأمم), and the annotation guidelines start such a span after the
first ل ("لتنسيق ..."). A record may carry the restored form ("التنسيق ...")
beside the exact span. Three cases share the spelling "لل":

- ل + ال + word:            للجيش   → span "لجيش"   → "الجيش"
- ل + ال + word with ل:     للجنة   → span "لجنة"   → "اللجنة" (three lams written as two)
- ل + name with ل, no ال:   لليبيا  → span "ليبيا"  → no article: None

The third case is told apart with the gazetteer (states, capitals, cities,
leaders); the second with a short list of ل-initial nouns and the
gazetteer's nationality adjectives (لليبيين → الليبيين).
"""
from typing import Optional

from ..errors import Errors
from .gazetteer import Gazetteer
from .text import key_tokens, match_key, strip_diacritics

_MARKS = frozenset(ch for ch in map(chr, range(0x0610, 0x0670)) if strip_diacritics(ch) == "") | {"\u0670", "\u0640"}
# Common ل-initial nouns that news text puts after ل + ال.
_LAM_NOUNS = frozenset(match_key(w) for w in (
    "لجنة لجان لواء ألوية لاجئ لاجئين لاجئون لاجئات لاعب لاعبين لاعبون لغة لغات لحظة ليل ليلة "
    "لائحة لوائح لقاح لقاحات لوجستيات ليرة ليرات").split())
_NAME_KINDS = ("country", "capital", "place", "person")


def restore_fused_article(doc_text: str, start: int, end: int) -> Optional[str]:
    """Return the span with its fused article restored, or None when there was no fusion.

    doc_text (str): The whole text the offsets index.
    start (int): Start offset of the span.
    end (int): End offset of the span (exclusive).
    RETURNS (Optional[str]): "ا" + span ("لتنسيق" → "التنسيق"), "ال" + span
        ("لجنة" → "اللجنة"), or None when the span was not cut from ل + ال
        ("ليبيا" from "لليبيا", or a span with no "لل" before it).
    """
    if not 0 <= start <= end <= len(doc_text):
        raise ValueError(Errors.E063.format(start=start, end=end, length=len(doc_text)))
    span = doc_text[start:end]
    if not span.startswith("ل") or not _after_word_initial_lam(doc_text, start):
        return None
    words = key_tokens(span)
    if not words:
        return None
    first = words[0]
    gazetteer = Gazetteer.default()
    readings = [e for n in (len(words), 2, 1) for e in gazetteer.readings(words[:n])]
    if any(e.kind in _NAME_KINDS for e in readings):
        return None  # لليبيا، للبنان، للندن: ل + a name that has no article
    if first in _LAM_NOUNS or any(e.kind == "adjective" for e in gazetteer.readings([first])):
        return "ال" + span
    return "ا" + span


def _after_word_initial_lam(doc_text: str, start: int) -> bool:
    """Is doc_text[start] preceded by a ل that starts its word, or follows only و/ف?"""
    i = _previous_letter(doc_text, start)
    if i < 0 or doc_text[i] != "ل":
        return False
    j = _previous_letter(doc_text, i)
    if j >= 0 and doc_text[j] in "وف":
        j = _previous_letter(doc_text, j)
    return j < 0 or not doc_text[j].isalpha()


def _previous_letter(text: str, i: int) -> int:
    """Index of the character before i, skipping diacritics and tatweel (-1 if none)."""
    i -= 1
    while i >= 0 and text[i] in _MARKS:
        i -= 1
    return i
