"""normalize_time: the seed's expressions, every month family, relative forms, refusals."""
import datetime

import pytest

from eventx.normalize import TimeValue, normalize_time

DOC = datetime.date(2024, 3, 2)  # the seed article's date, a Saturday


@pytest.mark.parametrize(
    "text,value,mod",
    [
        ("منذ عام 2020", "2020", "SINCE"),
        ("الأسبوع الماضي", "2024-W08", None),
        ("أواخر نوفمبر/تشرين الثاني 2019", "2019-11", "LATE"),
        ("أواخر نوفمبر/تشرين الثاني الماضي", "2023-11", "LATE"),
        ("أمس الجمعة", "2024-03-01", None),
    ],
)
def test_seed_expressions(text, value, mod):
    got = normalize_time(text, doc_date=DOC)
    assert (got.value, got.mod) == (value, mod)


def test_relative_value_records_its_anchor():
    assert normalize_time("أمس", doc_date=DOC).anchor == "2024-03-02"
    assert normalize_time("2019", doc_date=DOC).anchor is None


@pytest.mark.parametrize("text", ["أمس", "الأسبوع الماضي", "نوفمبر الماضي", "الأحد المقبل", "قبل يومين"])
def test_relative_without_doc_date_is_unresolved(text):
    got = normalize_time(text, doc_date=None)
    assert got.value is None
    assert got.reason == "relative expression needs the document date"


@pytest.mark.parametrize(
    "text,month",
    [
        ("يناير 2023", 1), ("كانون الثاني 2023", 1), ("جانفي 2023", 1), ("جانفييه 2023", 1),
        ("فبراير 2023", 2), ("شباط 2023", 2), ("فيفري 2023", 2), ("آذار 2023", 3),
        ("اذار 2023", 3), ("أفريل 2023", 4), ("نيسان 2023", 4), ("ماي 2023", 5),
        ("أيار 2023", 5), ("جوان 2023", 6), ("حزيران 2023", 6), ("جويلية 2023", 7),
        ("يوليوز 2023", 7), ("تموز 2023", 7), ("أوت 2023", 8), ("آب 2023", 8), ("غشت 2023", 8),
        ("أيلول 2023", 9), ("شتنبر 2023", 9), ("تشرين الأول 2023", 10), ("تشرين الاول 2023", 10),
        ("نونبر 2023", 11), ("تشرين الثاني 2023", 11), ("كانون الأول 2023", 12), ("دجنبر 2023", 12),
    ],
)
def test_month_name_families(text, month):
    assert normalize_time(text, doc_date=None).value == f"2023-{month:02d}"


@pytest.mark.parametrize(
    "text,value",
    [
        ("الجمعة 1 مارس 2024", "2024-03-01"),
        ("يوم الجمعة 1 مارس/آذار 2024", "2024-03-01"),
        ("مارس (آذار) 2024", "2024-03"),
        ("تشرين الثاني/نوفمبر 2019", "2019-11"),
        ("١٢ مارس ٢٠٢٤", "2024-03-12"),
        ("الـ15 من سبتمبر (أيلول) 2001", "2001-09-15"),
        ("15 رمضان 1445 هـ", "2024-03-25"),
        ("1 شعبان 1445هـ", "2024-02-11"),
        ("عام ٢٠١٩", "2019"),
        ("1/3/2024", "2024-03-01"),
        ("صيف 2022", "2022-SU"),
    ],
)
def test_absolute_dates(text, value):
    got = normalize_time(text, doc_date=None)
    assert got.value == value, got.reason
    assert got.anchor is None


def test_nbsp_diacritics_and_clitics_are_tolerated():
    assert normalize_time("وفي\u00a0أواخرِ نوفمبر 2019", doc_date=None).value == "2019-11"
    assert normalize_time("ومنذ عام 2020", doc_date=None).mod == "SINCE"
    assert normalize_time("خلال الأسبوع الماضي", doc_date=DOC).value == "2024-W08"
    assert normalize_time("يوم أمس", doc_date=DOC).value == "2024-03-01"


@pytest.mark.parametrize(
    "text,value",
    [
        ("اليوم", "2024-03-02"), ("أمس", "2024-03-01"), ("امس", "2024-03-01"),
        ("أول أمس", "2024-02-29"), ("أول من أمس", "2024-02-29"), ("غداً", "2024-03-03"),
        ("غدا الأحد", "2024-03-03"), ("مساء أمس", "2024-03-01"), ("صباح اليوم", "2024-03-02"),
        ("الشهر الماضي", "2024-02"), ("العام الماضي", "2023"), ("السنة الماضية", "2023"),
        ("الشهر المقبل", "2024-04"), ("العام القادم", "2025"), ("الشهر الجاري", "2024-03"),
        ("العام الحالي", "2024"), ("الأسبوع المقبل", "2024-W10"), ("هذا الأسبوع", "2024-W09"),
        ("الأحد الماضي", "2024-02-25"), ("الخميس المقبل", "2024-03-07"),
        ("السبت الماضي", "2024-02-24"), ("السبت المقبل", "2024-03-09"),
        ("نوفمبر الماضي", "2023-11"), ("مايو المقبل", "2024-05"), ("مارس الجاري", "2024-03"),
        ("قبل يومين", "2024-02-29"), ("قبل أسبوعين", "2024-W07"), ("العام قبل الماضي", "2022"),
        ("الربع الأول من العام الجاري", "2024-Q1"),
    ],
)
def test_relative_expressions(text, value):
    assert normalize_time(text, doc_date=DOC).value == value


def test_week_crossing_a_year_uses_the_iso_week_year():
    assert normalize_time("الأسبوع الماضي", doc_date=datetime.date(2023, 1, 3)).value == "2022-W52"


@pytest.mark.parametrize(
    "text,value,mod",
    [
        ("مطلع العام الجاري", "2024", "START"), ("أوائل يناير 2024", "2024-01", "START"),
        ("بداية أكتوبر 2023", "2023-10", "START"), ("منتصف مارس 2023", "2023-03", "MID"),
        ("نهاية العام الجاري", "2024", "LATE"), ("أواخر ديسمبر الماضي", "2023-12", "LATE"),
        ("منذ مطلع 2021", "2021", "SINCE"), ("منذ الشهر الماضي", "2024-02", "SINCE"),
    ],
)
def test_mods(text, value, mod):
    got = normalize_time(text, doc_date=DOC)
    assert (got.value, got.mod) == (value, mod)


def test_bare_weekday_follows_past_tense():
    assert normalize_time("الجمعة", doc_date=DOC, past_tense=True).value == "2024-03-01"
    assert normalize_time("السبت", doc_date=DOC, past_tense=True).value == "2024-03-02"
    assert normalize_time("الاثنين", doc_date=DOC, past_tense=False).value == "2024-03-04"
    assert normalize_time("الاثنين", doc_date=DOC).value is None


def test_month_without_year():
    assert normalize_time("الخامس من أيار", doc_date=DOC, past_tense=True).value == "2023-05-05"
    assert normalize_time("الخامس من أيار", doc_date=DOC, past_tense=False).value == "2024-05-05"
    assert normalize_time("الأول من يناير", doc_date=DOC).value == "2024-01-01"  # nearest
    assert normalize_time("الخامس عشر من يوليو الماضي", doc_date=DOC).value == "2023-07-15"


@pytest.mark.parametrize(
    "text",
    [
        "أمس الخميس",  # yesterday was a Friday
        "الخميس 1 مارس 2024",  # 1 March 2024 was a Friday
        "مايو الجاري",  # الجاري must name the document's month
        "نوفمبر/أكتوبر 2019",  # the two names disagree
        "منذ أكثر من 3 أعوام",  # a duration
        "حينها", "مؤخراً", "المدة الماضية", "الأشهر الماضية",
        "بداية العام",  # which year?
        "عام 1445",  # Hijri or Gregorian?
        "31 فبراير 2024",
        "في ظروف غامضة",
        "",
    ],
)
def test_refusals_give_a_reason(text):
    got = normalize_time(text, doc_date=DOC)
    assert got.value is None
    assert got.reason


def test_value_model_is_strict():
    with pytest.raises(ValueError):
        TimeValue(value="2024", mod="END")
    with pytest.raises(ValueError):
        TimeValue(value="2024", extra="x")
