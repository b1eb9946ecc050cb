"""Cutting long documents into pieces: nothing lost, cuts at the best boundary."""
import pytest

from eventx.segments import split_text


@pytest.mark.parametrize("max_chars", [7, 50, 333, 10**6])
def test_pieces_join_to_the_text(max_chars):
    text = ("وقّع الوزيران اتفاقية\u00a0تعاون أمس. والتقى الرئيس وفداً؟ نعم\n\n" * 40) + "ـكلمةـطويلةـجداًـ" * 30
    pieces = split_text(text, max_chars)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= max_chars for _, piece in pieces)
    assert [offset for offset, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]


def test_cuts_prefer_paragraphs_then_sentences_then_spaces():
    para = "جملة أولى. جملة ثانية.\n"
    assert split_text(para * 3, len(para) + 5) == [(0, para), (len(para), para), (2 * len(para), para)]
    assert split_text("جملة أولى. جملة ثانية", 15) == [(0, "جملة أولى. "), (11, "جملة ثانية")]
    assert split_text("كلمة كلمة كلمة", 10) == [(0, "كلمة كلمة "), (10, "كلمة")]
    assert split_text("ا" * 25, 10) == [(0, "ا" * 10), (10, "ا" * 10), (20, "ا" * 5)]
