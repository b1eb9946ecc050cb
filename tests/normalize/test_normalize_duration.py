"""normalize_duration: counts, duals, tamyiz forms, halves, refusals."""
import pytest

from eventx.normalize import normalize_duration


@pytest.mark.parametrize(
    "text,value",
    [
        ("عامين إضافيين", "P2Y"), ("ستة أشهر", "P6M"), ("90 يوماً", "P90D"), ("٤٨ ساعة", "PT48H"),
        ("عاماً واحداً", "P1Y"), ("سنة", "P1Y"), ("شهرين", "P2M"), ("ثلاثة أشهر أخرى", "P3M"),
        ("أسبوعين", "P2W"), ("لمدة عام", "P1Y"), ("نصف عام", "P6M"), ("ستة شهور", "P6M"),
        ("12 شهراً", "P12M"), ("ثلاث سنوات", "P3Y"), ("أربعة أعوام", "P4Y"), ("سنتين", "P2Y"),
        ("عامان", "P2Y"), ("ثلاثة أسابيع", "P3W"), ("خمسة عشر يوماً", "P15D"),
        ("إحدى عشرة سنة", "P11Y"), ("خمسة وعشرين يوما", "P25D"), ("ستين يوماً", "P60D"),
        ("مئة يوم", "P100D"), ("مائة يوم", "P100D"), ("عام ونصف", "P18M"), ("ساعة ونصف", "PT1H30M"),
        ("نصف ساعة", "PT30M"), ("لعامين", "P2Y"), ("الأشهر الستة المقبلة", "P6M"),
        ("عقدين", "P20Y"), ("ثلاثة أشهر ونصف", "P3M15D"), ("ساعتين", "PT2H"), ("١٠ دقائق", "PT10M"),
    ],
)
def test_durations(text, value):
    assert normalize_duration(text).value == value


def test_diacritics_and_nbsp():
    assert normalize_duration("لِمُدَّةِ\u00a0عامَيْنِ").value == "P2Y"


@pytest.mark.parametrize("text", ["عدة أشهر", "بضعة أيام", "لشهور", "فترة طويلة", "حتى نهاية العام", "عشرة", ""])
def test_refusals(text):
    got = normalize_duration(text)
    assert got.value is None
    assert got.reason
