"""The gazetteer: Arabic names of states, places, organisations and titles.

The shipped data lives in `eventx/data/gazetteer.json` and is read with
importlib.resources, so it works from a wheel or a zip. Users add their own
files in the same format (`Gazetteer.from_files`); entries from later files
win ties over earlier ones, so a user file can re-rank an ambiguous name.

Every key is indexed under `text.match_key`, with generated variants:
nationality adjectives in both genders and numbers, with and without the
article; titles and organisations with and without the article on their first
word (construct state: "حكومة الوحدة" beside "الحكومة").
"""
import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Dict, Iterable, List, Literal, Optional, Sequence, Tuple, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import Errors

from .text import clitic_variants, key_tokens, normalize_spaces, strip_diacritics
from .values import Actor, Place, Sector


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlaceSpec(_Spec):
    name: str = Field(description="Canonical English name of the place.")
    names: List[str] = Field(min_length=1, description="Arabic spellings.")
    country: Optional[str] = Field(default=None, pattern=r"^[A-Z]{3}$", description="Alpha-3 code; set only for entries under `places`.")
    rank: int = Field(default=0, description="Lower wins when one spelling names several places and the phrase does not decide.")


class CountrySpec(_Spec):
    code: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code.")
    name: str = Field(description="Canonical English name ('Turkey', 'United States').")
    of: Optional[str] = Field(default=None, description="Form used after 'of' when it differs ('the United States').")
    names: List[str] = Field(default_factory=list, description="Arabic names of the state.")
    adjectives: List[str] = Field(default_factory=list, description="Masculine singular nisba adjectives ('تركي'); other forms are generated.")
    people: List[str] = Field(default_factory=list, description="Broken plurals naming the people ('أتراك').")
    capital: Optional[PlaceSpec] = Field(default=None, description="The capital (also read as metonymy for the state).")
    places: List[PlaceSpec] = Field(default_factory=list, description="Cities, regions and bases in the state.")


class OrgSpec(_Spec):
    name: str = Field(description="Canonical English name of the organisation (or, for people, the institution they head).")
    names: List[str] = Field(min_length=1, description="Arabic names and spellings.")
    country: Optional[str] = Field(default=None, pattern=r"^[A-Z]{3}$", description="Alpha-3 code; None for IGOs or names shared by several states.")
    sector: Sector = Field(description="Sector code (see normalize/__init__.py).")


class TitleSpec(_Spec):
    institution: str = Field(description="English name of the institution the title belongs to ('Ministry of Defence').")
    names: List[str] = Field(min_length=1, description="Arabic titles and institution words.")
    sector: Sector = Field(description="Sector the title gives when it heads the phrase.")
    generic: bool = Field(default=False, description="True for words that take the sector of what follows them (رئيس، قائد، قوات، المتحدث باسم).")


class GazetteerFile(_Spec):
    format: Literal["eventx-gazetteer"] = Field(description="Always 'eventx-gazetteer'.")
    version: Literal[1] = Field(description="Format version.")
    note: Optional[str] = Field(default=None, description="Free text.")
    countries: List[CountrySpec] = Field(default_factory=list, description="States.")
    places: List[PlaceSpec] = Field(default_factory=list, description="Places not inside one state (seas, regions) or added by users.")
    organizations: List[OrgSpec] = Field(default_factory=list, description="Organisations and armed groups.")
    people: List[OrgSpec] = Field(default_factory=list, description="Leaders, mapped to the institution they head.")
    titles: List[TitleSpec] = Field(default_factory=list, description="Titles and institution words.")


@dataclass(frozen=True)
class Entry:
    """One reading of a gazetteer key."""

    kind: str  # country | adjective | capital | place | organization | person | title
    name: str
    country: Optional[str] = None
    sector: Optional[str] = None
    generic: bool = False
    rank: int = 0

    @property
    def has_sector(self) -> bool:
        return self.kind in ("organization", "person", "title")


@dataclass(frozen=True)
class Match:
    """A gazetteer key found in a phrase: token offsets and its readings."""

    start: int
    end: int
    key: str  # the gazetteer name as spelled in its file
    entries: Tuple[Entry, ...]


Key = Tuple[str, ...]
_ERR_FILE = Errors.E060
_ERR_JSON = Errors.E061
_ERR_SCHEMA = Errors.E062


class Gazetteer:
    """An index from Arabic match keys to states, places, organisations and titles."""

    def __init__(self, files: Sequence[GazetteerFile]):
        """Build the index.

        files (Sequence[GazetteerFile]): Parsed gazetteer files, lowest priority first.
        """
        self._index: Dict[Key, List[Entry]] = {}
        self._spelling: Dict[Key, str] = {}  # key → a name as the files spell it
        self.country_names: Dict[str, str] = {}
        self.country_of: Dict[str, str] = {}
        for spec in files:
            self._add_file(spec)
        self._max_len = max((len(k) for k in self._index), default=1)

    @classmethod
    def default(cls) -> "Gazetteer":
        """The gazetteer of the shipped data (built once, then cached).

        RETURNS (Gazetteer): The default gazetteer.
        """
        return _default_gazetteer()

    @classmethod
    def from_files(cls, paths: Iterable[Union[str, Path]], *, include_default: bool = True) -> "Gazetteer":
        """Build a gazetteer from user JSON files in the shipped format.

        paths (Iterable[Union[str, Path]]): Files to add; later files win ties.
        include_default (bool): Start from the shipped data.
        RETURNS (Gazetteer): The combined gazetteer.
        """
        files = [_shipped_file()] if include_default else []
        files.extend(_read_file(Path(p)) for p in paths)
        return cls(files)

    def __contains__(self, text: str) -> bool:
        return tuple(key_tokens(text)) in self._index

    def readings(self, tokens: Sequence[str]) -> Tuple[Entry, ...]:
        """The readings of an exact key.

        tokens (Sequence[str]): Match-key tokens (see `text.key_tokens`).
        RETURNS (Tuple[Entry, ...]): The entries, highest priority first; empty if unknown.
        """
        return tuple(self._index.get(tuple(tokens), ()))

    def keys(self) -> List[Tuple[Key, Tuple[Entry, ...]]]:
        """Every key with its readings, highest priority first (in key order, for a stable table).

        RETURNS (List[Tuple[Key, Tuple[Entry, ...]]]): (match-key tokens, entries) pairs.
        """
        return [(key, tuple(self._index[key])) for key in sorted(self._index)]

    # -- building -------------------------------------------------------------
    def _add(self, names: Iterable[str], entry: Entry, *, toggle_article: bool = False) -> None:
        for name in names:
            words = strip_diacritics(normalize_spaces(name)).split()
            if not words:
                continue
            variants = [words]
            last = words[-1]
            if entry.kind == "title" and last[-2:] in ("ين", "ون") and len(last) > 4:
                # sound plurals in both cases: المتظاهرين / المتظاهرون
                variants.append([*words[:-1], last[:-2] + ("ون" if last.endswith("ين") else "ين")])
            if toggle_article:
                variants.extend([_toggle(v[0]), *v[1:]] for v in list(variants))
            for variant in variants:
                key = tuple(key_tokens(" ".join(variant)))
                self._spelling.setdefault(key, " ".join(variant))
                readings = self._index.setdefault(key, [])
                if entry not in readings:
                    readings.insert(0, entry)  # later files first

    def _add_file(self, spec: GazetteerFile) -> None:
        for c in spec.countries:
            self.country_names[c.code] = c.name
            self.country_of[c.code] = c.of or c.name
            self._add(c.names, Entry("country", c.name, c.code))
            self._add(_adjective_forms(c.adjectives), Entry("adjective", c.name, c.code))
            self._add(_with_article(c.people), Entry("adjective", c.name, c.code))
            if c.capital:
                self._add(c.capital.names, Entry("capital", c.capital.name, c.code, rank=c.capital.rank))
            for p in c.places:
                self._add(p.names, Entry("place", p.name, c.code, rank=p.rank))
        for p in spec.places:
            self._add(p.names, Entry("place", p.name, p.country, rank=p.rank))
        for o in spec.organizations:
            self._add(o.names, Entry("organization", o.name, o.country, o.sector), toggle_article=True)
        for o in spec.people:
            self._add(o.names, Entry("person", o.name, o.country, o.sector))
        for t in spec.titles:
            entry = Entry("title", t.institution, None, t.sector, generic=t.generic)
            self._add(t.names, entry, toggle_article=True)

    # -- matching -------------------------------------------------------------
    def find(self, text: str) -> List[Match]:
        """Find gazetteer keys in a phrase, leftmost-longest, without overlaps.

        The first word of a key may carry clitics (و، ف، ب، ل، ك، لل).

        text (str): A noun phrase as written.
        RETURNS (List[Match]): The matches in text order.
        """
        tokens = key_tokens(text)
        matches: List[Match] = []
        i = 0
        while i < len(tokens):
            best: Optional[Match] = None
            for first in clitic_variants(tokens[i]):
                for n in range(min(self._max_len, len(tokens) - i), 0, -1):
                    key = (first, *tokens[i + 1:i + n])
                    if key in self._index and (best is None or i + n > best.end):
                        best = Match(i, i + n, self._spelling[key], tuple(self._index[key]))
                        break
            if best is None:
                i += 1
            else:
                matches.append(best)
                i = best.end
        return matches


def _toggle(word: str) -> str:
    """The word with the article added or taken off ("الحكومة" ↔ "حكومة")."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else "ال" + word


def _adjective_forms(adjectives: Iterable[str]) -> List[str]:
    """تركي → تركي، تركية، تركيون، تركيين، تركيان، تركيتين, each with and without ال."""
    forms = []
    for adj in adjectives:
        words = adj.split()
        suffixes = ["", "ة", "ون", "ين", "ان", "تين", "تان"] if words[-1].endswith("ي") else [""]
        forms.extend(" ".join(w + s for w in words) for s in suffixes)
    return _with_article(forms)


def _with_article(words: Iterable[str]) -> List[str]:
    out = []
    for w in words:
        out.append(w)
        out.append(" ".join("ال" + part for part in w.split()))
    return out


def _read_file(path: Path) -> GazetteerFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(_ERR_FILE.format(path=path, reason=e)) from e
    return _parse(text, str(path))


def _parse(text: str, path: str) -> GazetteerFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(_ERR_JSON.format(path=path, line=e.lineno, reason=e.msg)) from e
    try:
        return GazetteerFile.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(_ERR_SCHEMA.format(path=path, reason=f"{where}: {first['msg']}")) from e


def _shipped_file() -> GazetteerFile:
    source = resources.files("eventx").joinpath("data/gazetteer.json")
    return _parse(source.read_text(encoding="utf-8"), "eventx/data/gazetteer.json")


@functools.lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return Gazetteer([_shipped_file()])


# -- resolution ----------------------------------------------------------------
_PLACE_LEVEL = {"place": 0, "capital": 0, "country": 1, "adjective": 2}


def lookup_actor(text: str, *, gazetteer: Gazetteer) -> Optional[Actor]:
    """Resolve an agent/partner noun phrase to an actor.

    The sector comes from the head: the first title, organisation or person in
    the phrase; a generic head (رئيس، قائد، قوات، المتحدث باسم، وفد) defers to
    the next one ("رئيس مجلس النواب" → LEG, "قوات حفتر" → REB). The country is
    the head's own, else the first state named in the phrase (name,
    adjective, people, capital, city).

    text (str): The argument span as written.
    gazetteer (Gazetteer): Where to look names up.
    RETURNS (Optional[Actor]): The actor, or None when nothing in the phrase is known.
    """
    matches = gazetteer.find(text)
    if not matches:
        return None
    context = _context_countries(matches)
    head, title = _head(matches)
    country: Optional[str] = None
    country_key: Optional[str] = None
    if head is not None and head[1].kind != "title" and (head[1].country or head[1].sector == "IGO"):
        country = head[1].country
    else:
        for match in matches:
            entry = _pick(match, context, _names_a_state)
            if entry is not None:
                country = entry.country
                country_key = match.key
                break
    if head is None:
        if country is None:
            return None
        return Actor(name=gazetteer.country_names.get(country, country), country=country,
                     sector=None, matched=country_key)
    match, entry = head
    name = entry.name
    if entry.kind == "title" and country is not None:
        name = f"{entry.name} of {gazetteer.country_of.get(country, country)}"
    title_key = title.key if title is not None and title is not match else None
    return Actor(name=name, country=country, sector=entry.sector, matched=match.key, title=title_key)


def lookup_place(text: str, *, gazetteer: Gazetteer) -> Optional[Place]:
    """Resolve a place span to the most specific known place in it.

    A city, capital, region or sea wins over a state, which wins over a
    nationality adjective ("المياه الليبية"); among equals the leftmost. A
    spelling shared by several places (طرابلس: Libya and Lebanon; عمان: Oman
    and Amman) is decided by a state named in the same phrase, else by rank
    (Tripoli, Libya and the Sultanate of Oman by default).

    text (str): The argument span as written.
    gazetteer (Gazetteer): Where to look names up.
    RETURNS (Optional[Place]): The place, or None when nothing in the phrase is known.
    """
    matches = gazetteer.find(text)
    context = _context_countries(matches)
    best = None
    for match in matches:
        entry = _pick(match, context, lambda e: e.kind in _PLACE_LEVEL)
        if entry is not None and (best is None or _PLACE_LEVEL[entry.kind] < _PLACE_LEVEL[best[1].kind]):
            best = (match, entry)
    if best is None:
        return None
    return Place(name=best[1].name, country=best[1].country, matched=best[0].key)


def _names_a_state(entry: Entry) -> bool:
    """A reading that ties the phrase to a state (a title never does)."""
    return entry.country is not None and entry.kind != "title"


def _pick(match: Match, context: frozenset, wanted) -> Optional[Entry]:
    """The reading of a match that fits: one in a state the phrase names, else the lowest rank."""
    readings = [e for e in match.entries if wanted(e)]
    if not readings:
        return None
    in_context = [e for e in readings if e.country in context]
    return min(in_context or readings, key=lambda e: (e.rank, _PLACE_LEVEL.get(e.kind, 3)))


def _context_countries(matches: List[Match]) -> frozenset:
    """States named unambiguously (all readings agree) by a name or adjective in the phrase."""
    found = set()
    for match in matches:
        states = {e.country for e in match.entries}
        if len(states) == 1 and any(e.kind in ("country", "adjective") for e in match.entries):
            found |= states
    return frozenset(found)


def _head(matches: List[Match]):
    """The (match, entry) that gives the sector, and the first title for `Actor.title`."""
    chain = []
    for match in matches:
        entry = next((e for e in match.entries if e.has_sector), None)
        if entry is None:
            continue
        chain.append((match, entry))
        if not entry.generic:
            break
    if not chain:
        return None, None
    return chain[-1], chain[0][0]
