"""The dates a deliberation is recorded with, in the journal: one deliberation, one date.

The vote in effect of each dossier (its latest at the vote stage: a vote recorded again
replaces it) recorded at a deliberation (``isgrid decide … --stage vote --reference REF --at
DATE``; without ``--reference``: ``meeting.vote``'s) carries that deliberation's date.  Two
votes of the same deliberation recorded with two different days contradict each other:
its annex cannot be dated (docs/decisions.md, "A later deliberation").
:func:`recorded_days` gives each day a deliberation's votes record, with their journal
lines; :func:`date_warnings` says each contradiction (``deliberation-dates``), read by
the call's loading (so ``isgrid call check`` and every command that loads the call), by
``isgrid decide`` for the vote it records (said at once, before it is recorded), and by
the annex, which states the dates it has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import Diagnostic, Location, Message
from .journal import Entry

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: a vote as :func:`recorded_days` reads it: its journal line (``seq``), the reference it
#: records (None: ``meeting.vote``'s) and its ``--at``
Dated = tuple[int, str | None, str | None]


def day(at: str | None) -> str | None:
    """The day (``YYYY-MM-DD``) of an ``--at`` date or date-time; None for none."""
    return at[:10] if at is not None and _DATE.match(at[:10]) else None


def recorded_days(votes: Iterable[Dated], main: str | None) -> dict[str, dict[str, list[int]]]:
    """Deliberation reference -> day -> the journal lines (``seq``) of the votes recorded
    at it with that day, in journal order; ``main``: ``meeting.vote``'s reference (a vote
    recording none is that deliberation's; skipped when the call names none)."""
    out: dict[str, dict[str, list[int]]] = {}
    for seq, reference, at in sorted(votes):
        ref, d = reference or main, day(at)
        if ref is not None and d is not None:
            out.setdefault(ref, {}).setdefault(d, []).append(seq)
    return out


def votes_in_effect(entries: Iterable[Entry], recorded: tuple[str, Dated] | None = None
                    ) -> list[Dated]:
    """Each dossier's latest vote in the journal ``entries``, as :func:`recorded_days`
    reads it (the vote the result's ``decision.stages.vote`` holds); ``recorded``: a vote
    about to be recorded (its dossier, and the vote), which replaces that dossier's."""
    latest: dict[str, Dated] = {}
    for e in entries:
        if e.kind == "decision" and e.stage == "vote":
            latest[e.dossier] = (e.seq, e.reference, e.at)
    if recorded is not None:
        latest[recorded[0]] = recorded[1]
    return list(latest.values())


def date_warnings(votes: Iterable[Dated], main: str | None, journal: str
                  ) -> list[Diagnostic]:
    """One warning per deliberation recorded with several days (``deliberation-dates``),
    naming each day and the first journal line that records it (``journal``: the
    journal's path, located at the line of the first vote with another day)."""
    diags = []
    for ref, days in recorded_days(votes, main).items():
        if len(days) < 2:
            continue
        told = ", ".join(f"{d} ({journal}:{lines[0]})" for d, lines in days.items())
        second = sorted(lines[0] for lines in days.values())[1]
        diags.append(Diagnostic(
            "deliberation-dates",
            Message("the deliberation {reference} is recorded with {n} different dates: "
                    "{dates}", reference=ref, n=len(days), dates=told),
            Location(journal, line=second), severity="warning",
            hint=Message("One deliberation has one date: its annex cannot be dated. Record "
                         "the vote with the wrong date again with the right one (isgrid "
                         "decide … --stage vote --reference {reference} --at YYYY-MM-DD).",
                         reference=ref)))
    return diags
