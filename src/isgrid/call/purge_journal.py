"""The journal re-sealed by ``isgrid call purge`` (:mod:`.purge`): the journal cannot be
edited by hand (its chain), so the purge writes the pseudonyms into its entries itself
(``by``, the names and removed contact values quoted in ``reason`` and ``motivation``),
recomputes every ``prev``/``hash``, and adds a ``purge`` entry recording the head before
the purge and every entry's hash before it, so the signed minutes' head stays linked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..documents.typography import date_words
from ..errors import CallError
from .journal import GENESIS, canonical, entry_hash, journal_path, read_journal, sha256
from .purge_names import CONTACT_TEXTS, _Names, _Values


@dataclass(frozen=True)
class Resealed:
    """What :func:`reseal` made: the journal's new bytes (its purge entry last), the head
    before the purge, how many entries' ``by`` were pseudonymised, and the ``seq`` of the
    entries whose texts quoted a name (``texts``) or a removed contact value
    (``contacts``)."""

    data: bytes
    head_before: str
    by: int
    texts: list[int]
    contacts: list[int]


def reseal(folder: Path, names: dict[str, str], find: _Names, removed: _Values,
           today: dt.date, months: int, start: str | None) -> Resealed | None:
    """The journal with its names pseudonymised (``by``, and the names written in an
    entry's ``reason`` and ``motivation``), the applicants' contact values removed from the
    dossiers replaced in those texts too (:data:`.purge_names.CONTACT_TEXTS`: the journal
    cannot be edited by hand, as elsewhere they would be said left), its chain recomputed,
    and a purge entry dated ``today``.  None without a journal, or one already purged
    with nothing new to hide."""
    path = journal_path(folder)
    if not path.is_file():
        return None
    entries = read_journal(folder)  # raises on a broken chain: never re-seal a forgery
    if not entries:
        raise CallError("empty journal", [])  # pragma: no cover - a file with no entry
    purged = []
    by = 0
    texts, contacts = [], []
    gone = CONTACT_TEXTS.get(find.lang, CONTACT_TEXTS["fr"])
    for e in entries:
        data = e.model_dump(exclude_none=True)
        new = names.get(data["by"]) or find.sub(data["by"])
        if new != data["by"]:
            data["by"] = new
            by += 1
        changed = contact = False
        for key in ("reason", "motivation"):  # the entry's free texts
            if key in data and (text := find.sub(data[key])) != data[key]:
                data[key] = text
                changed = True
            if key in data and (text := removed.sub(data[key], gone)) != data[key]:
                data[key] = text
                contact = True
        if changed:
            texts.append(e.seq)
        if contact:
            contacts.append(e.seq)
        purged.append(data)
    if entries[-1].kind == "purge" and not by and not texts and not contacts:
        return None  # already purged, nothing new to hide
    head_before = entries[-1].hash
    out: list[bytes] = []  # (joined once: += copies the journal at each entry)
    prev = GENESIS
    for data in purged:
        data["prev"] = prev
        data.pop("hash")
        data["hash"] = entry_hash(data)
        line = canonical(data)
        out += (line, b"\n")
        prev = sha256(line)
    # a French sentence, its date in words (« depuis le 1er mai 2026 »: date_words, as
    # every French text of isgrid writes a date); a journal written before kept the ISO
    # day, which the minutes put into words when they quote it
    data = {"seq": len(entries) + 1, "kind": "purge", "stage": "vote", "dossier": "*",
            "by": "isgrid call purge",
            "reason": (f"Purge des données personnelles (conservation {months} mois"
                       + (f" depuis le {date_words(start, 'fr')}" if start else "")
                       + ") ; tête de chaîne "
                       f"avant purge : {head_before}"),
            "at": today.isoformat(), "prev": prev,
            # every entry's hash before it was re-sealed: the head of signed minutes is
            # still found (journal verify --head; review audit, finding 10)
            "hashes_before": [e.hash for e in entries]}
    data["hash"] = entry_hash(data)
    out += (canonical(data), b"\n")
    return Resealed(b"".join(out), head_before, by, texts, contacts)
