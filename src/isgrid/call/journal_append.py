"""Appending to the decisions journal (:mod:`.journal`, whose docstring says what an entry
holds and how the chain is sealed): :func:`append` checks the new entry's texts (real
text, ``at`` a real date), takes the journal's lock (:func:`locked`), reads and verifies
the whole chain, and writes the old bytes unchanged plus the new line atomically
(:func:`isgrid.io.write.atomic_write`).  A broken journal is never appended to.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import CallError, Diagnostic, Location, Message, Quote
from ..io.lockfile import NotAFile, open_lock_file
from ..io.lockfile import lock as lock_file
from ..io.lockfile import unlock as unlock_file
from ..io.write import atomic_write
from ..messages import Count
from ..validation import pydantic_message
from .inputstamp import stamp_fields
from .journal import (
    GENESIS,
    LOCK,
    MAX_LINE,
    Entry,
    cancel_problem,
    canonical,
    entry_hash,
    journal_path,
    not_a_file,
    sha256,
    valid_at,
    verify_bytes,
)


def _check_texts(data: dict[str, Any]) -> None:
    """Every text of a new entry is real text, and ``at`` a real date (or date-time).

    The texts are the command's options (named in the messages): the errors point at no
    file, the journal being untouched."""
    for key, val in data.items():
        if not isinstance(val, str):
            continue
        try:
            val.encode("utf-8")
        except UnicodeEncodeError:
            raise CallError(f"--{key} is not valid text", [Diagnostic(
                "bad-decision", Message("--{key} holds a character that is not text (a lone "
                                        "surrogate: was it typed in a terminal that is not UTF-8?)",
                                        key=key), Location(),
                hint="Set the terminal to UTF-8 (LANG=fr_FR.UTF-8) and type it again.")]) from None
    at = data.get("at")
    if at is not None and not valid_at(at):
        raise CallError("--at is not a date", [Diagnostic(
            "bad-decision", Message("--at {at} is not a date (YYYY-MM-DD) or a date-time",
                                    at=Quote(at[:40])),
            Location(), hint="For example --at 2026-03-14 or --at 2026-03-14T15:30.")])


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``.journal.lock`` (``flock``, ``msvcrt.locking`` on Windows:
    :func:`isgrid.io.lockfile.lock`), so two appends never interleave (nor an append and
    ``isgrid call purge``, which re-seals the whole journal)."""
    lock = folder / LOCK
    problem = not_a_file(lock)
    if problem is not None:
        raise CallError("the journal's lock is not a file", [problem])
    try:  # never follow a link, never block on a pipe, a regular file
        fd = open_lock_file(lock)
    except NotAFile:
        raise CallError("the journal's lock is not a file", [Diagnostic(
            "journal-invalid", Message("{path} is not a regular file",
                                       path=LOCK), Location(str(lock)),
            hint="Delete it; isgrid makes a new one.")]) from None
    except OSError as exc:
        raise CallError("the journal's lock cannot be opened", [Diagnostic(
            "journal-invalid", Message("cannot open {path}: {value}",
                                       path=LOCK, value=exc.strerror or exc), Location(str(lock)),
            hint="The call folder must be writable; .journal.lock an ordinary file.")]) from None
    try:
        lock_file(fd)
        yield
    finally:
        unlock_file(fd)
        os.close(fd)


def append(folder: Path | str, *, kind: str, dossier: str, by: str, reason: str,
           stage: str = "jury", criterion: str | None = None,
           value: float | int | str | None = None, outcome: str | None = None,
           amount: float | int | None = None, at: str | None = None,
           motivation: str | None = None,
           votes: tuple[int, int, int] | None = None,
           reference: str | None = None, cancels: int | None = None,
           grid: tuple[str, ...] | None = None,
           inputs: tuple[str, str, dict[str, str]] | None = None) -> Entry:
    """Append one entry to the call's journal and return it.

    The caller has checked the dossier, criterion and value against the call;
    here the entry's own shape is checked, then the chain, then the whole file
    is written atomically with the earlier bytes unchanged.  ``votes``:
    (pour, contre, abstentions) of a decision; ``reference``: the deliberation of a
    vote decision; ``cancels``: the entry a cancellation cancels; ``grid``: the grid the
    call is judged with (``<id>@<version>``, its hash, and the hash of what of it scores:
    :func:`isgrid.call.gridstamp.grid_stamp`), so that a later change of grid is
    told (:func:`isgrid.call.gridstamp.check_grid_unchanged`); ``inputs``: the fingerprints
    of the ratings and the dossiers it was judged on, each ratings file's sha256 (:func:`~.
    inputstamp.inputs_stamp`, :func:`~.inputstamp.stamp_fields`), to name a later edit.
    """
    folder = Path(folder)
    path = journal_path(folder)
    # checked before the lock is taken: a refused entry leaves the folder as it was
    _check_texts({"dossier": dossier, "by": by, "reason": reason, "stage": stage,
                  "criterion": criterion, "value": value, "outcome": outcome, "at": at,
                  "motivation": motivation, "reference": reference})
    with locked(folder):
        bad = not_a_file(path)
        if bad is not None:
            raise CallError("the decisions journal cannot be read; nothing was appended", [bad])
        old = path.read_bytes() if path.is_file() else b""
        entries, diags = verify_bytes(old, str(path))
        if diags:
            raise CallError("the decisions journal is broken; nothing was appended", diags)
        last = old.rstrip(b"\n").rsplit(b"\n", 1)[-1] if old else None
        data: dict[str, Any] = {
            "seq": len(entries) + 1, "kind": kind, "stage": stage, "dossier": dossier,
            "by": by, "reason": reason, "prev": sha256(last) if last is not None else GENESIS,
        }
        for key, val in (("criterion", criterion), ("value", value), ("outcome", outcome),
                         ("amount", amount), ("at", at), ("motivation", motivation),
                         ("reference", reference), ("cancels", cancels)):
            if val is not None:
                data[key] = val
        if votes is not None:
            data["votes_for"], data["votes_against"], data["abstentions"] = votes
        if grid is not None:
            data["grid"], data["grid_sha256"] = grid[0], grid[1]
            if len(grid) > 2:
                data["grid_scoring_sha256"] = grid[2]
        if inputs is not None:
            data.update(stamp_fields(inputs, entries))
        _check_texts(data)
        data["hash"] = entry_hash(data)
        try:
            entry = Entry.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise CallError("the entry is not valid", [Diagnostic(
                "bad-decision", Message("{where}: {error}", where=where,
                                        error=pydantic_message(first)), Location(str(path)))]) from None
        problem = entry.check_kind() or cancel_problem(entry, entries)
        if problem:
            raise CallError(problem, [Diagnostic("bad-decision", problem, Location(str(path)))])
        line = canonical(data)
        if len(line) > MAX_LINE:  # what the journal's reader would refuse: never written
            raise CallError("the entry is too long", [Diagnostic(
                "bad-decision", Message("the entry would be {size} bytes long, more than a "
                                        "journal line can hold ({max} bytes)",
                                        size=Count(len(line)), max=Count(MAX_LINE)),
                Location(), hint="Shorten --reason or --motivation: the journal records "
                "why, the documents hold the rest.")])
        atomic_write(path, old + line + b"\n")
    return entry
