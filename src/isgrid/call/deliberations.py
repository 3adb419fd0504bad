"""The dates a deliberation is recorded with, in the journal: one deliberation, one date.

A vote recorded at a deliberation (``isgrid decide … --stage vote --reference REF --at
DATE``; without ``--reference``: ``meeting.vote``'s) carries that deliberation's date: its
``--at``, else ``meeting.vote.date`` when the deliberation is ``meeting.vote``'s
(:func:`deliberation_at`, the one rule, read here and by
:func:`isgrid.engine.status.deliberation_of`).  The
votes a deliberation took are each dossier's latest vote at it (:func:`deliberation_days`):
a vote recorded again at the same deliberation replaces the earlier one, and a vote the
dossier was given since at another deliberation does not (the first took its vote all the
same: its annex is its record, docs/decisions.md, "A later deliberation").  Two votes of
one deliberation recorded with two different days contradict each other: its annex cannot
be dated.  :func:`deliberation_days` gives each day a deliberation's votes record, with
their journal lines: the one set that :func:`date_warnings` (``deliberation-dates``, read
by the call's loading, so ``isgrid call check`` and every command that loads the call, and
by ``isgrid decide`` for the vote it records, said at once, before it is recorded) and the
annex's date (:func:`isgrid.documents.deliberation.deliberation_dates`) read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from ..errors import Diagnostic, Location, Message
from ..io.moments import moment_day
from .journal import Entry, in_effect


class MainVote(NamedTuple):
    """``meeting.vote`` as :func:`deliberation_at` reads it: its ``reference`` and its
    ``date`` (``YYYY-MM-DD``), each None when the call gives none, and the call's time
    zone (call.yaml's ``timezone``), on whose calendar a vote's ``--at`` is dated
    (:func:`day`; None: as written)."""

    reference: str | None
    date: str | None
    zone: str | None = None


NO_MAIN_VOTE = MainVote(None, None)

#: a vote as :func:`deliberation_days` reads it: its dossier, its journal line (``seq``), the
#: reference it records (None: ``meeting.vote``'s) and its ``--at``
Recorded = tuple[str, int, str | None, str | None]


def day(at: str | None, zone: str | None = None) -> str | None:
    """The day (``YYYY-MM-DD``) of an ``--at`` date or date-time on the call's calendar
    (``zone``: call.yaml's ``timezone``; ``--at 2026-03-14T23:30Z`` is 15 March in Paris):
    :func:`isgrid.io.moments.moment_day`, the one rule; None for none."""
    return moment_day(at, zone)


def deliberation_ref(reference: str | None, main: str | None) -> str | None:
    """The deliberation a vote was recorded at: its ``--reference``, else ``meeting.vote``'s
    (``main``).  The one rule: :func:`deliberation_days` and
    :func:`isgrid.engine.status.deliberation_of` read it."""
    return reference if reference is not None else main


def meeting_vote(reference: str | None, date: str | None, zone: str | None = None
                 ) -> MainVote:
    """``meeting.vote`` (its ``reference`` and ``date``) as :func:`deliberation_at` reads it,
    in the call's time zone ``zone``."""
    return MainVote(reference, day(date, zone), zone)


def main_vote_of(vote: Any, zone: str | None) -> MainVote:
    """call.yaml's ``meeting.vote`` (a :class:`~isgrid.call.meeting_models.Vote`, or None) as
    :func:`deliberation_at` reads it, its votes dated on the calendar of ``zone`` (the
    call's ``timezone``): the one place it is read so."""
    if vote is None:
        return MainVote(None, None, zone)
    return meeting_vote(vote.reference, vote.date, zone)


def deliberation_at(reference: str | None, at: str | None, main: MainVote = NO_MAIN_VOTE
                    ) -> tuple[str | None, str | None]:
    """The deliberation a vote recording ``reference`` (its ``--reference``, None for none)
    and ``at`` (its ``--at``) was taken at, and its day: its reference, else
    ``meeting.vote``'s (:func:`deliberation_ref`; ``main``: ``meeting.vote``,
    :func:`meeting_vote`); its ``--at``'s day, else ``meeting.vote.date`` when the
    deliberation is ``meeting.vote``'s (None when unknown: another deliberation's vote
    without ``--at``, or ``meeting.vote`` without a date).  The one rule:
    :func:`deliberation_days` (the ``deliberation-dates`` warning, the annex's date) and
    :func:`isgrid.engine.status.deliberation_of` read it.  A day is the call's
    (:func:`day`, in ``main``'s zone)."""
    ref, when = deliberation_ref(reference, main.reference), day(at, main.zone)
    if ref == main.reference and when is None:
        when = day(main.date, main.zone)
    return ref, when


def deliberation_days(votes: Iterable[Recorded], main: MainVote
                      ) -> dict[str, dict[str, list[int]]]:
    """Deliberation reference -> day -> the journal lines (``seq``) of the votes it took
    with that day, in journal order: of ``votes``, each dossier's latest at each
    deliberation (the module's docstring), each dated by :func:`deliberation_at` (a vote
    of ``meeting.vote``'s deliberation recorded without ``--at``: ``meeting.vote.date``);
    ``main``: ``meeting.vote`` (:func:`meeting_vote`; a vote recording no reference is
    its deliberation's, skipped when the call names none)."""
    latest: dict[tuple[str, str], Recorded] = {}
    for v in sorted(votes, key=lambda x: x[1]):
        ref = deliberation_ref(v[2], main.reference)
        if ref is not None:
            latest[(v[0], ref)] = v
    out: dict[str, dict[str, list[int]]] = {}
    for (_dossier, ref), (_d, seq, own, at) in sorted(latest.items(), key=lambda x: x[1][1]):
        d = deliberation_at(own, at, main)[1]
        if d is not None:
            out.setdefault(ref, {}).setdefault(d, []).append(seq)
    return out


def journal_votes(entries: Iterable[Entry], recorded: Recorded | None = None
                  ) -> list[Recorded]:
    """Every vote of the journal ``entries``, as :func:`deliberation_days` reads them;
    ``recorded``: a vote about to be recorded, after them (a cancelled vote was never
    taken: :func:`~isgrid.call.journal.in_effect`)."""
    out: list[Recorded] = [(e.dossier, e.seq, e.reference, e.at) for e in in_effect(list(entries))
                           if e.kind == "decision" and e.stage == "vote"]
    return out if recorded is None else [*out, recorded]


def _decided_since(votes: list[Recorded], seqs: Iterable[int]
                   ) -> list[tuple[Recorded, Recorded]]:
    """Of the votes at journal lines ``seqs`` (one deliberation's, each its dossier's latest
    there), those the same dossier's later vote followed (another deliberation's: it
    decided the dossier since), each with its dossier's latest vote (``Recorded``)."""
    by_seq = {v[1]: v for v in votes}
    latest: dict[str, Recorded] = {}
    for v in sorted(votes, key=lambda x: x[1]):
        latest[v[0]] = v
    out = []
    for seq in sorted(seqs):
        v = by_seq[seq]
        last = latest[v[0]]
        if last[1] > seq:
            out.append((v, last))
    return out


def date_warnings(votes: Iterable[Recorded], main: MainVote, journal: str
                  ) -> list[Diagnostic]:
    """One warning per deliberation whose votes (:func:`deliberation_days`) record several
    days (``deliberation-dates``), naming each day and the first journal line that records
    it (``journal``: the journal's path, located at the line of the first vote with another
    day); ``main``: ``meeting.vote`` (:func:`meeting_vote`).  Its hint says to record the
    wrong one again with the right date, unless another deliberation decided its dossier
    since: recorded again, the old vote would be the dossier's latest, its decision; then
    it says which votes those are and to record the later deliberation's vote again after
    the correction (docs/decisions.md, "A later deliberation")."""
    votes = list(votes)
    diags = []
    for ref, days in deliberation_days(votes, main).items():
        if len(days) < 2:
            continue
        told = ", ".join(f"{d} ({journal}:{lines[0]})" for d, lines in days.items())
        second = sorted(lines[0] for lines in days.values())[1]
        since = _decided_since(votes, (s for lines in days.values() for s in lines))
        hint = Message("One deliberation has one date: its annex cannot be dated. Record "
                       "the vote with the wrong date again with the right one (isgrid "
                       "decide … --stage vote --reference {reference} --at YYYY-MM-DD).",
                       reference=ref)
        if since:
            later = "; ".join(
                f"{v[0]}, {journal}:{v[1]} \u2192 "
                f"{deliberation_ref(last[2], main.reference) or 'meeting.vote'}, "
                f"{journal}:{last[1]}" for v, last in since)
            hint = Message("One deliberation has one date: its annex cannot be dated. Record "
                           "the vote with the wrong date again with the right one (isgrid "
                           "decide … --stage vote --reference {reference} --at YYYY-MM-DD). "
                           "Another deliberation decided since a dossier voted there "
                           "({later}): if the wrong vote is its vote at {reference}, "
                           "recorded again it becomes the dossier's latest vote, its "
                           "decision; record that deliberation's vote again right after it, "
                           "as it was (its outcome, --reference, --at, --amount, --votes).",
                           reference=ref, later=later)
        diags.append(Diagnostic(
            "deliberation-dates",
            Message("the deliberation {reference} is recorded with {n} different dates: "
                    "{dates}", reference=ref, n=len(days), dates=told),
            Location(journal, line=second), severity="warning", hint=hint))
    return diags
