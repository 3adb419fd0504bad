"""Jurors' overall opinions: ``opinions/*.csv`` of a call folder.

``isgrid sheets import`` writes one file per juror, ``opinions/<juror>.csv``,
with the columns ``dossier,assessor,opinion,amount,comment``: the overall
opinion (favorable / réservé / défavorable), the amount the juror proposes and
an overall comment.  The engine never reads them (they change no score); the
committee's documents show them (fiches and the discussion agenda).

Read with the same care as the ratings: bounded size, encodings handled by
:mod:`isgrid.io.text`, every problem located (file, line, column) with a stable
code.  But a broken opinions file never stops a report: **every diagnostic is
a warning**, and what it concerns is left out: a bad opinion or amount (the
rest of the row stays), a row (unknown dossier or assessor, déport, second
row for the same juror and dossier, an instructor's row: ``wrong-rater-role``, the opinion
and the amount are the jurors', :func:`.common.gives_opinion`) or a file (bad header,
encoding, size).  The committee
still gets its documents the evening before the jury; ``--strict`` turns the
warnings into a stop, as for any warning.

Opinions of a juror in conflict with the dossier (``conflicts`` in call.yaml or
``conflicts/*.csv``) are left out, kept in their file, with a ``conflicted-rating``
warning, as their ratings are (:mod:`isgrid.call.deports`).
``opinions/replaced/`` (the dated copies the import keeps) is not read.

The sha256 of every file whose bytes were read is kept (``Opinions.hashes``),
computed from the very bytes that are then decoded and parsed: the documents
that show opinions list them in their annex, beside the result's ``inputs``
(which the opinions never enter: ``isgrid score`` does not read them).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..call.deports import Deports
from ..call.model import Call
from ..call.roles import role_text
from ..errors import Collector, Diagnostic, Location, Message, excerpt
from ..io.cells import unescape_cell
from ..io.folder import OPINIONS_DIR, files, inside
from ..io.numbers import parse_amount as amount_of
from ..io.tabular import columns_named, parse_csv
from ..io.text import decode, read_bytes
from ..messages import missing_columns, unknown_columns
from .common import OPINIONS, gives_opinion, opinion_words, parse_opinion

OPINION_COLUMNS = ("dossier", "assessor", "opinion", "amount", "comment")
REQUIRED_COLUMNS = ("dossier", "assessor", "opinion")
HEADER_HINT = "The header must be: dossier,assessor,opinion,amount,comment."
#: Maximum size of one opinions file: one short row per juror and dossier, so
#: far below the ratings' limit; a larger file is a mistake.
MAX_OPINIONS_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Opinion:
    """One juror's overall opinion of one dossier."""

    dossier: str
    assessor: str
    opinion: str | None  # favorable, réservé or défavorable; None when not given
    amount: float | None  # euros; None when not given
    comment: str
    where: Location


@dataclass
class Opinions:
    """The opinions of a call, by dossier (assessors in id order), and the warnings."""

    by_dossier: dict[str, list[Opinion]] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # relative paths of the files read
    #: relative path -> sha256 of the bytes read, for every file whose bytes were read
    #: (a file too large or unreadable has none): inputs of the documents that show
    #: opinions, listed in their annex beside the result's ``inputs``
    hashes: dict[str, str] = field(default_factory=dict)

    def of(self, dossier: str) -> list[Opinion]:
        return self.by_dossier.get(dossier, [])


@dataclass(frozen=True)
class Summary:
    """The opinions of one dossier, counted."""

    n: int  # opinions (rows) kept: an opinion, an amount or a comment
    counts: dict[str, int]  # favorable / réservé / défavorable -> how many (zeros left out)
    amount_min: float | None
    amount_max: float | None


def summarise(opinions: list[Opinion]) -> Summary:
    counts = {o: sum(1 for x in opinions if x.opinion == o) for o in OPINIONS}
    amounts = [x.amount for x in opinions if x.amount is not None]
    return Summary(n=len(opinions), counts={k: v for k, v in counts.items() if v},
                   amount_min=min(amounts) if amounts else None,
                   amount_max=max(amounts) if amounts else None)


def parse_amount(raw: str, lang: str = "fr") -> float | None:
    """An amount in euros as jurors write it (``12 000``, ``12000,50 €``; ``€12,000`` in an
    English call: ``lang``), or None."""
    return amount_of(raw, lang).value  # one parser for every amount (io.numbers)


def _as_warnings(diags: list[Diagnostic]) -> list[Diagnostic]:
    return [d if d.severity == "warning" else dataclasses.replace(d, severity="warning")
            for d in diags]


def load_opinions(call: Call) -> Opinions:
    """Read ``opinions/*.csv`` of the call's folder (never raises on bad data)."""
    out = Opinions()
    folder = call.folder
    odir = folder / OPINIONS_DIR
    diags = Collector()
    if not odir.is_dir():
        return out
    if not inside(folder, odir):
        diags.add("path-escape", Message("{folder}/ links outside the call folder; it is not "
                                         "read",
                                         folder=OPINIONS_DIR), Location(str(odir)), severity="warning")
        out.warnings = diags.items
        return out
    dossiers = {d.id for d in call.dossiers}
    conflicts = Deports(call.config.conflicts)
    seen: dict[tuple[str, str], Location] = {}
    found: list[Opinion] = []
    for path in files(odir, (".csv",), diags):
        if not inside(folder, path):
            diags.add("path-escape", Message("{name} links outside the call folder",
                                             name=path.name),
                      Location(str(path)))
            continue
        rel = path.relative_to(folder).as_posix()
        out.files.append(rel)
        data = read_bytes(path, diags, max_bytes=MAX_OPINIONS_BYTES)
        if data is None:
            continue
        # hashed from the very bytes parsed below: the annex names what was read
        out.hashes[rel] = hashlib.sha256(data).hexdigest()
        found.extend(_read_file(path, data, call, dossiers, conflicts, seen, diags))
    for op in found:
        out.by_dossier.setdefault(op.dossier, []).append(op)
    for ops in out.by_dossier.values():
        ops.sort(key=lambda o: o.assessor)
    out.warnings = _as_warnings(diags.items)
    return out


def _read_file(path: Path, data: bytes, call: Call, dossiers: set[str],
               conflicts: Deports, seen: dict[tuple[str, str], Location],
               diags: Collector) -> list[Opinion]:
    file = str(path)
    text = decode(data, file, diags, table=True)
    table = parse_csv(text, file, diags) if text is not None else None
    if table is None:
        return []
    cols = columns_named(table)
    missing = [c for c in REQUIRED_COLUMNS if c not in cols]
    if missing:
        diags.add("csv-missing-column",
                  missing_columns(missing, skipped=True), Location(file, line=1),
                  hint=HEADER_HINT)
        return []
    extra = [c for c in cols if c not in OPINION_COLUMNS]
    if extra:
        diags.add("csv-extra-column", unknown_columns(extra, ignored=True),
                  table.header_locations.get(cols[extra[0]], Location(file, line=1)),
                  hint=HEADER_HINT)
    out: list[Opinion] = []

    def cell(row: Any, name: str) -> str:
        col = cols.get(name)
        v = row.values.get(col) if col is not None else None
        # as typed: the ``'`` the writer put before a formula-like text dropped
        return "" if v is None else unescape_cell(str(v)).strip()

    for row in table.rows:
        did, aid = cell(row, "dossier"), cell(row, "assessor")
        raw_op, raw_amount = cell(row, "opinion"), cell(row, "amount")
        comment = row.values.get(cols["comment"], "") if "comment" in cols else ""
        comment = unescape_cell(str(comment)).strip()
        if not (raw_op or raw_amount or comment):
            continue  # a juror who said nothing on this dossier
        if did not in dossiers:
            diags.add("unknown-dossier", Message("an opinion on an unknown dossier {dossier}",
                                                 dossier=excerpt(did)),
                      row.loc(cols["dossier"]))
            continue
        if aid not in call.assessors:
            diags.add("unknown-assessor", Message("an opinion by an undeclared assessor {assessor}",
                                                  assessor=excerpt(aid)),
                      row.loc(cols["assessor"]))
            continue
        role = call.assessors[aid].role
        if not gives_opinion(role):  # an instructor's: would be counted as a juror's
            given = next(c for c in ("opinion", "amount", "comment") if cell(row, c))
            diags.add("wrong-rater-role", Message(
                "an opinion of {assessor}, who is {role}: the overall opinion and the amount "
                "are the jurors'; the row is left out", assessor=aid, role=role_text(role)),
                row.loc(cols[given]), hint=Message(
                    "The documents count the opinions as the jurors' (the agenda's count "
                    "of opinions, the range of the amounts proposed). The file is kept as it "
                    "is: delete the row, or write it under the id of the juror who gave it."))
            continue
        if conflicts.covers(aid, did):  # kept in the file, never counted, told
            conflicts.tell(aid, did, row.where, diags, what="opinion")
            continue
        # a bad cell is left out, not the row: the rest of what the juror said stays
        opinion = parse_opinion(raw_op) if raw_op else None
        if raw_op and opinion is None:
            words = opinion_words(call.config.lang)  # the call's workbook's words
            diags.add("bad-opinion", Message("{value} is not {a}, {b} or {c}; the opinion is "
                                             "left out", value=excerpt(raw_op), **words),
                      row.loc(cols["opinion"]),
                      hint=Message("Write {a}, {b} or {c}, or leave the cell empty.", **words))
        parsed = amount_of(raw_amount, call.config.lang or "fr") if raw_amount else None
        amount = parsed.value if parsed is not None else None
        if parsed is not None and amount is None:
            diags.add("bad-amount", Message("{value} is not an amount in euros; the amount is "
                                            "left out",
                                            value=excerpt(raw_amount)), row.loc(cols["amount"]),
                      hint=parsed.hint)
        key = (aid, did)
        if key in seen:
            diags.add("duplicate-rating",
                      Message("a second opinion of {assessor} on {dossier} (first at "
                                                  "{seen}); the first is kept",
                                                  assessor=aid, dossier=did, seen=seen[key]), row.where,
                      hint="Keep one row per (dossier, assessor).")
            continue
        seen[key] = row.where
        out.append(Opinion(dossier=did, assessor=aid, opinion=opinion, amount=amount,
                           comment=comment, where=row.where))
    return out
