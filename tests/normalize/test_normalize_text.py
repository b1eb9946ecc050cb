"""Pure text helpers and Arabic numbers."""
import pytest

from eventx.normalize.numbers import parse_cardinal, parse_ordinal
from eventx.normalize.text import (
    clitic_variants,
    key_tokens,
    match_key,
    normalize_digits,
    normalize_spaces,
    strip_diacritics,
)


def test_helpers():
    assert strip_diacritics("العسكريّ الـجيش") == "العسكري الجيش"
    assert normalize_spaces("أمس\u00a0 الجمعة\u200f ") == "أمس الجمعة"
    assert normalize_digits("١٢ مارس ٢٠٢٤ ۳") == "12 مارس 2024 3"
    assert match_key("إسرائيل") == match_key("اسرائيل")
    assert match_key("مستشفى الليبية") == match_key("مستشفي الليبيه")
    assert key_tokens("نوفمبر/تشرين الثاني (2019)") == ["نوفمبر", "تشرين", "الثاني", "2019"]


def test_clitic_variants():
    assert clitic_variants("للجيش")[0] == "للجيش"
    assert "الجيش" in clitic_variants("للجيش")
    assert "السفاره" in clitic_variants("بالسفاره")
    assert clitic_variants("ليبيا")[0] == "ليبيا"


@pytest.mark.parametrize(
    "text,value",
    [("ثلاثة", 3), ("ثلاث", 3), ("اثنا عشر", 12), ("خمسة عشر", 15), ("خمسة وعشرون", 25),
     ("عشرين", 20), ("مئة", 100), ("مائتي", 200), ("ثلاثة آلاف", 3000), ("٤٨", 48)],
)
def test_cardinals(text, value):
    assert parse_cardinal(key_tokens(text))[0] == value


@pytest.mark.parametrize(
    "text,value",
    [("الأول", 1), ("الخامس", 5), ("الخامس عشر", 15), ("الحادي والعشرين", 21), ("الثلاثين", 30)],
)
def test_ordinals(text, value):
    assert parse_ordinal(key_tokens(text))[0] == value


def test_not_numbers():
    assert parse_cardinal(key_tokens("بضعة")) is None
    assert parse_ordinal(key_tokens("الحادي")) is None
