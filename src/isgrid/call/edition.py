"""The next edition of a call: ``isgrid call init NEW --from OLD``, and the check that a
call's journal is not an earlier edition's.

A call folder holds two kinds of things.  Its **design** carries over from one edition to
the next: the grid and its local changes (``grid``, ``set``, ``add``, ``remove``), the money
(``budget``, ``funding``), the ``selection``, the blocks (``meeting``'s body and members,
``letters``, ``retention``, ``intake``, ``workspace``, ``dispositif``…) and the jury
(``assessors``: ids, names and roles, to check: who sits this year).  What belongs to last
year's **séance** does not: the journal, the ratings, the opinions, the recusals
(``conflicts:`` and ``conflicts/``), the ``consensus:``, the jurors' dossiers
(``assessors[].dossiers``, ``assignments.csv``), the dossiers, the letters and every output;
nor the séance's own facts in ``meeting`` (``interests``, ``left_room``, ``syntheses``,
members' ``present``), its dates (:data:`DATED`) and the letters' next steps written
for what followed it (:data:`FOLLOWING`), which are removed and said « to update ».
Copying the folder instead carried last year's consensus onto this year's ratings and last
year's recusal onto the new juror given the same id (docs/calls.md,
« Starting the next edition »).

:func:`other_edition_warnings`: journal entries dated (``--at``) more than
:data:`EDITION_GAP_DAYS` before the call's own first date (``meeting.date``, else
``meeting.vote.date``).  A call's instruction, from the dossiers' deposit to its jury,
takes weeks or a few months: a consensus, a withdrawal or a decision recorded half a year
before the séance is another edition's (a journal copied with the folder), or the call's
dates are last year's.  Entries without a date (``--at`` is optional: no clock is read)
cannot be told apart: the docs say so, and ``call init --from`` never copies a journal.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Collector, Diagnostic, Location, Message, UsageError
from ..messages import Plural

#: Keys of call.yaml (paths; ``*``: every item of a list) that are last year's séance:
#: removed from the new edition, said as left out.
SEANCE: tuple[tuple[str, ...], ...] = (
    ("conflicts",), ("consensus",), ("assessors", "*", "dossiers"),
    ("meeting", "interests"), ("meeting", "left_room"), ("meeting", "syntheses"),
    ("meeting", "members", "*", "present"),
)
#: The dates and references of last year's séance, vote and letters: removed from the
#: new edition, said « to update » with last year's value.
DATED: tuple[tuple[str, ...], ...] = (
    ("meeting", "date"), ("meeting", "vote", "date"), ("meeting", "vote", "reference"),
    ("meeting", "vote", "convention_date"), ("meeting", "attribuant", "dates_periode_versement"),
    ("letters", "date"), ("letters", "reference"), ("retention", "since"),
)
#: The texts written for what followed last year's séance: the letters' next steps per
#: outcome (« vous êtes convoqué(e) à une audition », « la convention vous sera adressée
#: avant le 30 juin »).  A call in two stages starts its second folder with ``--from`` its
#: first: the présélection's convocation then ended the final letters.  Removed, each one
#: said « to update » with last year's text (pasted back in one step when it still holds);
#: the letters say the catalogue's sentence until then.
FOLLOWING: tuple[tuple[str, ...], ...] = (("letters", "next_steps"),)
#: The ratings file a new edition starts with: the header alone (as ``call init`` writes
#: it in a folder that holds its dossiers), so that ``ratings/`` is there to fill.
RATINGS_HEADER = "dossier,assessor,criterion,value,comment\n"
#: Kept, but written for last year: said « to update ».
WORDED: tuple[str, ...] = ("title", "description")
#: Blocks emptied by the removals above are removed whole (``meeting: {}`` says nothing).
_EMPTIED = (("meeting", "vote"), ("meeting", "attribuant"), ("meeting",), ("letters",),
            ("retention",))
#: How long before the call's own first date a journal entry shows another edition.
EDITION_GAP_DAYS = 183


@dataclass
class NextEdition:
    """What ``call init --from`` did: the files written, the keys and files left out,
    what to update (key path, last year's value or None), the jury to check."""

    written: list[Path] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    not_copied: list[str] = field(default_factory=list)
    to_update: list[tuple[str, str | None]] = field(default_factory=list)
    jury: int = 0


def _paths(data: Any, path: tuple[str, ...], at: tuple[str, ...] = ()
           ) -> Iterator[tuple[Any, str, tuple[str, ...]]]:
    """(the mapping holding it, its key, its full path) for every place ``path`` names."""
    if not path or not isinstance(data, dict | list):
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _paths(item, rest, (*at, str(i)))
        return
    if not isinstance(data, dict) or head not in data:
        return
    if not rest:
        yield data, head, (*at, head)
    else:
        yield from _paths(data[head], rest, (*at, head))


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def next_edition(old: Path, new: Path, *, title: str | None = None,
                 lang: str | None = None) -> NextEdition:
    """Write the call folder ``new`` for the next edition of the call in ``old``: its
    call.yaml without last year's séance (:data:`SEANCE`, :data:`DATED`, :data:`FOLLOWING`),
    edited in place (comments and layout kept), the grid files the call reads from its
    folder, and a ``ratings/ratings.csv`` of the header alone (:data:`RATINGS_HEADER`).  Never
    overwrite: ``new`` must not exist.  ``title``, ``lang``: call.yaml's, else ``old``'s."""
    from ..errors import GridError
    from ..grid.load import find_grid_file, load_grid
    from ..io.folder import inside
    from ..io.write import write_files, writing
    from ..io.writelock import LOCK_NAME
    from ..io.yamledit import YamlEdit, YamlEditError, read_source
    from ..io.yamlio import parse_yaml
    from .config import read_config
    from .init import _make
    from .load import open_call_folder

    if os.path.lexists(new):
        raise UsageError(f"{new} exists", [Diagnostic(
            "output-exists", Message("{folder} already exists", folder=new),
            Location(str(new)), hint="Choose a new folder name: the next edition is a "
            "folder of its own, and nothing is ever written over.")])
    call_file = open_call_folder(old)
    diags = Collector()
    _, config = read_config(call_file, diags)  # a call.yaml isgrid refuses is not copied
    source = read_source(call_file)
    doc = parse_yaml(source.text, str(call_file), Collector())
    assert doc is not None and isinstance(doc.data, dict)  # read_config read it
    data = copy.deepcopy(doc.data)
    done = NextEdition()
    for path in SEANCE:
        for holder, key, where in list(_paths(data, path)):
            del holder[key]
            shown = ".".join("[]" if p.isdigit() else p for p in where).replace(".[]", "[]")
            if shown not in done.left_out:
                done.left_out.append(shown)
    if title is not None:
        data["title"] = title
    done.to_update += [(k, None) for k in WORDED if k in data and not (k == "title" and title)]
    for path in DATED:
        for holder, key, _where in list(_paths(data, path)):
            done.to_update.append((".".join(path), str(holder.pop(key))))
    for path in FOLLOWING:
        for holder, key, _where in list(_paths(data, path)):
            texts = holder.pop(key)
            if isinstance(texts, dict):
                done.to_update += [(".".join((*path, str(k))), str(v)) for k, v in texts.items()]
            else:
                done.to_update.append((".".join(path), str(texts)))
    for path in _EMPTIED:
        holder = _get(data, path[:-1]) if len(path) > 1 else data
        if isinstance(holder, dict) and holder.get(path[-1]) == {}:
            del holder[path[-1]]
    if lang is not None:
        data["lang"] = lang
    done.jury = len(config.assessors or [])
    try:
        edit = YamlEdit(source.text, str(call_file), source.encoding)
        edit.follow(data)
        text = source.encode(edit.result(data))
    except YamlEditError as exc:
        raise UsageError("call.yaml cannot be copied", [Diagnostic(
            "yaml-rewrite", exc.message, Location(str(call_file), exc.line, exc.column,
                                                  key_path=exc.key_path),
            hint="Copy call.yaml by hand and remove conflicts, consensus and the séance's "
                 "dates (docs/calls.md, « Starting the next edition »).")]) from None
    # the grid files the call reads in its folder (a grid of its own, its extends chain)
    # (a grid that no longer loads, a pinned version isgrid ships no more: its file is
    # copied all the same, and the new call's check says what is wrong with it)
    ref = config.grid
    root = old.resolve()
    try:
        found = [p.resolve() for p in load_grid(
            str(old / ref) if ref.endswith((".yaml", ".yml")) else ref, near=old).paths]
    except GridError:
        found = [p.resolve() for p in [find_grid_file(ref, old)] if p is not None]
    grids = [p for p in found if inside(root, p)]
    writes: list[tuple[Path, bytes, Path | None]] = [(new / "call.yaml", text, None)]
    for p in grids:
        writes.append((new / p.relative_to(root), p.read_bytes(), None))
    writes.append((new / "ratings" / "ratings.csv", RATINGS_HEADER.encode("utf-8"), None))
    copied = {"call.yaml", *(p.relative_to(root).parts[0] for p in grids)}
    done.not_copied = sorted(
        e.name + ("/" if e.is_dir() else "") for e in old.iterdir()
        if e.name not in copied and not e.name.startswith(".") and e.name != LOCK_NAME)
    made = _make(new)
    try:
        with writing(new):
            write_files(new, writes)
    except BaseException:
        for folder in made:
            try:
                folder.rmdir()
            except OSError:
                break
        raise
    done.written = [w[0] for w in writes]
    return done


def own_first_date(meeting: Any) -> dt.date | None:
    """The call's own first date: ``meeting.date``, else ``meeting.vote.date``."""
    if meeting is None:
        return None
    for text in (meeting.date, meeting.vote.date if meeting.vote is not None else None):
        if text:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                continue
    return None


def other_edition_warnings(call: Any) -> list[Diagnostic]:
    """One ``journal-other-edition`` warning when journal entries are dated more than
    :data:`EDITION_GAP_DAYS` before the call's own first date (:func:`own_first_date`),
    at the first such entry's line, with how many there are."""
    from .journal import journal_of, journal_path

    first = own_first_date(call.config.meeting)
    if first is None:
        return []
    limit = first - dt.timedelta(days=EDITION_GAP_DAYS)
    early = []
    for entry in journal_of(call):
        if entry.at is None or entry.kind == "purge":
            continue
        try:
            day = dt.date.fromisoformat(entry.at[:10])
        except ValueError:
            continue
        if day < limit:
            early.append((entry, day))
    if not early:
        return []
    entry, day = early[0]
    return [Diagnostic(
        "journal-other-edition",
        Plural("{n} journal entry is dated more than six months before the call's own "
               "date ({date}): entry {seq}, dated {at}; is this journal an earlier "
               "edition's?",
               "{n} journal entries are dated more than six months before the call's own "
               "date ({date}), the first: entry {seq}, dated {at}; is this journal an "
               "earlier edition's?", len(early),
               date=first.isoformat(), seq=entry.seq, at=day.isoformat()),
        Location(str(journal_path(call.folder)), line=entry.seq), severity="warning")]
