"""A dossier's status and the call's summary: computed once, here.

:func:`status` is the only function that turns a dossier's facts (eligible,
complete, ranked, selected, on the reserve, decided) into one of the statuses
of docs/result.md; :func:`summary` counts them.  Flags are ordered here too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

# ``meeting.vote`` as :func:`main_vote` gives it (its reference and its date), re-exported
from ..call.deliberations import NO_MAIN_VOTE as NO_MAIN_VOTE
from ..call.deliberations import MainVote as MainVote
from ..call.deliberations import deliberation_at, main_vote_of
from ..vocabulary import Status


def incomplete(judged: bool, consensus_missing: bool) -> bool:
    """« incomplet » (stage 3): the judge says a needed value is missing (in the scored
    mode: no total), or a consensus the call requires (``require_consensus``) is missing:
    incomplete until the committee scores.  The pipeline's rule and the batch's
    (:meth:`.batch.Batch.with_consensus`), one place."""
    return judged or consensus_missing


def status(*, eligible: bool | None, incomplete: bool, rankable: bool, selecting: bool,
           amount_unknown: bool, selected: bool | None, reserve: bool,
           outcome: str | None = None) -> Status:
    """The status of a dossier; ``outcome`` (a decision, a withdrawal) wins over the rest."""
    if outcome is not None:
        return Status(outcome)
    if eligible is False:
        return Status.IRRECEVABLE
    if eligible is None:
        return Status.A_VERIFIER
    if incomplete:
        return Status.INCOMPLET
    if not rankable:
        return Status.NON_CLASSE
    if not selecting:
        return Status.CLASSE
    if amount_unknown:
        return Status.A_VERIFIER
    if selected is True:
        return Status.RETENU
    if reserve:
        return Status.RESERVE
    if selected is None:
        return Status.CLASSE
    return Status.NON_RETENU


def outcome_of(s: str) -> str | None:
    """A computed status as an outcome: what the engine proposes (None: it does not choose).

    None when the engine does not choose: no selection (``classé``), a tie at
    the line, or eligibility still to check.
    """
    if s in (Status.RETENU, Status.RESERVE, Status.NON_RETENU):
        return str(s)
    if s in (Status.IRRECEVABLE, Status.INCOMPLET, Status.NON_CLASSE):
        return str(Status.NON_RETENU)
    return None


#: The statuses whose dossiers the jury proposes for money (the list, the reserve, the
#: dossier still to check): only they have a « proposé » amount in the documents; the
#: others show what was requested.
PROPOSED_STATUSES = frozenset({Status.RETENU, Status.RESERVE, Status.A_VERIFIER})


def is_proposed(s: str) -> bool:
    """True when a dossier of status ``s`` is proposed for money (retenu, réserve, à vérifier)."""
    return s in PROPOSED_STATUSES


class Staged(Protocol):
    """A decision at one stage as the rules below read it (:class:`isgrid.engine.result.
    StageDecision`): its outcome."""

    @property
    def outcome(self) -> str: ...


def vote_stands(s: str, stages: Mapping[str, Staged]) -> bool:
    """True when a vote decided the dossier's status as it stands (``s``; ``stages``: its
    decision's stages): a ``vote`` stage is recorded and, for a dossier the selection holds
    (``retenu``), that vote retained it.  A dossier the vote put on the reserve (or
    refused) and then proposed in a place freed later holds a place no vote gave it: it
    awaits a vote of its own (its letter is a proposition, no deliberation's annex lists
    it).  The one reading of a ``vote`` stage: every rule below and every document use it."""
    vote = stages.get("vote")
    if vote is None:
        return False
    return s != Status.RETENU or vote.outcome == Status.RETENU


def awaiting_vote(s: str, stages: Mapping[str, Staged], voted: bool) -> bool:
    """True for a dossier of status ``s`` that the selection holds (``retenu``) but no vote
    retained (:func:`vote_stands`; ``stages``: its decision's stages), once a vote is
    recorded (``voted``): a replacement proposed after a withdrawal or a refusal (even one
    the vote had put on the reserve), or a dossier left out of the vote.  It is
    still a proposition: documents never speak of it as decided (DESIGN.md, "until a vote
    is recorded, documents for applicants speak of a proposition du jury")."""
    return voted and s == Status.RETENU and not vote_stands(s, stages)


#: A dossier as :func:`list_voted` reads it: its status, its decision's stages, the
#: dossier it was proposed in the place of (``decision.replaces``), or None, and the kind
#: of the journal entry that freed that place (``withdrawal`` or ``decision``: the
#: result's ``freed_places[].kind``), or None.
Seat = tuple[str, Mapping[str, Staged], str | None, str | None]


def hands_on_its_place(freed_by: str | None, status: str) -> bool:
    """True when the place a dossier was proposed in, freed by an entry of kind
    ``freed_by`` on a dossier now of status ``status``, is the place that dossier held,
    voted or not: only a **withdrawal** hands a place on (the applicant's act: the
    place the vote gave stays voted), and only while the withdrawn dossier is still
    withdrawn (reinstated, it holds its own place again).  A place a decision freed
    (``non retenu``, ``réserve``: the vote or the jury emptied it) is a place no vote
    gave: the dossier proposed in it waits for its own vote before the list is adopted."""
    return freed_by == "withdrawal" and status == Status.RETIRE


def tie_open(flags: Iterable[str], selected: bool | None) -> bool:
    """True for a dossier tied at the funding line (flag ``tie-at-line``, which stays: it
    is the proposal's) whose tie nobody settled yet: the engine
    (:func:`isgrid.engine.decide.decide`) leaves ``selected`` None for the members of a
    tie no decision settled (a withdrawal does not), and makes it True or False once a
    decision on one of them settled it, or one was proposed in a freed place.  The one
    reading of a settled tie: letters, the séance's « décisions à prendre » and the
    zone grise say « le jury doit départager » only while this holds."""
    return selected is None and "tie-at-line" in flags


def left_to_people(tied: Iterable[str], freed_at: int, retained_at: Callable[[str], int | None]
                   ) -> bool:
    """True while a place freed at journal entry ``freed_at`` (a refusal, a withdrawal)
    waits for people to choose between the dossiers ``tied`` for it (nobody proposed in
    it): until a decision recorded after that entry retains one of them
    (``retained_at(id)``: the entry of the decision that retains it, None if none does; a
    tied dossier refused or withdrawn is taken out and the place offered again to what is
    left, :func:`isgrid.engine.decide.decide`: ``tied`` is who is tied for it now, and
    nobody once a dossier is proposed in it).  The list is not adopted
    meanwhile (:func:`list_voted`): what the committee chooses may still change the
    reserve."""
    tied = list(tied)
    return bool(tied) and not any((at := retained_at(t)) is not None and at > freed_at
                                  for t in tied)


def list_voted(voted: bool, retained: Iterable[str], seat: Callable[[str], Seat],
               left_open: Callable[[], bool] = lambda: False) -> bool:
    """True once a vote decided every place of the list: each dossier the selection
    holds (``retained``, status ``retenu``) was voted, or was proposed in the place of a
    dossier that was voted and then withdrew (:func:`hands_on_its_place`; it still awaits
    its own vote, :func:`awaiting_vote`).  ``seat(id)``: that dossier's :data:`Seat`.

    False before any vote (``voted``), and while the vote is under way: the list is not
    adopted until each of its places was voted, nor while a choice at the line is left to
    people (``left_open``): a place freed that waits for people to choose between the
    dossiers tied for it (:func:`left_to_people`), or a tie at the funding line nobody
    settled (:func:`tie_open`).  Either way what the committee chooses may still change
    the reserve, which the list's adoption would decide.  ``left_open()`` is asked only
    once a vote was recorded (it reads every dossier's flags: a call before its séance
    does not pay for it)."""
    if not voted or left_open():
        return False
    for did in retained:
        seen = {did}
        status, stages, replaces, freed_by = seat(did)
        while not vote_stands(status, stages):
            if replaces is None or replaces in seen:
                return False
            seen.add(replaces)
            how = freed_by
            status, stages, replaces, freed_by = seat(replaces)
            if not hands_on_its_place(how, status):
                return False
    return True


def main_vote(config: Any) -> MainVote:
    """The call's ``meeting.vote`` (``config``: the call's configuration) as
    :func:`deliberation_of` reads it: its reference and its date, and the call's time zone
    (its ``timezone``), on whose calendar a vote's ``--at`` is dated."""
    meeting = getattr(config, "meeting", None)
    return main_vote_of(meeting.vote if meeting is not None else None,
                        getattr(config, "timezone", None))


def deliberation_of(vote: Mapping[str, Any], main: MainVote = NO_MAIN_VOTE
                    ) -> tuple[str | None, str | None]:
    """The deliberation a vote's journal entry records and its day: its ``--reference``,
    else ``meeting.vote``'s (``main``: :func:`main_vote`); its ``--at``'s day, else
    ``meeting.vote.date`` when the deliberation is ``meeting.vote``'s (docs/decisions.md,
    "Which dossiers a vote decides").  A vote recorded without ``--reference`` and one
    recorded with ``meeting.vote``'s reference are the same deliberation's.  The rule is
    :func:`isgrid.call.deliberations.deliberation_at`, which the ``deliberation-dates``
    warning and the annex's date read too."""
    return deliberation_at(vote.get("reference"), vote.get("at"), main)


def place_vote(mine: Sequence[Mapping[str, Any]], left: bool = False,
               main: MainVote = NO_MAIN_VOTE) -> Mapping[str, Any] | None:
    """The vote that gave a dossier the place it holds: of its journal entries (``mine``,
    the result's ``decisions`` of that dossier, in journal order), the last run of
    ``vote`` « retenu » that no withdrawal nor other vote broke (a decision of an earlier
    stage corrects that stage only), read by :func:`confirms`: its latest entry, unless
    that entry confirms at a later deliberation the place an earlier one gave.
    ``left``: the dossier withdrew since: the place it held before its last withdrawal.
    ``main``: ``meeting.vote`` (:func:`main_vote`).  None when no vote retained it."""
    found: Mapping[str, Any] | None = None
    for e in _place_run(mine, left):
        if found is None or not confirms(e, found, main):
            found = e
    return found


def _place_run(mine: Sequence[Mapping[str, Any]], left: bool = False
               ) -> list[Mapping[str, Any]]:
    """The last run of ``vote`` « retenu » of a dossier's entries ``mine`` that no
    withdrawal nor other vote broke, in journal order (:func:`place_vote`): its first
    entry is the vote that first gave the dossier the place it holds."""
    run: list[Mapping[str, Any]] = []
    for e in reversed(mine):
        if e["kind"] == "withdrawal":
            if left:
                left = False
                continue
            break
        if left or e["kind"] != "decision" or e["stage"] != "vote":
            continue
        if e["outcome"] != Status.RETENU:
            break
        run.append(e)
    return run[::-1]


def confirms(vote: Mapping[str, Any], earlier: Mapping[str, Any],
             main: MainVote = NO_MAIN_VOTE) -> bool:
    """True when ``vote``, a ``vote`` « retenu » recorded after ``earlier``, another one
    of the same dossier with no withdrawal nor other vote between, **confirms** it: it was
    taken by a later deliberation (an amount voted again at the next Commission
    permanente), so the place stays given by ``earlier`` and the list's adoption does not
    move.  It is, when it records another deliberation and a day after ``earlier``'s, or
    either day is unknown; each read by :func:`deliberation_of` (``main``:
    ``meeting.vote``, :func:`main_vote`): its ``--reference``, else ``meeting.vote``'s; its
    ``--at``, else ``meeting.vote.date`` for ``meeting.vote``'s deliberation.  Otherwise
    (the same deliberation, or the same day or an earlier one) it records ``earlier``'s
    vote again, corrected (a wrong ``--at``, a mistyped reference): the latest is the vote
    in effect, as the dossier's ``decision.stages.vote``, and its reference and date are
    the place's (:func:`place_vote`, :func:`adopting_vote`)."""
    reference, mine = deliberation_of(vote, main)
    theirs_reference, theirs = deliberation_of(earlier, main)
    if reference == theirs_reference:
        return False
    return mine is None or theirs is None or mine > theirs


def confirmed_undated(mine: Sequence[Mapping[str, Any]], vote: Mapping[str, Any],
                      main: MainVote = NO_MAIN_VOTE) -> Mapping[str, Any] | None:
    """The vote that ``vote``, a ``vote`` « retenu » about to be recorded after a dossier's
    entries ``mine`` (as :func:`place_vote` reads them), will be read as confirming
    (:func:`confirms`) only for want of a day: its own day or the earlier vote's is
    unknown (:func:`deliberation_of`: a vote at ``meeting.vote`` without ``--at`` has
    ``meeting.vote.date``; ``main``: :func:`main_vote`).  None when ``vote`` gives the
    place itself (the same deliberation: a correction; no run of « retenu » to confirm) or
    when both days are known (a later deliberation, read as it says).  ``isgrid decide``
    warns about it (``vote-confirms``): a mistyped reference recorded again without a date
    reads as a confirmation, and nothing tells which of the two the user means."""
    found = place_vote(mine, main=main)
    if found is None or not confirms(vote, found, main):
        return None
    if deliberation_of(vote, main)[1] is not None and deliberation_of(found, main)[1] is not None:
        return None
    return found


def adopting_vote(retained: Iterable[str], seat: Callable[[str], Seat],
                  history: Callable[[str], Sequence[Mapping[str, Any]]],
                  emptied: Iterable[Mapping[str, Any]], main: MainVote = NO_MAIN_VOTE,
                  whole_before: Callable[[int], bool] | None = None
                  ) -> Mapping[str, Any] | None:
    """The journal entry of the vote that adopted the list, once :func:`list_voted`: the
    vote of the list's last place **still to vote** (docs/fr/apres-la-seance.md §3): the
    latest, in journal order, of the votes that gave each of its places (``retained``; a
    place a withdrawal handed on, :func:`hands_on_its_place`, was voted with the dossier
    that held it: :func:`place_vote`) and of the votes that emptied one for good
    (``emptied``: a refusal at the vote with nobody proposed in its place), leaving out
    the places given (or emptied) once the list was already voted whole: a later
    deliberation that funds a reserve dossier with the money left, or refuses a laureate
    with nobody to take its place, decides that dossier only, not the others, which the
    list's adoption had decided (review audit, finding 2: a July grant re-dated the June
    letters).  ``whole_before(seq)``: whether the journal before entry ``seq`` had every
    place of the list voted (:func:`list_voted` on the journal up to ``seq - 1``; None:
    no place is left out).  Its deliberation decided the dossiers without a vote of their
    own (docs/decisions.md, "Which dossiers a vote decides").  ``history(id)``: that
    dossier's entries; ``main``: ``meeting.vote`` (:func:`main_vote`)."""
    # each place's vote, with the entry that first gave (or emptied) it
    votes: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = [(e, e) for e in emptied]
    for did in retained:
        seen = {did}
        status, stages, replaces, freed_by = seat(did)
        found = _placed(history(did), False, main) if vote_stands(status, stages) else None
        while replaces is not None and replaces not in seen:
            seen.add(replaces)
            how = freed_by
            status, stages, nxt, freed_by = seat(replaces)
            if not hands_on_its_place(how, status):
                break
            found = _placed(history(replaces), True, main) or found
            replaces = nxt
        if found is not None:
            votes.append(found)
    # the latest first: the first one whose place was still to vote when it was first given
    for vote, first in sorted(votes, key=lambda v: v[0]["seq"], reverse=True):
        if whole_before is None or not whole_before(first["seq"]):
            return vote
    return None


def _placed(mine: Sequence[Mapping[str, Any]], left: bool, main: MainVote
            ) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
    """The vote that gave a dossier its place (:func:`place_vote`) and the entry that
    first gave it (the first of its run), or None when no vote did."""
    run = _place_run(mine, left)
    found = place_vote(mine, left, main)
    return (found, run[0]) if run and found is not None else None


def adopted_in_time(votes: Iterable[Mapping[str, Any]], then: Callable[[int], bool]
                    ) -> Mapping[str, Any] | None:
    """The vote that adopted the list, judged by what was true at its deliberation, not
    by what the journal says since: of ``votes`` (the vote that gave the list's last
    place as it stands, :func:`adopting_vote`, then each later vote, in journal order),
    the first after which, the journal up to it, a vote had decided every place of the
    list and nothing at the line was left to people (``then(seq)``: :func:`list_voted`
    on the journal up to entry ``seq``).  None when there is none: a deliberation that
    left a tie at the line open did not adopt the list, and a withdrawal that settled
    the tie weeks later is no deliberation either (docs/decisions.md, "Which dossiers a
    vote decides"): the reserve stays a proposition until a later vote, which adopts it
    then."""
    return next((v for v in votes if then(v["seq"])), None)


def decided_by_vote(s: str, stages: Mapping[str, Staged], voted_list: bool) -> bool:
    """True when a dossier's status is a decision of the vote, False while it is a
    proposition of the jury (DESIGN.md: until a vote is recorded, documents for applicants
    speak of a proposition du jury).  ``s``: its status; ``stages``: its decision's
    stages; ``voted_list``: :func:`list_voted`.

    A dossier whose status a vote decided (:func:`vote_stands`) is decided by it.  Any
    other dossier
    the selection does not hold (réserve, non retenu, non classé, irrecevable, retiré...)
    is decided by the deliberation that adopted the list, once the list was voted: the
    list's adoption is what leaves it out (docs/decisions.md, "Which dossiers a vote
    decides").  A dossier the selection holds (``retenu``) that no vote decided is a
    proposition still (:func:`awaiting_vote`), and so is every dossier not voted while
    the vote is under way.  A dossier still to check (``à vérifier``: its eligibility or
    its amount unknown) is never decided by the list's adoption: the deliberation cannot
    have ruled on what nobody could check (its letter cites no deliberation); nor is a
    dossier ``classé``, on which the engine proposed nothing (a tie at the line nobody
    settled, or a call that selects nothing), nor a dossier ``ajourné``, which the
    committee put off to decide later (it frees no place, docs/decisions.md): only a
    decision of its own settles it."""
    return vote_stands(s, stages) or (voted_list and s not in _NOT_DECIDED_BY_THE_LIST)


#: The statuses that the adoption of the list does not decide (:func:`decided_by_vote`):
#: a retained dossier awaits its own vote, a dossier still to check is not ruled on, a
#: dossier classé had no proposal to adopt (a tie at the line, no selection), a dossier
#: ajourné waits for the later decision the committee postponed.
_NOT_DECIDED_BY_THE_LIST = frozenset({Status.RETENU, Status.A_VERIFIER, Status.CLASSE,
                                      Status.AJOURNE})


def summary(statuses: Iterable[str]) -> dict[str, int]:
    """How many dossiers per status, by status name."""
    # counted by Counter's loop in C (20,000 dossiers), a status and its name as one key
    # (a Status is equal to its value and hashes as it)
    return dict(sorted((str(s), n) for s, n in Counter(statuses).items()))


#: An ineligible dossier carries its eligibility flags, not the consequences of
#: nobody rating it (a list of incomplete:... flags would bury the reason).
NOISE_WHEN_INELIGIBLE = ("incomplete:", "renormalised:", "below-floor:", "below-threshold",
                         "disagreement:", "consensus-missing:", "ratings-missing:")

FLAG_ORDER = [
    "ineligible", "unknown", "consensus-missing", "incomplete", "renormalised", "below-floor",
    "below-threshold",
    "below-min-ratings", "ratings-missing", "disagreement", "conflict-excluded", "tie", "tie-broken",
    "tie-at-line", "tie-at-reserve-line", "skipped-budget", "below-minimum-grant", "partial-grant",
    "overridden",
]


class _FlagRank(dict[str, int]):
    """The position of a flag's kind in :data:`FLAG_ORDER`, computed once per flag text."""

    def __missing__(self, flag: str) -> int:
        head = flag.split(":", 1)[0]
        rank = self[flag] = (FLAG_ORDER.index(head) if head in FLAG_ORDER
                             else len(FLAG_ORDER))
        return rank


_FLAG_RANK = _FlagRank()


_FLAG_KEY = _FLAG_RANK.__getitem__


def sort_flags(flags: Iterable[str]) -> tuple[str, ...]:
    """Flags in the documented order of kinds (stable within a kind), without repeats."""
    if isinstance(flags, list) and len(flags) < 2:  # none or one: most dossiers
        return tuple(flags)
    ordered = sorted(flags, key=_FLAG_KEY)
    if len(ordered) < 2 or len(set(ordered)) == len(ordered):  # no repeats: most dossiers
        return tuple(ordered)
    return tuple(dict.fromkeys(ordered))
