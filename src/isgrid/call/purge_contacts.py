"""The applicants' contact values the purge removes, whatever the dossier's file (split
from :mod:`isgrid.call.purge`): the facts ``retention.contact_facts`` names, in a dossier
file ``dossiers/*.yaml`` (its keys) or in the call's table ``dossiers.csv`` (its columns,
named case-insensitively).  Each value is then looked for in every other file the purge
reads (a comment, a motive, the journal that quotes a holder's e-mail:
:class:`~isgrid.call.purge_names._Values`), and by the applicants' letters
(:func:`isgrid.call.purge_people.contact_values`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .purge_comments import _columns_at, _csv_rows


def _texts(value: Any) -> Iterator[str]:
    """The texts of a removed value worth looking for elsewhere (an email, a phone)."""
    if isinstance(value, str) and len(value.strip()) >= 4:
        yield value.strip()
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


def contacts_of(data: Mapping[str, Any], facts: Iterable[str]) -> list[str]:
    """The contact values of one dossier, ``data`` its facts as its file holds them (a
    dossier file's keys, a table's row by its columns): the texts of ``facts``."""
    return [t for k in facts for t in _texts(data.get(k))]


def table_contacts(path: Path, facts: Iterable[str], encoding: str | None = None
                   ) -> dict[str, list[str]]:
    """The contact values of each dossier of the table ``path`` (``dossiers.csv``), by its
    id (its ``id`` column; "" without one): :func:`contacts_of` of each row, the columns
    named as ``facts`` case-insensitively.  Empty when the table has none of them.
    ``encoding``: the table's, when the purge found it already (scanned once)."""
    columns = tuple(f.casefold() for f in facts)
    read = _csv_rows(path, columns, encoding) if columns and path.is_file() \
        and not path.is_symlink() else None  # (a link: the purge neither reads nor empties it)
    if read is None:
        return {}
    rows = read[3]
    header = [h.strip().casefold() for h in next(rows)]
    at = _columns_at(header, columns)
    at_id = header.index("id") if "id" in header else None
    out: dict[str, list[str]] = {}
    for row in rows:
        values = contacts_of({header[i]: row[i] for i in at if i < len(row)}, columns)
        if values:
            did = row[at_id].strip() if at_id is not None and at_id < len(row) else ""
            out.setdefault(did, []).extend(values)
    return out


__all__ = ["contacts_of", "table_contacts"]
