"""Normalization: values written next to argument spans. Pure Python, no spaCy.

    normalize_time("أواخر نوفمبر/تشرين الثاني الماضي", doc_date=date(2024, 3, 2))
        → TimeValue(value="2023-11", mod="LATE", anchor="2024-03-02")
    normalize_duration("عامين إضافيين")                  → DurationValue(value="P2Y")
    lookup_actor("وزير الدفاع التركي ياشار غولر", gazetteer=Gazetteer.default())
        → Actor(name="Ministry of Defence of Turkey", country="TUR", sector="MIL", ...)
    lookup_place("مدينة أنطاليا جنوب تركيا", gazetteer=...) → Place(name="Antalya", country="TUR", ...)
    restore_fused_article(text, start, end)               → "التنسيق" for a span cut from "للتنسيق"

Conventions
-----------
Time (TIMEX3-style). `value` is ISO 8601: day, month, year, ISO week
("2024-W08"), quarter ("2024-Q1"), half ("2024-H1"), season ("2022-SU").
`mod`: START (مطلع، أوائل، بداية), MID (منتصف، أواسط), LATE (أواخر، نهاية),
SINCE (منذ X: value is X, the start of an open period up to the document
time; a part-of-period word inside منذ is dropped: منذ مطلع 2021 → "2021"
SINCE). Relative expressions need `doc_date`; without it the value is None
with the reason "relative expression needs the document date". الماضي /
المقبل after a weekday or month mean the nearest one strictly before / after
the document date (never the document's own day or month); الجاري / الحالي
must name the document's own month. A bare weekday uses `past_tense`: True →
the latest such day on or before the document date (the document's own day
if it is that weekday), False → the first on or after it, None → unresolved.
A day or month without a year and without الماضي/المقبل: past_tense True →
latest on or before, False → first on or after, None → the occurrence nearest
the document date. A weekday that contradicts its date ("أمس الخميس" on a
Saturday) gives None with a reason. منذ + a length ("منذ 3 أعوام") is a
duration, not a point: None. Hijri dates (هـ) are converted with hijridate
(Umm al-Qura); a Hijri month alone gives its Gregorian month or year when it
falls in one.

Duration: ISO 8601 ("P2Y", "P6M", "P2W", "P90D", "PT48H"); a half unit is
written in the next unit down ("عام ونصف" → "P18M", "نصف ساعة" → "PT30M");
decades in years. Vague counts (عدة، بضعة, a bare plural) → None.

Actors. `name` is the canonical English name at institution level: an
organisation ("Hezbollah", "United Nations"), "<institution> of <state>"
for a title ("Ministry of Defence of Turkey", "Parliament of Turkey"), or the
state ("Turkey") for a bare state, capital or people. Leaders in the
gazetteer map to the institution they head (أردوغان → "Presidency of
Turkey"). `country` is ISO 3166-1 alpha-3; None for IGOs/NGOs and when no
state is named. `sector`:

    GOV executive: heads of state and government, cabinets, all ministries but
        defence, governors, official delegations, "the authorities"
    MIL armed forces, defence ministries, chiefs of staff, units, officers,
        military attachés, state-aligned forces (IRGC, PMF)
    COP police, internal security, intelligence, civil defence, border guards
    LEG parliaments, assemblies, their speakers and members
    JUD courts, judges, prosecutors
    DIP embassies, ambassadors, consuls, chargés d'affaires, envoys
    POL parties, politicians, opposition movements
    REB non-state armed groups: rebels, militias, insurgents, and forces outside
        the recognised state's command (Haftar's LNA, RSF, Houthis, Hezbollah,
        Hamas, Taliban as a movement; "حكومة طالبان" is GOV by its head word)
    IGO intergovernmental organisations (UN and agencies, AU, Arab League, EU,
        NATO, GCC, OPEC, IMF, World Bank, ECOWAS, ICC ...)
    NGO international non-governmental organisations (ICRC, Amnesty, MSF)
    BUS companies; MED media; SPT sport; EDU education; REL religious
        bodies; CVL civilians and civil society
    None: the phrase names only a state, its capital or its people.

The sector comes from the head word: the first title, organisation or leader
in the phrase; generic heads (رئيس، قائد، قوات، المتحدث باسم، وفد، مسؤول)
defer to the next one, so "رئيس مجلس النواب" is LEG, "الأمين العام للأمم
المتحدة" is IGO and "قوات حفتر" is REB. Specific titles keep their own sector
("الملحق العسكري في السفارة الأميركية" is MIL). The country is the head's
own when it has one, else the first state named in the phrase.

Places: the most specific known place (city, capital, region, sea, then
state, then a nationality adjective); طرابلس is Tripoli, Libya unless the
phrase names Lebanon; عمان is Oman unless it names Jordan.
"""
from .duration import normalize_duration
from .gazetteer import Gazetteer, lookup_actor, lookup_place
from .restore import restore_fused_article
from .timex import normalize_time
from .values import Actor, DurationValue, Place, TimeValue

__all__ = [
    "normalize_time",
    "normalize_duration",
    "lookup_actor",
    "lookup_place",
    "restore_fused_article",
    "Gazetteer",
    "TimeValue",
    "DurationValue",
    "Actor",
    "Place",
]
