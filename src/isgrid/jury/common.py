"""What the jury modules share: who rates what, fixed dates, assignments.csv."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..call.assignments import ASSIGNMENTS_FILE, assignment_pairs, by_assessor
from ..call.deports import deport_pairs
from ..call.model import Assessor, Call
from ..errors import Collector, Location, Message
from ..grid.model import JURY_ROLE, Criterion
from ..io.folder import inside
from ..io.text import folded

#: The date written in workbooks when SOURCE_DATE_EPOCH is not set.
DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z

OPINIONS = ("favorable", "réservé", "défavorable")
_OPINION_ALIASES = {
    "favorable": "favorable", "favourable": "favorable", "avis favorable": "favorable",
    "réservé": "réservé", "reserve": "réservé", "réserve": "réservé", "reservé": "réservé",
    "avis réservé": "réservé", "reserved": "réservé",
    "défavorable": "défavorable", "defavorable": "défavorable",
    "avis défavorable": "défavorable", "unfavourable": "défavorable",
    "unfavorable": "défavorable",
}

# The jurors' workbooks (sheets.py, workbook.py, layouts.py) and their import (importer.py)
META_SHEET = "_isgrid"
LISTS_SHEET = "_listes"
#: The _isgrid sheet's ``format``: /2 since the seal (December 2026, :mod:`.owner`), so a
#: workbook written since that lacks its seal is told from one written before it (/1)
FORMAT_ID = "isgrid-sheets/2"
FORMAT_BEFORE_SEAL = "isgrid-sheets/1"
#: Keys of the _isgrid sheet for the dossiers a workbook holds (.lists): their number,
#: then their ids in cells ``dossiers:1``, ``dossiers:2``...
META_COUNT = "dossiers"
META_IDS = "dossiers:"
LAYOUTS = ("rows", "per-dossier")
#: Pseudo-criteria of the CSV format (ids never start with "(").
CSV_OPINION = "(avis)"
CSV_AMOUNT = "(montant)"
CSV_COLUMNS = ["dossier", "title", "file", "assessor", "criterion", "label", "value", "comment",
               "shareable"]


@dataclass
class SheetPlan:
    """What one juror's workbook holds."""

    assessor: Assessor
    criteria: list[Criterion]
    dossiers: list[tuple[str, str, str]]  # id, title, file
    left_out: list[tuple[str, str]]  # id, title (déports)
    money: bool
    #: what the juror already gave (:class:`.prefill.JurorGiven`), pre-filled; None: blank
    given: Any = None
    #: the overall opinion (and the amount, with ``money``) asked: a juror's, never an
    #: instructor's (:func:`gives_opinion`)
    opinion: bool = True

    @property
    def amount(self) -> bool:
        """Whether the workbook asks for a proposed amount (the opinion's, with money)."""
        return self.opinion and self.money


#: the aliases as they are compared (:func:`~isgrid.io.text.folded`)
_OPINIONS_FOLDED = {folded(k): v for k, v in _OPINION_ALIASES.items()}


def opinion_word(value: str, lang: str | None) -> str:
    """One overall opinion (:data:`OPINIONS`) as every output says it in ``lang``, in lower
    case: « réservé », "reserved". The one catalog entry of the opinions' words
    (``locale/common.json`` ``opinion.*``), read by the workbooks (their drop-down list), the
    reports and fiches, and the workspace (its buttons, capitalised: « Réservé »)."""
    from ..i18n import translator

    return translator("common", lang if lang in ("fr", "en") else "fr")(f"opinion.{value}")


def opinion_words(lang: str | None) -> dict[str, str]:
    """The three opinions' words in ``lang`` (:func:`opinion_word`: « favorable, réservé,
    défavorable », "favourable, reserved, unfavourable"), for the messages that name them:
    an English call's jurors never saw « réservé » (``{a}``, ``{b}``, ``{c}``)."""
    return dict(zip("abc", (opinion_word(o, lang) for o in OPINIONS), strict=True))


def parse_opinion(text: str) -> str | None:
    """An overall opinion as written (any case, with or without accents, as a scale's
    level is read: :func:`~isgrid.io.text.folded`), or None."""
    return _OPINIONS_FOLDED.get(folded(text))


def source_date() -> datetime:
    """SOURCE_DATE_EPOCH as a UTC datetime, or the fixed default date."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        epoch = int(raw) if raw else DEFAULT_EPOCH
    except ValueError:
        epoch = DEFAULT_EPOCH
    return datetime.fromtimestamp(max(epoch, 315532800), tz=UTC)  # zip needs >= 1980


def criteria_for(call: Call, assessor: Assessor) -> list[Criterion]:
    """The criteria this assessor's role rates (:meth:`~isgrid.grid.model.Grid.criteria_rated_by`,
    the rule loading follows too), as a workbook plans them (``isgrid sheets``, the
    workspace) and its import takes them (``isgrid sheets import``): a juror's workbook
    holds every criterion but the eliminatory ones of another role; an instructor's only
    the eliminatory criteria ``rated_by: instructeur``."""
    return call.grid.grid.criteria_rated_by(assessor.role)


def gives_opinion(role: str) -> bool:
    """Does an assessor of ``role`` give an overall opinion and a proposed amount?  The
    jurors do (:data:`~isgrid.grid.model.JURY_ROLE`); an instructor rates the eligibility
    findings only.  The documents count the opinions as « avis des jurés » (the agenda's
    « 2 favorables, 1 réservé », the range of amounts): the one rule for the workbooks
    (``isgrid sheets``), their import and the opinions files (:mod:`.opinions`)."""
    return role == JURY_ROLE


def conflicts_of(call: Call) -> frozenset[tuple[str, str]]:
    """(assessor, dossier) pairs of the call's déports."""
    return deport_pairs(call.config.conflicts)


def read_assignments(call: Call, diags: Collector) -> dict[str, list[str]] | None:
    """``assignments.csv`` (dossier,assessor) as assessor -> dossiers, or None if absent."""
    path = call.folder / ASSIGNMENTS_FILE
    if not path.is_file():
        return None
    if not inside(call.folder, path):  # never read (the call's loader says so)
        diags.add("path-escape", Message("assignments.csv links outside the call folder"),
                  Location(str(path)))
        return None
    pairs = assignment_pairs(path, {d.id for d in call.dossiers}, call.assessors, diags)
    if pairs is None:
        return None
    return by_assessor(pairs)


def assigned_to(call: Call, assessor: Assessor,
                assignments: dict[str, list[str]] | None) -> set[str]:
    """The dossiers given to the assessor, déports not left out: the dossiers listed for
    them in call.yaml win; then their rows of assignments.csv; otherwise every dossier."""
    if assessor.dossiers is not None:
        return set(assessor.dossiers)
    if assignments is not None and assessor.id in assignments:
        return set(assignments[assessor.id])
    return {d.id for d in call.dossiers}


def dossiers_of(call: Call, assessor: Assessor,
                assignments: dict[str, list[str]] | None) -> tuple[list[str], list[str]]:
    """(dossiers to rate, dossiers left out for a déport), in dossier order.

    The dossiers listed for the assessor in call.yaml win; then the assessor's
    rows of assignments.csv; otherwise every dossier of the call.
    """
    ids = [d.id for d in call.dossiers]
    wanted = assigned_to(call, assessor, assignments)
    conflicted = conflicts_of(call)
    keep = [d for d in ids if d in wanted and (assessor.id, d) not in conflicted]
    left_out = [d for d in ids if (assessor.id, d) in conflicted]
    return keep, left_out


def jury(call: Call) -> list[Assessor]:
    """The declared assessors, in call.yaml order."""
    return list(call.config.assessors or [])


def relative_dossier_file(call: Call, file: str) -> str:
    """The dossier's file relative to the call folder (workbook rows show it)."""
    p = Path(file.split("!")[0])
    try:
        return p.resolve().relative_to(call.folder.resolve()).as_posix()
    except (ValueError, OSError):
        return p.name
