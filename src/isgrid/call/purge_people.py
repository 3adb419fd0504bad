"""The purge's rule of who and what is personal, for the documents that must not quote it
(the applicants' letters: :mod:`isgrid.documents.letter_people`).

One rule, one place: the names are those ``isgrid call purge`` pseudonymises (call.yaml's
assessors, members, chair and secretary: :func:`isgrid.call.purge._pseudonyms`),
recognised in a text as the purge recognises them (:class:`~isgrid.call.purge_names._Names`:
« Mme Schaeffer » for Hélène Schaeffer, never inside a longer word); the contact values
are those the purge removes (the facts ``retention.contact_facts`` names, their texts as
:mod:`isgrid.call.purge_contacts` gives them, a dossier file's or the table's), found as the purge finds them
(:class:`~isgrid.call.purge_names._Values`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Diagnostic
from ..io.yamledit import read_source
from .purge import _pseudonyms, _read
from .purge_contacts import contacts_of, table_contacts
from .purge_names import _Names, _Values
from .purge_workbook import workbook_contacts

if TYPE_CHECKING:
    from .model import Call


def jury_names(folder: Path) -> _Names:
    """The names of call.yaml the purge pseudonymises, as it recognises them in a text."""
    path = Path(folder) / "call.yaml"
    cfg = _read(read_source(path), path)
    if not isinstance(cfg, dict):
        return _Names({})
    return _Names(_pseudonyms(cfg), str(cfg.get("lang") or "fr"))


def contact_values(call: Call, said: list[Diagnostic] | None = None
                   ) -> tuple[_Values, dict[str, set[str]]]:
    """The dossiers' contact values the purge would remove (``retention.contact_facts``;
    none without a retention block), and the dossiers each is a value of.  ``said`` is
    given a warning when the table's workbook cannot be opened to read them
    (:func:`~isgrid.call.purge_workbook.workbook_contacts`)."""
    retention = call.config.retention
    facts = retention.contact_facts if retention is not None else []
    owners: dict[str, set[str]] = {}
    table: dict[str, list[str]] | None = None  # dossiers.csv's, read once when needed
    for d in call.dossiers if facts else []:
        # read from the dossier's file, as the purge reads it: loading keeps the grid's
        # facts only, and a contact fact is none of them
        path = call.folder / d.file if not Path(d.file).is_absolute() else Path(d.file)
        suffix = path.suffix.lower()
        if suffix.startswith((".csv", ".xlsx")):  # dossiers.csv:3, a row of the table
            if table is None:
                table = table_contacts(call.folder / "dossiers.csv", facts) \
                    if suffix.startswith(".csv") else \
                    workbook_contacts(call.folder / "dossiers.xlsx", facts, said)
            texts = table.get(d.id, [])
        elif path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
            continue
        else:
            data = _read(read_source(path), path)
            if not isinstance(data, dict):
                continue
            texts = contacts_of(data, facts)
        for text in texts:
            owners.setdefault(text, set()).add(d.id)
    return _Values(list(owners)), owners
