"""The journal's decisions and withdrawals, applied to the jury's proposal.

DESIGN.md, "Decisions, stages and statuses"; docs/decisions.md.

Which decision counts (the *effective* one, :func:`effective`): entries are
read in journal order; a later entry replaces the current one unless it
belongs to an earlier stage (a jury decision recorded after the vote corrects
the jury's record, not the vote).  A withdrawal always applies; a decision
recorded after a withdrawal reinstates the dossier.

The state after each entry (:meth:`isgrid.engine.replay.Replay.state`) is what the
documents state:

* a dossier decided ``retenu`` holds its granted amount (the decision's amount,
  else an earlier ``retenu`` decision's, else the proposed amount);
* a dossier the proposal selected and nobody decided keeps its place;
* a **place freed** -- a withdrawal of a retained dossier, or a refusal (a
  decision ``non retenu`` or ``réserve`` that takes effect on a dossier retained
  just before it) -- frees its money and the selection walk
  (:func:`isgrid.engine.select.walk`, the same as the proposal's) runs over the
  reserve, never the dossier that freed the place, with the others held and room
  for one more dossier: the first reserve dossier, in rank order, that fits the
  money left is proposed in the freed place (``replaces``); a tie at the head of
  what fits is left to people (``tied``) -- but the tie at the line nobody settled,
  with a budget, is taken whole when all its members fit the money left (never some
  of them, never a reserve dossier beside them) -- until a decision retains one of them: one of
  them refused (or withdrawn) is taken out and the place offered again, by the same
  walk, to what is left (``offered_at``; each offer in ``offers``, the decision that
  settled the tie in ``settled``); ``ajourné`` frees no place (it keeps it for
  the committee: a refusal after it frees it);
* the **tie at the line** (:meth:`~isgrid.engine.replay.Replay.settle_line`;
  ``line_tie``): after each decision on one of the tied, its withdrawal, or an entry that
  put some of them in a freed place, the proposal's walk runs again over the tied still
  in the running; it stays open while they cannot all be taken, else that decision settled it;
* the **reserve** is recomputed after the journal, in rank order, among the
  ranked dossiers neither selected nor decided, one decided ``réserve`` counting
  in the list's length where its rank puts it and staying on it beyond: a dossier
  tied at the line whose tie was settled by a decision on another member heads it;
* a stage decision differing from what the engine proposed for the dossier
  (after replacements) is flagged ``overridden:<stage>``; settling a tie or an
  unknown eligibility is not an override (the engine had not chosen).  The proposal is
  today's (the call's files as they are, replayed through the journal up to the
  decision): the journal records none, so a raised budget can make a refusal recorded
  while the dossier was tied an override (docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..call.journal import Entry
from .journaled import (
    Decided,
    Journal,
    Journaled,
    Proposed,
    effective,
    entry_view,
    granted_amount,
    journaled,
)
from .replay import Replay, Spent, line_tie_of
from .result import Decision
from .select import Candidate, Rules

__all__ = ["Decided", "Journaled", "Proposed", "decide", "effective", "entry_view",
           "granted_amount"]


def decide(proposal: Sequence[Proposed], cands: Sequence[Candidate], rules: Rules,
           entries: Sequence[Entry], facts: Mapping[str, Mapping[str, Any]]) -> Journaled:
    """Apply the journal's decisions and withdrawals to the proposal (module docstring).

    A freed place is offered only the money left after every grant decided: a decision
    retaining, later in the journal, a dossier that held no place then (a vote retaining a
    reserve dossier nobody proposed, one put outside the proposal by facts changed since)
    spends its grant before any offer recorded ahead of it is made (``spent``).  Which
    decisions those are depends on who the offers proposed (a dossier proposed in a place,
    then voted, held it): the journal is replayed with them until no other turns up (once
    in a call where no decision retains a dossier after a place was offered)."""
    spent: dict[str, tuple[int, float]] = {}
    while True:
        journaled_, outside, offered = _replay(proposal, cands, rules, entries, facts, spent)
        more = {i: x for i, x in outside.items() if i not in spent
                and any(seq < x[0] for seq in offered)}
        if not more or rules.budget is None:
            return journaled_
        spent.update(more)


def _replay(proposal: Sequence[Proposed], cands: Sequence[Candidate], rules: Rules,
            entries: Sequence[Entry], facts: Mapping[str, Mapping[str, Any]], spent: Spent
            ) -> tuple[Journaled, dict[str, tuple[int, float]], list[int]]:
    """:func:`decide` with the grants ``spent`` ahead of the offers recorded before the
    decisions that made them; also returns the dossiers a decision retained while they held
    no place (``outside``, what ``spent`` reads) and the seqs of the entries that offered a
    place (``offered``): :class:`~isgrid.engine.replay.Replay`'s."""
    journal = Journal(entries, {p.id for p in proposal})
    if journal.entries:
        return Replay(proposal, cands, rules, journal, entries, facts, spent).run()
    # Nothing recorded (every call before its séance, and every analysis): each dossier
    # keeps the proposal, and shares one frozen Decided per reading of it.  This is what
    # the replay gives then, without its per-dossier walk through the journal nor the
    # readings it carries from entry to entry (time at national scale: 20,000 dossiers'
    # readings and 6,000 places' money, unread).
    same: dict[tuple[str | None, bool | None, bool], Decided] = {}
    kept: dict[str, Decided] = {}
    for p in proposal:
        key = (p.outcome, p.selected, p.reserve)
        d = same.get(key)
        if d is None:
            d = same[key] = Decided(None, p.selected, p.reserve, None,
                                    Decision(computed=p.outcome, proposed=p.outcome),
                                    (), False)
        kept[p.id] = d
    return journaled(proposal, kept, rules, journal, [], [], entries,
                     line_tie_of(proposal)), {}, []
