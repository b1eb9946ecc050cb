"""The event ontology: event types, roles, and which roles each type allows.

The ontology is data (configs/ontology.toml). Validation, training labels and
records read it, so adding an event type needs no code change.
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from .errors import Errors

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ONTOLOGY = REPO_ROOT / "configs" / "ontology.toml"


@dataclass(frozen=True)
class EventType:
    name: str
    description: str
    roles: Tuple[str, ...]
    cameo: Optional[str] = None
    plover: Optional[str] = None
    triggers: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Ontology:
    """Event types and roles.

    name (str): the ontology's name, e.g. "core".
    version (int): its version.
    types (Dict[str, EventType]): event types by name.
    roles (Dict[str, str]): role descriptions by role name.
    """

    name: str
    version: int
    types: Dict[str, EventType]
    roles: Dict[str, str] = field(default_factory=dict)

    @property
    def type_names(self) -> List[str]:
        return list(self.types)

    @property
    def role_names(self) -> List[str]:
        return list(self.roles)

    @property
    def trigger_lists(self) -> Dict[str, Tuple[str, ...]]:
        """Each type's listed trigger words (the keyword baseline's and TriggerLexicon's lexicon)."""
        return {name: t.triggers for name, t in self.types.items()}

    def allows(self, event_type: str, role: str) -> bool:
        return event_type in self.types and role in self.types[event_type].roles

    def to_dict(self) -> dict:
        """A JSON-serializable form, stored with trained pipelines."""
        return {
            "name": self.name,
            "version": self.version,
            "roles": {name: {"description": d} for name, d in self.roles.items()},
            "types": {
                t.name: {"description": t.description, "roles": list(t.roles), "cameo": t.cameo,
                         "plover": t.plover, "triggers": list(t.triggers)}
                for t in self.types.values()
            },
        }

    @classmethod
    def from_dict(cls, data: dict, *, path: str = "<dict>") -> "Ontology":
        try:
            roles = {name: (spec or {}).get("description", "") for name, spec in data["roles"].items()}
            types = {}
            for name, spec in data["types"].items():
                for role in spec["roles"]:
                    if role not in roles:
                        raise ValueError(Errors.E002.format(path=path, type=name, role=role))
                types[name] = EventType(
                    name=name, description=spec.get("description", ""), roles=tuple(spec["roles"]),
                    cameo=spec.get("cameo"), plover=spec.get("plover"),
                    triggers=tuple(spec.get("triggers", ())),
                )
        except KeyError as e:
            raise ValueError(Errors.E003.format(path=path, problem=f"missing key {e}")) from e
        if not types:
            raise ValueError(Errors.E003.format(path=path, problem="no event types under [types]"))
        return cls(name=data.get("name", "custom"), version=int(data.get("version", 1)), types=types, roles=roles)

    @classmethod
    def from_file(cls, path: Path = DEFAULT_ONTOLOGY) -> "Ontology":
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ValueError(Errors.E001.format(path=path, reason=e)) from e
        return cls.from_dict(data, path=str(path))
