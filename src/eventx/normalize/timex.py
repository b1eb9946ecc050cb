"""Time expressions → TIMEX3-style ISO 8601 values.

A small recursive-descent reader over match-key tokens (see `text.key_tokens`):

    [منذ] [mod] [part of day] [يوم] core [trailing calendar marker]

where core is a relative day (أمس، اليوم، غداً), a weekday (with الماضي /
المقبل or a date to check against), a date (day, month, year, in any of the
Gregorian name families or the Hijri calendar), a month, a year, a relative
week / month / year, "قبل" + a length, a quarter, half or season. Every word
must be accounted for: a leftover word means the expression was not
understood, and the value is None with a reason (precision first).
"""
import datetime
import re
from typing import Dict, List, Optional, Tuple

from hijridate import Hijri

from .duration import normalize_duration
from .numbers import parse_ordinal
from .text import clitic_variants, key_tokens, match_key
from .values import TimeValue


def _keys(table: Dict[str, int]) -> Dict[Tuple[str, ...], int]:
    return {tuple(match_key(k).split()): v for k, v in table.items()}


# Gregorian month names of every family in use: Egyptian/Gulf (يناير),
# Levant/Iraq (كانون الثاني), Maghreb French (جانفي، جانفييه، أفريل، جوان،
# جويلية، أوت) and Moroccan (يوليوز، غشت، شتنبر، نونبر، دجنبر).
_MONTHS = _keys({
    "يناير": 1, "كانون الثاني": 1, "كانون ثاني": 1, "جانفي": 1, "جانفييه": 1, "جانفيي": 1,
    "فبراير": 2, "فبرير": 2, "شباط": 2, "فيفري": 2, "فيفرييه": 2,
    "مارس": 3, "آذار": 3, "أبريل": 4, "إبريل": 4, "نيسان": 4, "أفريل": 4,
    "مايو": 5, "أيار": 5, "آيار": 5, "ماي": 5, "يونيو": 6, "يونيه": 6, "حزيران": 6, "جوان": 6,
    "يوليو": 7, "يوليه": 7, "تموز": 7, "جويلية": 7, "جويليه": 7, "يوليوز": 7,
    "أغسطس": 8, "آب": 8, "أوت": 8, "غشت": 8, "سبتمبر": 9, "أيلول": 9, "شتنبر": 9,
    "أكتوبر": 10, "تشرين الأول": 10, "تشرين أول": 10,
    "نوفمبر": 11, "تشرين الثاني": 11, "تشرين ثاني": 11, "نونبر": 11,
    "ديسمبر": 12, "كانون الأول": 12, "كانون أول": 12, "دجنبر": 12,
})
_HIJRI_MONTHS = _keys({
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الثاني": 4, "ربيع الآخر": 4,
    "جمادى الأولى": 5, "جمادى الأول": 5, "جمادى الآخرة": 6, "جمادى الثانية": 6,
    "جمادى الآخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
})
# Python's weekday(): Monday is 0.
_WEEKDAYS = {match_key(w)[2:]: d for w, d in {
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3,
    "الجمعة": 4, "السبت": 5, "الأحد": 6}.items()}


def _set(words: str) -> frozenset:
    return frozenset(match_key(w) for w in words.split())


_PAST, _NEXT, _THIS = -1, 1, 0
_REL = {**{w: _PAST for w in _set("الماضي الماضية المنصرم المنصرمة الفائت الفائتة المنقضي المنقضية السابق")},
        **{w: _NEXT for w in _set("المقبل المقبلة القادم القادمة")},
        **{w: _THIS for w in _set("الجاري الجارية الحالي الحالية")}}
_THIS_WORDS = _set("هذا هذه")
_REL_UNITS = {match_key(w): u for w, u in {"الأسبوع": "W", "الشهر": "M", "العام": "Y", "السنة": "Y"}.items()}
_REL_DAYS = _keys({"اليوم": 0, "أمس": -1, "البارحة": -1, "الليلة": 0, "غدا": 1, "غد": 1,
                   "أول أمس": -2, "أول من أمس": -2, "أمس الأول": -2, "بعد غد": 2, "ليلة أمس": -1})
_MODS = {**{w: "START" for w in _set("مطلع أوائل بداية بدايات مستهل مطالع")},
         **{w: "MID" for w in _set("منتصف أواسط وسط")},
         **{w: "LATE" for w in _set("أواخر نهاية نهايات أخريات ختام")}}
_LEAD = _set("في خلال بتاريخ تاريخ يوم نهار وذلك")
_PART_OF_DAY = _set("صباح مساء ظهر ظهيرة عصر فجر ليل ليلة صبيحة")
_YEAR_WORDS = _set("عام العام سنة السنة")
_MONTH_WORD = match_key("شهر")
_OF = match_key("من")
_GREG_MARK = _set("م ميلادي ميلادية للميلاد")
_HIJRI_MARK = _set("ه هجري هجرية للهجرة")
_SEASONS = dict(zip(map(match_key, "ربيع صيف خريف شتاء".split()), ["SP", "SU", "FA", "WI"]))
_VAGUE = {
    **{w: "anaphoric: refers to a time named earlier in the text" for w in _set("حينها حينذاك آنذاك وقتها عندها يومها حينئذ")},
    **{w: "vague or deictic time with no calendar value" for w in _set("مؤخرا قريبا حاليا الآن لاحقا سابقا المدة الفترة الأيام الأسابيع الأشهر الشهور السنوات الأعوام")},
}
_LAST_NIGHT = _set("الماضية")
_DAY_WORD = _set("يوم")
_SINCE = _set("منذ")
_APPROX = _set("أكثر أقل نحو حوالي قرابة زهاء بضعة عدة")
_PLURAL_UNITS = _set("أشهر شهور سنوات أعوام أيام أسابيع ساعات عقود")
_NEEDS_DOC_DATE = "relative expression needs the document date"


def time_word_keys() -> List[Tuple[str, ...]]:
    """The match keys of the words that name a time on their own: months (both calendars),
    weekdays (with and without the article), relative days and parts of the day.

    RETURNS (List[Tuple[str, ...]]): match-key token tuples, sorted.
    """
    keys = {*_MONTHS, *_HIJRI_MONTHS, *_REL_DAYS}
    keys.update((day,) for day in _WEEKDAYS)
    keys.update(("ال" + day,) for day in _WEEKDAYS)
    keys.update((word,) for word in _PART_OF_DAY)
    return sorted(keys)


class _Unresolved(Exception):
    """Raised inside the reader with the reason the value stays None."""


def normalize_time(text: str, *, doc_date: Optional[datetime.date],
                   past_tense: Optional[bool] = None) -> TimeValue:
    """Normalize a time expression to a TIMEX3-style value.

    text (str): The span as written ("أواخر نوفمبر/تشرين الثاني 2019", "أمس الجمعة").
    doc_date (Optional[datetime.date]): The publication date, which anchors
        relative expressions; None leaves them unresolved.
    past_tense (Optional[bool]): Tense of the event: True past, False future,
        None unknown. Only consulted where the text does not say: a bare
        weekday, a month or day without a year.
    RETURNS (TimeValue): value/mod/anchor, or value None with a reason.
    """
    tokens = key_tokens(text)
    if not tokens:
        return TimeValue(reason="empty span")
    reader = _Reader(tokens, doc_date, past_tense)
    try:
        value, mod = reader.read()
    except _Unresolved as e:
        return TimeValue(reason=str(e), anchor=reader.anchor)
    return TimeValue(value=value, mod=mod, anchor=reader.anchor)


class _Reader:
    def __init__(self, tokens: List[str], doc_date: Optional[datetime.date],
                 past_tense: Optional[bool]):
        self.tokens, self.doc_date, self.past_tense = tokens, doc_date, past_tense
        self.i = 0
        self.anchor: Optional[str] = None

    # -- token helpers ------------------------------------------------------
    def peek(self, k: int = 0) -> str:
        return self.tokens[self.i + k] if self.i + k < len(self.tokens) else ""

    def take(self, words) -> Optional[str]:
        token = self.peek()
        if token and token in words:
            self.i += 1
            return token
        return None

    def take_phrase(self, table: Dict[Tuple[str, ...], int]) -> Optional[int]:
        for n in (4, 3, 2, 1):  # longest first: "أول من أمس" before "أمس"
            phrase = tuple(self.tokens[self.i:self.i + n])
            if len(phrase) == n and phrase in table:
                self.i += n
                return table[phrase]
        return None

    def doc(self) -> datetime.date:
        if self.doc_date is None:
            raise _Unresolved(_NEEDS_DOC_DATE)
        self.anchor = self.doc_date.isoformat()
        return self.doc_date

    # -- grammar ------------------------------------------------------------
    def read(self) -> Tuple[str, Optional[str]]:
        self._skip_leading_clitic()
        since = bool(self.take(_SINCE))
        while self.take(_LEAD):
            pass
        if since:
            self._refuse_duration()
        mod = _MODS.get(self.peek())
        if mod:
            self.i += 1
        while self.take(_PART_OF_DAY) or self.take(_LEAD):
            pass
        value = self.core()
        self.take(_GREG_MARK)
        if self.i != len(self.tokens):
            raise _Unresolved(f"not understood: {' '.join(self.tokens[self.i:])!r}")
        return value, ("SINCE" if since else mod)

    def _skip_leading_clitic(self) -> None:
        # "وفي", "ومنذ", "وأمس": a conjunction or preposition glued to the first word.
        first = self.tokens[0]
        for variant in clitic_variants(first)[1:]:
            if variant in _LEAD or variant in _SINCE or (variant,) in _REL_DAYS \
                    or variant in _MODS or variant in _YEAR_WORDS:
                self.tokens = [variant] + self.tokens[1:]
                return

    def _refuse_duration(self) -> None:
        rest = " ".join(self.tokens[self.i:])
        if self.peek() in _APPROX or self.peek() in _PLURAL_UNITS or \
                normalize_duration(rest).value is not None:
            raise _Unresolved("منذ + a length of time is a duration, not a point in time")

    def core(self) -> str:
        token = self.peek()
        if token in _VAGUE:
            raise _Unresolved(_VAGUE[token])
        offset = self.take_phrase(_REL_DAYS)
        if offset is not None:
            return self._relative_day(offset)
        if _weekday_of(token) is not None:
            return self._weekday()
        if token in (match_key("قبل"), match_key("بعد")):
            return self._ago()
        if token in _THIS_WORDS or (token in _REL_UNITS and not self.peek(1).isdigit()):
            return self._relative_unit()
        if token in (match_key("الربع"), match_key("النصف")):
            return self._part_of_year()
        if token in _SEASONS and (self.peek(1).isdigit() or self.peek(1) in _YEAR_WORDS):
            self.i += 1
            return f"{self._year_part(None, None)}-{_SEASONS[token]}"
        return self._date()

    def _relative_day(self, offset: int) -> str:
        day = self.doc() + datetime.timedelta(days=offset)
        self.take(_LAST_NIGHT)  # "الليلة الماضية" is last night
        self.take(_DAY_WORD)
        weekday = _weekday_of(self.peek())
        if weekday is not None:  # "أمس الجمعة": the weekday must agree
            self.i += 1
            _agree(weekday, day)
        return day.isoformat()

    def _weekday(self) -> str:
        weekday = _weekday_of(self.tokens[self.i])
        self.i += 1
        rel = _REL.get(self.peek())
        if rel in (_PAST, _NEXT):  # strictly before / after the document date
            self.i += 1
            return _walk(self.doc() + datetime.timedelta(days=rel), weekday, rel).isoformat()
        if self.i < len(self.tokens):  # "الجمعة 1 مارس 2024": check the weekday
            value = self._date()
            if len(value) != 10:
                raise _Unresolved("a weekday followed by something other than a date")
            _agree(weekday, datetime.date.fromisoformat(value))
            return value
        if self.past_tense is None:
            raise _Unresolved("a bare weekday needs the tense of the event (past_tense) to be resolved")
        return _walk(self.doc(), weekday, -1 if self.past_tense else 1).isoformat()

    def _ago(self) -> str:
        sign = -1 if self.tokens[self.i] == match_key("قبل") else 1
        length = normalize_duration(" ".join(self.tokens[self.i + 1:]))
        found = re.fullmatch(r"P(\d+)([DWMY])", length.value or "")
        if found is None:
            raise _Unresolved("قبل/بعد without a whole number of days, weeks, months or years")
        count, unit = sign * int(found.group(1)), found.group(2)
        self.i = len(self.tokens)
        doc = self.doc()
        if unit in "DW":
            day = doc + datetime.timedelta(days=count * (7 if unit == "W" else 1))
            return day.isoformat() if unit == "D" else _iso_week(day)
        return _shift_month(doc, count) if unit == "M" else str(doc.year + count)

    def _relative_unit(self) -> str:
        this = bool(self.take(_THIS_WORDS))
        unit = _REL_UNITS.get(self.peek())
        if unit is None:
            raise _Unresolved("هذا/هذه without a week, month or year")
        self.i += 1
        if this:
            offset = 0
        elif self.peek() == match_key("قبل") and self.peek(1) in _REL:
            offset, self.i = 2 * _REL[self.peek(1)], self.i + 2  # "العام قبل الماضي"
        elif self.peek() in _REL:
            offset = _REL[self.take(_REL)]
        else:
            raise _Unresolved(f"{self.tokens[self.i - 1]!r} without الماضي/المقبل/الجاري is ambiguous")
        doc = self.doc()
        if unit == "W":
            return _iso_week(doc + datetime.timedelta(days=7 * offset))
        if unit == "M":
            return _shift_month(doc, offset)
        return str(doc.year + offset)

    def _part_of_year(self) -> str:
        quarter = self.tokens[self.i] == match_key("الربع")
        self.i += 1
        number = parse_ordinal(self.tokens, self.i)
        if number is None or number[0] > (4 if quarter else 2):
            raise _Unresolved("a quarter or half without its number")
        self.i = number[1]
        self.take({_OF})
        return f"{self._year_part(None, None)}-{'Q' if quarter else 'H'}{number[0]}"

    def _date(self) -> str:
        """day? month year? | year | d/m/y — Gregorian or Hijri."""
        if all(self.peek(k).isdigit() for k in range(3)):
            return self._numeric_date()
        day = self._day()
        self.take({_OF})
        self.take({_MONTH_WORD})
        hijri = self.take_phrase(_HIJRI_MONTHS)
        if hijri is not None:
            return self._hijri(day, hijri)
        month = self.take_phrase(_MONTHS)
        if month is None:
            if day is not None:
                raise _Unresolved("a day number without a month")
            return self._year_part(None, None, required=True)
        other = self.take_phrase(_MONTHS)  # "نوفمبر/تشرين الثاني", "مارس (آذار)"
        if other is not None and other != month:
            raise _Unresolved("the two month names disagree")
        year = self._year_part(month, day)
        if day is None:
            return f"{year}-{month:02d}" if len(year) == 4 else year
        try:
            return datetime.date(int(year), month, day).isoformat()
        except ValueError as e:
            raise _Unresolved(f"not a calendar date: {e}") from e

    def _day(self) -> Optional[int]:
        if self.peek() == "ال" and self.peek(1).isdigit():
            self.i += 1  # "الـ15 من سبتمبر"
        token = self.peek()
        if token.isdigit() and len(token) <= 2 and 1 <= int(token) <= 31:
            self.i += 1
            return int(token)
        ordinal = parse_ordinal(self.tokens, self.i)
        if ordinal is not None and self.tokens[ordinal[1]:ordinal[1] + 1] == [_OF]:
            self.i = ordinal[1]
            return ordinal[0]
        return None

    def _year_part(self, month: Optional[int], day: Optional[int], required: bool = False) -> str:
        """A year after a month (or alone): digits, a relative year, or inferred."""
        start = self.i
        self.take({_OF})
        word = self.take(_YEAR_WORDS)
        token = self.peek()
        if token.isdigit() and len(token) == 4:
            self.i += 1
            if self.peek() in _HIJRI_MARK:
                raise _Unresolved("a Hijri year needs a Hijri month to be converted")
            if 1300 <= int(token) < 1600 and not self.take(_GREG_MARK):
                raise _Unresolved(f"{token} without هـ or م may be a Hijri year")
            return token
        if word and token in _REL:  # "من العام الماضي"
            self.i += 1
            return str(self.doc().year + _REL[token])
        self.i = start
        if month is not None and token in _REL:
            self.i += 1
            return self._month_year(month, day, _REL[token])
        if month is None:
            raise _Unresolved("no date, month or year found" if required else "no year found")
        return self._month_year(month, day, None)

    def _numeric_date(self) -> str:
        a, b, c = (int(t) for t in self.tokens[self.i:self.i + 3])
        self.i += 3
        y, m, d = (a, b, c) if a > 31 else (c, b, a)  # ISO, else day/month/year as in Arab usage
        try:
            return datetime.date(y, m, d).isoformat()
        except ValueError as e:
            raise _Unresolved(f"not a calendar date: {e}") from e

    def _month_year(self, month: int, day: Optional[int], rel: Optional[int]) -> str:
        """The year of a month named without one, from the document date."""
        doc = self.doc()
        if rel == _THIS:
            if month != doc.month:
                raise _Unresolved("الجاري/الحالي names a month other than the document's")
            return str(doc.year)
        # Compare (month, day) with the document's; without a day, the month
        # alone ("نوفمبر الماضي" is never the document's own month).
        point = (month, day or 0)
        here = (doc.month, doc.day if day else 0)
        if rel == _PAST:
            return str(doc.year if point < here else doc.year - 1)
        if rel == _NEXT:
            return str(doc.year if point > here else doc.year + 1)
        if self.past_tense is True:
            return str(doc.year if point <= here else doc.year - 1)
        if self.past_tense is False:
            return str(doc.year if point >= here else doc.year + 1)
        # Tense unknown: the occurrence nearest the document date.
        candidates = [doc.year - 1, doc.year, doc.year + 1]
        return str(min(candidates, key=lambda y: abs(_mid(y, month, day) - doc)))

    def _hijri(self, day: Optional[int], month: int) -> str:
        token = self.peek()
        if not (token.isdigit() and len(token) == 4):
            raise _Unresolved("a Hijri date without its year")
        self.i += 1
        self.take(_HIJRI_MARK)
        try:
            if day is not None:
                return Hijri(int(token), month, day).to_gregorian().isoformat()
            first = Hijri(int(token), month, 1)
            last = Hijri(int(token), month, first.month_length()).to_gregorian()
            first = first.to_gregorian()
        except (ValueError, OverflowError) as e:
            raise _Unresolved(f"not a valid Hijri date: {e}") from e
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year}-{first.month:02d}"
        if first.year == last.year:
            return str(first.year)
        raise _Unresolved("a Hijri month that spans two Gregorian years")


def _agree(weekday: int, day: datetime.date) -> None:
    if weekday != day.weekday():
        raise _Unresolved(f"the text names another weekday than {day.isoformat()}'s ({day.strftime('%A')})")


def _walk(day: datetime.date, weekday: int, step: int) -> datetime.date:
    """The first day with this weekday from `day` on, walking `step` days at a time."""
    while day.weekday() != weekday:
        day += datetime.timedelta(days=step)
    return day


def _weekday_of(token: str) -> Optional[int]:
    """Weekday number of "الجمعة" (the article is required: "اثنين" is two)."""
    return _WEEKDAYS.get(token[2:]) if token.startswith("ال") else None


def _mid(year: int, month: int, day: Optional[int]) -> datetime.date:
    return datetime.date(year, month, min(day or 15, 28))


def _iso_week(day: datetime.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _shift_month(day: datetime.date, offset: int) -> str:
    index = day.year * 12 + day.month - 1 + offset
    return f"{index // 12}-{index % 12 + 1:02d}"
