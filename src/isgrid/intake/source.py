"""What the platform says about its dossiers, whatever the channel (export file or API).

Every value keeps where it came from (``sheet!cell`` for a file, a key path in
the API's answer), so a diagnostic points at it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..errors import Location


@dataclass
class SourceField:
    """One field of a dossier (a form field or a private annotation)."""

    label: str
    value: Any  # str, int, float, bool, date(time), list of str, or None
    where: Location
    champ: str | None = None  # the champDescriptorId (API only)


@dataclass
class SourceBlock:
    """The rows of one repeatable block of one dossier."""

    label: str
    stable_id: str | None
    champ: str | None
    rows: list[list[SourceField]] = field(default_factory=list)
    where: Location = field(default_factory=Location)


@dataclass
class SourceAvis:
    """An expert's avis: free text and an optional yes/no."""

    expert: str
    question: str
    answer: str
    yes_no: bool | None
    where: Location


@dataclass
class SourceDossier:
    number: int
    state: str  # en_construction, en_instruction, accepte, refuse, sans_suite
    where: Location
    fields: list[SourceField] = field(default_factory=list)
    blocks: list[SourceBlock] = field(default_factory=list)
    avis: list[SourceAvis] = field(default_factory=list)
    graphql_id: str | None = None
    updated_at: str | None = None


@dataclass
class Source:
    """Every dossier read, in the order given, and what channel they came from."""

    kind: str  # "export" or "api"
    name: str  # the file, or the endpoint and démarche number
    dossiers: list[SourceDossier] = field(default_factory=list)
    columns: dict[str, Location] = field(default_factory=dict)  # label -> header place
    #: two columns of the export with the same label (as :func:`fold` compares them): the
    #: label, how the reader names the first and the second (« O », « W »), the second's
    #: header cell (said by :mod:`isgrid.intake.mapping`, which knows what it reads)
    twins: list[tuple[str, str, str, Location]] = field(default_factory=list)
    complete: bool = True  # False for an incremental (updatedSince) answer


_STATES = {
    "en construction": "en_construction", "en instruction": "en_instruction",
    "accepte": "accepte", "refuse": "refuse", "sans suite": "sans_suite",
    "classe sans suite": "sans_suite",
}


@functools.lru_cache(maxsize=4096, typed=True)  # the same labels, for every dossier of an export
def fold(text: str) -> str:
    """A label compared without case, accents, repeated spaces or a final colon/star."""
    t = unicodedata.normalize("NFKD", str(text))
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"\s+", " ", t.replace("\u00a0", " ").replace("\u202f", " "))
    return t.strip().rstrip(":*").strip().casefold()


def parse_state(text: Any) -> str | None:
    """A dossier state as the export writes it (« En instruction ») or as the API does."""
    if text is None:
        return None
    key = fold(str(text)).replace("_", " ")
    return _STATES.get(key)
