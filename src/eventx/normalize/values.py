"""The normalized values written next to argument spans.

Strict models: an unknown field is an error, so a typo in a record or a
consumer's expectation fails loudly instead of being dropped. A value that
could not be worked out is `None` with a `reason`, never a guess.
"""
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

TimeMod = Literal["START", "MID", "LATE", "SINCE"]

# The actor sectors, CAMEO-like. Documented in `normalize/__init__.py`.
Sector = Literal[
    "GOV", "MIL", "COP", "LEG", "JUD", "DIP", "POL", "REB", "IGO", "NGO",
    "BUS", "MED", "SPT", "EDU", "REL", "CVL",
]


class TimeValue(BaseModel):
    """A time expression as a TIMEX3-style ISO 8601 value."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: Optional[str] = Field(
        default=None,
        description=(
            "ISO 8601 / TIMEX3 value: a day '2024-03-01', a month '2024-03', a year "
            "'2024', an ISO week '2024-W08', a quarter '2024-Q1', a half '2024-H1' or a "
            "season '2024-SU'. None when the expression could not be resolved."
        ),
    )
    mod: Optional[TimeMod] = Field(
        default=None,
        description=(
            "Part of the period or relation to it: START (مطلع، أوائل، بداية), MID "
            "(منتصف، أواسط), LATE (أواخر، نهاية), SINCE (منذ: from value up to the "
            "document's time). None for the whole period."
        ),
    )
    anchor: Optional[str] = Field(
        default=None,
        description=(
            "The ISO date (the document date) a relative expression was resolved "
            "against; None for an absolute expression."
        ),
    )
    reason: Optional[str] = Field(
        default=None,
        description="Why value is None (or what was doubtful); None when value is set cleanly.",
    )


class DurationValue(BaseModel):
    """A length of time as an ISO 8601 duration."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: Optional[str] = Field(
        default=None,
        description="ISO 8601 duration: 'P2Y', 'P6M', 'P90D', 'P2W', 'PT48H', 'P18M'. None when not understood.",
    )
    reason: Optional[str] = Field(
        default=None, description="Why value is None; None when value is set."
    )


class Actor(BaseModel):
    """An agent or partner resolved against the gazetteer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(
        description=(
            "Canonical English name of the entity at institution level: an "
            "organisation ('Hezbollah', 'United Nations'), an institution of a state "
            "('Ministry of Defence of Turkey'), or the state itself ('Turkey')."
        ),
    )
    country: Optional[str] = Field(
        default=None,
        description="ISO 3166-1 alpha-3 code of the actor's state; None for IGOs and NGOs, or when the phrase names none.",
    )
    sector: Optional[Sector] = Field(
        default=None,
        description="CAMEO-like sector code of the actor; None when the phrase names only a state, its capital or its people.",
    )
    matched: str = Field(
        description="The gazetteer name (as spelled in the gazetteer) of the entry that gave the name, or of the state when no title or organisation did.",
    )
    title: Optional[str] = Field(
        default=None,
        description="The gazetteer name of the generic head word (رئيس، قوات، المتحدث باسم) that deferred to `matched`; None when `matched` is the head itself.",
    )


class Place(BaseModel):
    """A place argument resolved against the gazetteer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(
        description="Canonical English name of the most specific place found: city, region, country or sea.",
    )
    country: Optional[str] = Field(
        default=None,
        description="ISO 3166-1 alpha-3 code of the country the place is in; None for seas and other international places.",
    )
    matched: str = Field(description="The gazetteer name (as spelled in the gazetteer) that matched.")
