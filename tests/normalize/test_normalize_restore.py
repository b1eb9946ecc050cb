"""restore_fused_article: ل + ال fusion, names with ل, and no fusion."""
import pytest

from eventx.normalize import restore_fused_article


def _restore(marked: str):
    start = marked.index("[")
    end = marked.index("]") - 1
    return restore_fused_article(marked.replace("[", "").replace("]", ""), start, end)


@pytest.mark.parametrize(
    "marked,restored",
    [
        ("مؤكدا ل[لتنسيق] بين الجانبين", "التنسيق"),
        ("دعم ل[لجيش الليبي]", "الجيش الليبي"),
        ("رسالة ل[لأمم المتحدة]", "الأمم المتحدة"),
        ("ول[لتنسيق] مع تركيا", "التنسيق"),
        ("فل[لحكومة] موقف", "الحكومة"),
        ("الدعم لِ[لجيش]", "الجيش"),
        ("زار معسكره ل[لتّنسيق في جانب التّدريب]", "التّنسيق في جانب التّدريب"),
        ("رئيس ل[لجنة الأمنية]", "اللجنة الأمنية"),
        ("مساعدات ل[لاجئين]", "اللاجئين"),
        ("دعم ل[ليبيين]", "الليبيين"),
    ],
)
def test_restored(marked, restored):
    assert _restore(marked) == restored


@pytest.mark.parametrize(
    "marked",
    [
        "زيارة ل[ليبيا]",  # ل + ليبيا: a name without an article
        "دعم ل[لبنان]",
        "سافر ل[لندن]",
        "قدم [لجنة] التحقيق",  # no ل before the span
        "قائد ال[لواء]",  # the ل before is the article's own
        "[لجنة] التحقيق",  # at the start of the text
        "التقى ب[الوفد]",
    ],
)
def test_not_restored(marked):
    assert _restore(marked) is None


def test_bad_offsets_raise():
    with pytest.raises(ValueError, match="E063"):
        restore_fused_article("للجيش", 3, 10)
