"""Durations ("عامين إضافيين", "ستة أشهر", "٤٨ ساعة") as ISO 8601 durations.

The grammar is the one news text uses for the `duration` role: an optional
lead-in (لمدة، مدة، لفترة، طيلة), a count (digits, number words, a dual, or
"واحد" after the unit), a unit in any of its tamyiz forms, an optional
"ونصف", and trailing qualifiers that do not change the length (إضافية،
أخرى، مقبلة). Anything else is refused with a reason.
"""
from typing import Dict, List, Optional, Tuple

from .numbers import parse_cardinal
from .text import clitic_variants, key_tokens, match_key
from .values import DurationValue


def _fold(words: str) -> frozenset:
    return frozenset(match_key(w) for w in words.split())


# unit code → (singular forms, dual forms, plural forms needing a count)
_UNIT_FORMS: Dict[str, Tuple[str, str, str]] = {
    "Y": ("عام عاما سنة سنه", "عامين عامان سنتين سنتان", "أعوام سنوات سنين"),
    "M": ("شهر شهرا", "شهرين شهران", "أشهر شهور"),
    "W": ("أسبوع أسبوعا", "أسبوعين أسبوعان", "أسابيع"),
    "D": ("يوم يوما", "يومين يومان", "أيام"),
    "H": ("ساعة", "ساعتين ساعتان", "ساعات"),
    "MIN": ("دقيقة", "دقيقتين دقيقتان", "دقائق"),
    "DEC": ("عقد عقدا", "عقدين عقدان", "عقود"),
}
_UNITS: Dict[str, Tuple[str, Optional[int]]] = {}
for _code, (_one, _two, _many) in _UNIT_FORMS.items():
    _UNITS.update({w: (_code, 1) for w in _fold(_one)})
    _UNITS.update({w: (_code, 2) for w in _fold(_two)})
    _UNITS.update({w: (_code, None) for w in _fold(_many)})

# Words that introduce the length; they carry no information.
_LEAD = _fold("لمدة مدة لفترة فترة طيلة طوال خلال ل على مدى مدار لنحو نحو قرابة حوالي زهاء")
# Qualifiers after the unit that leave the length unchanged.
_TRAIL = _fold(
    "إضافي إضافية إضافيين إضافيتين إضافيا إضافيان أخرى أخريين أخريان آخر آخرين آخرا "
    "آخران جديد جديدة جديدين جديدا مقبل مقبلة مقبلين قادم قادمة قادمين متتالية متتاليين "
    "متواصلة متواصلين كامل كاملة كاملين كاملا فقط تقريبا "
    "المقبل المقبلة القادم القادمة الماضي الماضية الأخيرة الأخيرين المقبلين الماضيين"
)
_TRAIL_PAIRS = [[match_key(w) for w in p.split()] for p in ("من الزمن", "قابلة للتجديد", "قابل للتجديد")]
_ONE = _fold("واحد واحدة واحدا")
_HALF = match_key("نصف")
_QUARTER = match_key("ربع")
_VAGUE = _fold("بضعة بضع عدة عدد بعض ساعات أيام أسابيع أشهر شهور سنوات أعوام سنين عقود")
_END_POINT = _fold("حتى لغاية إلى غاية منذ")


def normalize_duration(text: str) -> DurationValue:
    """Normalize a duration span to an ISO 8601 duration.

    text (str): The span as written, e.g. "عامين إضافيين", "لمدة ستة أشهر".
    RETURNS (DurationValue): value such as "P2Y"; None with a reason when the
        span is vague ("عدة أشهر"), an end point ("حتى نهاية العام") or not
        understood.
    """
    tokens = key_tokens(text)
    if not tokens:
        return DurationValue(reason="empty span")
    if tokens[0] in _END_POINT:
        return DurationValue(reason=f"{text!r} gives an end or start point, not a length")
    tokens = _strip_lead(tokens)
    while tokens and (tokens[-1] in _TRAIL or tokens[-2:] in _TRAIL_PAIRS):
        tokens = tokens[:-2] if tokens[-2:] in _TRAIL_PAIRS else tokens[:-1]
    if not tokens:
        return DurationValue(reason=f"no unit of time in {text!r}")
    parsed = _parse(tokens)
    if isinstance(parsed, str):
        return DurationValue(reason=f"{parsed} in {text!r}")
    return DurationValue(value=_iso(*parsed))


def _strip_lead(tokens: List[str]) -> List[str]:
    while len(tokens) > 1 and tokens[0] in _LEAD:
        tokens = tokens[1:]
    # A preposition glued to the first word: "لعامين", "لمدة".
    for variant in clitic_variants(tokens[0])[1:]:
        if variant in _UNITS or variant in _LEAD or parse_cardinal([variant]):
            rest = tokens[1:]
            return rest if variant in _LEAD and rest else [variant] + rest
    return tokens


def _parse(tokens: List[str]):
    """Return (count, unit, half_units) or a reason string."""
    fraction = 0.0
    if tokens[0] in (_HALF, _QUARTER):
        fraction = 0.5 if tokens[0] == _HALF else 0.25
        unit = _unit_of(tokens[1]) if len(tokens) > 1 else None
        if unit is None or len(tokens) > 2:
            return "a fraction of an unknown unit"
        return 0, unit[0], fraction
    # "الأشهر الستة المقبلة": plural unit with the article, then the number.
    if tokens[0].startswith("ال") and len(tokens) >= 2:
        unit = _UNITS.get(tokens[0][2:])
        number = parse_cardinal([_drop_article(tokens[1])])
        if unit and unit[1] is None and number and len(tokens) == 2:
            return number[0], unit[0], 0.0
    number = parse_cardinal(tokens, 0)
    if number is not None and number[1] < len(tokens):
        count, i = number
        unit = _UNITS.get(tokens[i])
        if unit is None:
            return "no unit of time after the number"
        i += 1
    elif tokens[0] in _UNITS:
        unit = _UNITS[tokens[0]]
        if unit[1] is None:
            return "a plural unit without a count is vague"
        count, i = unit[1], 1
        if i < len(tokens) and tokens[i] in _ONE:
            i += 1
    elif tokens[0] in _VAGUE:
        return "a vague quantity"
    else:
        return "no count and unit of time"
    if i < len(tokens) and tokens[i] in (match_key("ونصف"), match_key("ونصفا")):
        fraction, i = 0.5, i + 1
        if i < len(tokens) and _unit_of(tokens[i]):  # "سنة ونصف السنة"
            i += 1
    if i != len(tokens):
        return f"unexpected words after the unit ({' '.join(tokens[i:])})"
    return count, unit[0], fraction


def _unit_of(token: str) -> Optional[Tuple[str, Optional[int]]]:
    return _UNITS.get(token) or _UNITS.get(_drop_article(token))


def _drop_article(token: str) -> str:
    return token[2:] if token.startswith("ال") and len(token) > 3 else token


def _iso(count: int, unit: str, fraction: float) -> str:
    """Write count units (plus a half or quarter unit) as an ISO 8601 duration."""
    if unit == "DEC":
        unit, count, fraction = "Y", count * 10, fraction * 10
    # A fraction of a unit is written in the next smaller unit, the way
    # TIMEX3 does ("عام ونصف" → P18M, "نصف ساعة" → PT30M).
    if fraction:
        if unit == "Y":
            return f"P{int(count * 12 + fraction * 12)}M"
        if unit == "M":
            return f"P{count}M{int(fraction * 30)}D" if count else f"P{int(fraction * 30)}D"
        if unit == "W":
            return f"P{int(count * 7 + fraction * 7)}D" if fraction * 7 % 1 == 0 else f"P{count * 7}DT{int(fraction * 168)}H"
        if unit == "D":
            return f"P{count}DT{int(fraction * 24)}H" if count else f"PT{int(fraction * 24)}H"
        if unit == "H":
            return f"PT{count}H{int(fraction * 60)}M" if count else f"PT{int(fraction * 60)}M"
        return f"PT{count}M{int(fraction * 60)}S" if count else f"PT{int(fraction * 60)}S"
    if unit == "H":
        return f"PT{count}H"
    if unit == "MIN":
        return f"PT{count}M"
    return f"P{count}{unit}"
