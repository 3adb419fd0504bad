"""An export file of Démarche Numérique as a :class:`~isgrid.intake.source.Source`.

Sheets, as the platform writes them: ``Dossiers`` (one row per dossier: ``ID``,
``État du dossier``, dates, then one column per form field headed by its
label, the private annotations last), ``Etablissements`` (not read), ``Avis``
(``Dossier ID``, ``Question``, ``Réponse``, ``Réponse oui/non``, ``Expert``…),
and one sheet per repeatable block named ``(<stable_id>) <libellé>`` with
``Dossier ID`` and ``Ligne``.  A CSV export is the dossiers table alone.
Columns are matched by name, never by position.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Collector, Location, Message, excerpt
from .sheets import Formula, Sheet, read_sheets, refuse_formula
from .source import (
    Source,
    SourceAvis,
    SourceBlock,
    SourceDossier,
    SourceField,
    fold,
    parse_state,
)

#: Columns of the ``Dossiers`` sheet that the platform writes for every démarche
#: (folded): they are read where needed, never reported as unknown.
PLATFORM_COLUMNS = frozenset(fold(c) for c in (
    "ID", "Email", "FranceConnect ?", "Civilité", "Nom", "Prénom", "Dépôt pour un tiers",
    "Nom du mandataire", "Prénom du mandataire", "Date de naissance", "À archiver", "Archivé",
    "État du dossier", "Dernière mise à jour le", "Dernière mise à jour du dossier le",
    "Déposé le", "Passé en instruction le", "Date décision SVA/SVR", "Date décision SVA",
    "Date décision SVR", "Traité le", "Motivation de la décision", "Instructeurs",
    "Groupe instructeur", "Entreprise raison sociale", "Établissement SIRET",
    "Etablissement SIRET", "Établissement siège social", "Établissement NAF",
    "Établissement libellé NAF", "Établissement Adresse", "Établissement numero voie",
    "Établissement type voie", "Établissement nom voie", "Établissement complément adresse",
    "Établissement code postal", "Établissement localité", "Établissement code INSEE localité",
    "Entreprise SIREN", "Entreprise capital social", "Entreprise numero TVA intracommunautaire",
    "Entreprise forme juridique", "Entreprise forme juridique code", "Entreprise nom commercial",
    "Entreprise SIRET siège social", "Entreprise code effectif entreprise",
    "Entreprise date de création", "Entreprise nom", "Entreprise prénom",
    "Association RNA", "Association titre", "Association objet",
    "Association date de création", "Association date de déclaration",
    "Association date de publication", "Labels",
))
#: The columns of the ``Avis`` sheet intake reads (beside ``Dossier ID``)
_AVIS_COLUMNS = ("Expert", "Question", "Introduction", "Réponse", "Réponse oui/non")
_BLOCK = re.compile(r"^\((\w+)\)\s*(.*)$")
_ID = fold("ID")
_STATE = fold("État du dossier")
_UPDATED = fold("Dernière mise à jour le")


def _cell(v: Any) -> Any:
    return v.strip() if isinstance(v, str) else v


def read_export(path: Path, diags: Collector) -> Source | None:
    """The dossiers of an export file; None (with diagnostics) if it cannot be read."""
    sheets = read_sheets(path, diags)
    if sheets is None:
        return None
    if not sheets:
        diags.add("intake-source", Message("the file has no sheet"), Location(str(path)))
        return None
    by_name = {fold(s.name or ""): s for s in sheets}
    main = by_name.get(fold("Dossiers"), sheets[0])
    src = Source("export", str(path))
    numbers = _read_dossiers(main, src, diags)
    if numbers is None:
        return None
    for s in sheets:
        if s is main or s.name is None:
            continue
        m = _BLOCK.match(s.name)
        if m:
            _read_block(s, m.group(1), m.group(2), numbers, diags)
        elif fold(s.name) == fold("Avis"):
            _read_avis(s, numbers, diags)
    return src


def _read_dossiers(sheet: Sheet, src: Source, diags: Collector
                   ) -> dict[int, SourceDossier] | None:
    idx = {fold(h): i for i, h in reversed(list(enumerate(sheet.header))) if h}
    if _ID not in idx:
        diags.add("intake-source", Message("the dossiers sheet has no `ID` column"),
                  sheet.loc(1, 0), hint="The platform's export starts with ID, Email, … "
                  "(a custom export template must keep the ID column).")
        return None
    if _STATE not in idx:
        # never a state made up: a draft « en construction » or a refused dossier would be
        # taken in as « en instruction », sent to the jurors, its file saying so
        diags.add("intake-source", Message("the dossiers sheet has no « État du dossier » "
                                           "column"), sheet.loc(1, 0),
                  hint="isgrid keeps the dossiers by their state (intake.states): a custom "
                  "export template must keep the « État du dossier » column, under that "
                  "name.")
        return None
    first: dict[str, int] = {}
    for i, h in enumerate(sheet.header):
        if h and fold(h) in first:  # read by its label: which of the two would be a guess
            src.twins.append((h, sheet.column(first[fold(h)]), sheet.column(i),
                              sheet.loc(1, i)))
        elif h:
            first[fold(h)] = i
        if h and fold(h) not in PLATFORM_COLUMNS:
            src.columns.setdefault(h, sheet.loc(1, i))
    out: dict[int, SourceDossier] = {}
    for n, cells in sheet.rows:
        raw_id = cells[idx[_ID]]
        if refuse_formula(raw_id, sheet.header[idx[_ID]], sheet.loc(n, idx[_ID]), diags):
            continue
        number = _number(raw_id)
        if number is None:
            if _empty(raw_id):
                diags.add("intake-value", Message("the dossier number is empty"),
                          sheet.loc(n, idx[_ID]),
                          hint="Each row of the dossiers sheet has the dossier's number in "
                          "the ID column, as the platform writes it: export the dossiers "
                          "again.")
            elif _numeric(raw_id):  # « 101.7 », « -5 »: a number, not the kind expected
                diags.add("intake-value", Message(
                    "the dossier number {value} is not a positive whole number",
                    value=excerpt(raw_id)), sheet.loc(n, idx[_ID]),
                    hint="A dossier number is a positive whole number (101), as the platform "
                    "writes it in the ID column: correct this cell (a spreadsheet may have "
                    "changed it), or export the dossiers again.")
            else:
                diags.add("intake-value", Message("the dossier number {value} is not a number",
                                                  value=excerpt(raw_id)),
                          sheet.loc(n, idx[_ID]),
                          hint="Each row of the dossiers sheet has the dossier's number in "
                          "the ID column, as the platform writes it: export the dossiers "
                          "again.")
            continue
        if number in out:
            diags.add("intake-source", Message("the dossier {number} appears twice", number=number),
                      sheet.loc(n, idx[_ID]))
            continue
        raw_state = cells[idx[_STATE]]
        if refuse_formula(raw_state, sheet.header[idx[_STATE]], sheet.loc(n, idx[_STATE]),
                          diags):
            continue
        state = parse_state(raw_state)
        if state is None:
            diags.add("intake-value", Message("the dossier {number} has no state",
                                              number=number) if _empty(raw_state) else
                      Message("{value} is not a dossier state", value=excerpt(raw_state)),
                      sheet.loc(n, idx[_STATE]),
                      hint="En construction, En instruction, Accepté, Refusé or Sans suite.")
            continue
        d = SourceDossier(number, state, sheet.loc(n, idx[_ID]))
        if _UPDATED in idx:
            u = cells[idx[_UPDATED]]
            if refuse_formula(u, sheet.header[idx[_UPDATED]], sheet.loc(n, idx[_UPDATED]),
                              diags):
                continue
            d.updated_at = u.isoformat() if hasattr(u, "isoformat") else (str(u) if u else None)
        for i, h in enumerate(sheet.header):
            if not h or fold(h) in (_ID, _STATE):
                continue
            d.fields.append(SourceField(h, _cell(cells[i]), sheet.loc(n, i)))
        out[number] = d
        src.dossiers.append(d)
    return out


def _empty(v: Any) -> bool:
    """Is a cell empty (nothing, or spaces only)?"""
    return v is None or (isinstance(v, str) and not v.strip())


def _numeric(v: Any) -> bool:
    """Whether a cell that is no dossier number (:func:`_number`) is a number all the same: a
    float with decimals, a negative one, « 101,7 » or « -5 » as text."""
    import re

    if isinstance(v, bool):
        return False
    if isinstance(v, int | float):
        return True
    return re.fullmatch(r"\s*[-+\u2212]?[0-9]+(?:[.,][0-9]+)?\s*", str(v)) is not None


def _number(v: Any) -> int | None:
    """A dossier number as the platform writes it, a whole number from 1 (a numeric cell
    -5 is none: it gave the id « DN--5 »), or None."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v if v >= 1 else None
    if isinstance(v, float) and v.is_integer():
        return int(v) if v >= 1 else None
    text = str(v or "").strip()
    # isdecimal, not isdigit: « ² » is a digit int() refuses; beyond 4,300 digits int()
    # refuses too (sys.get_int_max_str_digits)
    if not text.isdecimal():
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _read_block(sheet: Sheet, stable_id: str, label: str, numbers: dict[int, SourceDossier],
                diags: Collector) -> None:
    idx = {fold(h): i for i, h in enumerate(sheet.header) if h}
    did = idx.get(fold("Dossier ID"))
    if did is None:
        diags.add("intake-source", Message("the block sheet “{name}” has no `Dossier ID` column",
                                           name=sheet.name),
                  sheet.loc(1, 0))
        return
    line = idx.get(fold("Ligne"))
    blocks: dict[int, SourceBlock] = {}
    for n, cells in sheet.rows:
        if refuse_formula(cells[did], sheet.header[did], sheet.loc(n, did), diags):
            continue
        number = _number(cells[did])
        d = numbers.get(number) if number is not None else None
        if d is None:
            diags.add("intake-source", Message("the row names an unknown dossier {dossier}",
                                               dossier=excerpt(cells[did])),
                      sheet.loc(n, did), severity="warning")
            continue
        block = blocks.get(d.number)
        if block is None:
            block = blocks[d.number] = SourceBlock(label, stable_id, None,
                                                   where=Location(sheet.file, sheet=sheet.name))
            d.blocks.append(block)
        block.rows.append([SourceField(h, _cell(cells[i]), sheet.loc(n, i))
                           for i, h in enumerate(sheet.header)
                           if h and i not in (did, line)])


def _read_avis(sheet: Sheet, numbers: dict[int, SourceDossier], diags: Collector) -> None:
    idx = {fold(h): i for i, h in enumerate(sheet.header) if h}
    did = idx.get(fold("Dossier ID"))
    if did is None:
        diags.add("intake-source", Message("the Avis sheet has no `Dossier ID` column"),
                  sheet.loc(1, 0))
        return

    def get(cells: list[Any], *names: str) -> Any:
        for name in names:
            i = idx.get(fold(name))
            if i is not None and cells[i] not in (None, ""):
                return cells[i]
        return None

    read = [i for i in (idx.get(fold(name)) for name in _AVIS_COLUMNS) if i is not None]
    for n, cells in sheet.rows:
        # every cell read, refused at its place when it holds a formula (never its text
        # taken for the expert's answer)
        if any([refuse_formula(cells[i], sheet.header[i], sheet.loc(n, i), diags)
                for i in (did, *read)]):
            continue
        number = _number(cells[did])
        d = numbers.get(number) if number is not None else None
        if d is None:
            continue  # an avis on a dossier not in the dossiers sheet
        yes_no_raw = get(cells, "Réponse oui/non")
        yes_no = None
        if isinstance(yes_no_raw, bool):
            yes_no = yes_no_raw
        elif yes_no_raw is not None:
            low = fold(str(yes_no_raw))
            yes_no = True if low in ("oui", "true") else False if low in ("non", "false") \
                else None
        d.avis.append(SourceAvis(
            expert=str(get(cells, "Expert") or "").strip(),
            question=str(get(cells, "Question", "Introduction") or "").strip(),
            answer=str(get(cells, "Réponse") or "").strip(),
            yes_no=yes_no, where=sheet.loc(n, did)))


def is_formula(value: Any) -> bool:
    return isinstance(value, Formula)
