"""What ``isgrid decide`` warns about before it records a decision (``--strict``: nothing is
recorded): an unusual amount (:func:`unusual_amount`), a decision against isgrid's proposal
without a motivation (read on :func:`preview_decision`), a vote « retenu » recorded again at
another deliberation without a date (read as a confirmation, where a correction may be
meant: :func:`read_as_confirmation`), a vote whose date contradicts its deliberation's
(:func:`dates_contradicted`), a vote that names no deliberation (:func:`unreferenced_vote`).  Each reads the engine's rules and results, never its own
copy of them; the web apps can ask them as the command line does.

The warnings but the dates' are about the options, named in them: no file is at fault,
nothing is recorded yet (the dates' are located at the journal's line of the vote they
contradict).  A decision against the proposal without a motivation is the check of
:func:`isgrid.documents.incomplete.unmotivated` (what the applicant's letter would lack),
which ``isgrid call check`` and ``isgrid report --kind feedback`` ask of the decisions
recorded, at their journal lines.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..call.deliberations import date_warnings, deliberation_ref, journal_votes, main_vote_of
from ..call.journal import GENESIS, Entry, journal_of, journal_path
from ..call.model import Call
from ..errors import Diagnostic, Location, Message
from ..messages import Money, Naming, Share, as_option
from .money import dec, round_down
from .pipeline import score
from .result import Result
from .scenario import Scenario
from .status import confirmed_undated, deliberation_of


class Preview(NamedTuple):
    """The result as it will be once the decision is recorded as entry ``seq``."""

    result: Result
    seq: int


def preview_decision(call: Call, fields: dict[str, Any],
                     counts: tuple[int, int, int] | None) -> Preview:
    """Score the call with the decision added to the journal it read, before it is recorded:
    the engine says whether it overrides its proposal (one rule: the engine's)."""
    entries = journal_of(call)
    votes: dict[str, Any] = dict(zip(("votes_for", "votes_against", "abstentions"),
                                     counts or (None,) * 3, strict=True))
    entry = Entry.model_construct(seq=len(entries) + 1, prev=GENESIS, hash=GENESIS,
                                  **fields, **votes)
    return Preview(score(call, Scenario(journal=[*entries, entry])), entry.seq)


def unusual_amount(value: float, minimum: float | None, requested: float | None,
                   typed: str, *, cap: float | None = None, rate: float | None = None,
                   costs: float | None = None, step: float | int = 0.01,
                   naming: Naming = as_option) -> list[Diagnostic]:
    """Warnings for a granted amount below the call's minimum grant, above its cap per
    dossier (``cap``: ``funding.cap``), above its rate of the dossier's eligible costs
    (``rate`` × ``costs``, rounded down to ``step`` as the rules' amount is), or above what
    the dossier asked; about the option, named in them (no file is at fault: nothing is
    recorded yet).  The hint names a slip only when the amount typed (``typed``) could be
    one: « 12,5 » for 12 500 € (thousands written with a decimal comma), « 240 000 » for
    24 000 € (a zero too many).  ``naming``: how the messages name the amount and the
    motivation (the command line's « --amount »; :func:`isgrid.decide`'s « amount »)."""
    out = []
    amount_option = naming("amount")
    rules_hint = Message("Check the amount typed: if the vote departs from the call's rules "
                         "on purpose, there is nothing to do (say why with "
                         "{motivation_option}); otherwise record a new decision to correct it.",
                         motivation_option=naming("motivation"))
    if minimum is not None and value < minimum:
        meant = round(value * 1000, 2)
        out.append(Diagnostic("amount-unusual", Message(
            "{amount_option} {amount} is below the call's minimum grant ({minimum})",
            amount_option=amount_option, amount=Money(value), minimum=Money(minimum)), Location(),
            severity="warning",
            hint=Message("Check the amount typed ({typed} for {meant}?); record a new "
                         "decision to correct it.", typed=typed.strip(), meant=Money(meant))
            if 0 < value < 1000 and meant >= minimum else None))
    if requested is not None and value > requested:
        out.append(Diagnostic("amount-unusual", Message(
            "{amount_option} {amount} is more than the dossier asked ({requested})",
            amount_option=amount_option, amount=Money(value), requested=Money(requested)), Location(),
            severity="warning",
            hint=Message("Check the amount typed (a zero too many: {meant}?); record a new "
                         "decision to correct it.", meant=Money(round(value / 10, 2)))
            if value >= 10 * requested > 0 else
            Message("Check the amount typed: if the vote granted more than the dossier asked, "
                    "there is nothing to do; otherwise record a new decision to correct it.")))
    if cap is not None and value > cap:
        out.append(Diagnostic("amount-unusual", Message(
            "{amount_option} {amount} is above the call's cap per dossier ({cap})",
            amount_option=amount_option, amount=Money(value), cap=Money(cap)), Location(), severity="warning",
            hint=rules_hint))
    if rate is not None and costs is not None:
        ceiling = float(round_down(dec(rate) * dec(costs), step))
        if value > ceiling and (cap is None or ceiling < cap):
            out.append(Diagnostic("amount-unusual", Message(
                "{amount_option} {amount} is above the call's rate: {rate} of the "
                "dossier's eligible costs ({costs}) is {ceiling}",
                amount_option=amount_option, amount=Money(value),
                rate=Share(rate), costs=Money(costs), ceiling=Money(ceiling)), Location(),
                severity="warning", hint=rules_hint))
    return out


def read_as_confirmation(result: Result, dossier: str, reference: str | None, at: str | None,
                         naming: Naming = as_option) -> list[Diagnostic]:
    """A warning when the vote « retenu » about to be recorded for ``dossier`` (at the
    deliberation ``reference``, None: ``meeting.vote``'s, ``result.main_vote``; dated ``at``)
    will be read as confirming the vote that gave the dossier its place in ``result`` only
    for want of a date (:func:`isgrid.engine.status.confirmed_undated`, the engine's rule,
    which reads a vote at ``meeting.vote`` without ``--at`` as of ``meeting.vote.date``):
    the place and the list's adoption stay with the earlier vote, which a corrected
    ``--reference`` meant to replace.  The hint says how to record a correction (the
    options named by ``naming``: :func:`~isgrid.messages.as_option` or, from Python,
    :func:`~isgrid.messages.as_parameter`)."""
    main = result.main_vote
    mine = [x for x in result.decisions if x["dossier"] == dossier]
    found = confirmed_undated(mine, {"reference": reference, "at": at}, main)
    if found is None:
        return []
    words = {"dossier": dossier, "seq": found["seq"],
             "earlier": deliberation_ref(found.get("reference"), main.reference) or "meeting.vote",
             "reference": deliberation_ref(reference, main.reference) or "meeting.vote",
             "at_option": naming("at"), "reference_option": naming("reference")}
    theirs = deliberation_of(found, main)[1]
    if theirs is not None:  # this vote has no date
        message = Message("{dossier} is already selected by the vote at {earlier} (journal "
                          "entry {seq}): recorded at {reference} without {at_option}, this vote "
                          "will be read as confirming it at a later deliberation, not as "
                          "correcting it: the place stays given by {earlier} and the list's "
                          "adoption does not move", **words)
        hint = Message("To correct that vote instead (a mistyped {reference_option}), give "
                       "the deliberation's date: {at_day} (on that day or an earlier one, "
                       "this vote replaces it).", reference_option=naming("reference"),
                       at_day=naming("at", theirs))
    else:  # the earlier vote has none: a date given to this one alone is not enough
        message = Message("{dossier} is already selected by the vote at {earlier} (journal "
                          "entry {seq}), which has no date: this vote at {reference} will be "
                          "read as confirming it at a later deliberation, not as correcting "
                          "it: the place stays given by {earlier} and the list's adoption "
                          "does not move", **words)
        # its very reference again (none: none), or it would be another deliberation's
        options = (naming("reference", found["reference"]) if found.get("reference") is not None
                   else Message("without {reference_option}",
                                reference_option=naming("reference")))
        hint = Message("To correct that vote instead (a mistyped {reference_option}), date "
                       "it first: record it again ({options}) with {at_option} and the "
                       "deliberation's date, then this one with {at_option} the same day.",
                       options=options, reference_option=naming("reference"),
                       at_option=naming("at"))
    return [Diagnostic("vote-confirms", message, Location(), severity="warning", hint=hint)]


def unverified_refusal(result: Result, dossier: str, stage: str, outcome: str,
                       labels: dict[str, str] | None = None,
                       naming: Naming = as_option) -> list[Diagnostic]:
    """``decision-unverified``: a « non retenu » recorded at the jury stage for ``dossier``,
    which the engine computes « à vérifier » (its eligibility or amount still unknown) in
    ``result`` (the call before the decision).  The guide's rule: a deliberation cannot
    decide what nobody could verify, and the missing piece is asked for (CRPA L114-5: the
    administration asks the applicant for what an incomplete request lacks); a jury's
    refusal for a missing piece became, by the list's adoption, a final refusal whose only
    reason was a piece the applicant was never asked for (review recours, finding 11).
    ``labels``: the grid's facts' labels (:func:`isgrid.grid.facts.fact_labels`), by which
    the piece is named."""
    if stage != "jury" or outcome != "non retenu":
        return []
    d = result.dossier(dossier)
    if str(d.computed.status) != "à vérifier":
        return []
    unknown = [f.partition(":")[2] for f in d.flags if f.startswith("unknown:")]
    what = ", ".join((labels or {}).get(x, x) for x in unknown) or "-"
    return [Diagnostic("decision-unverified", Message(
        "{dossier} is still to check ({what}): a \"not selected\" at the jury stage refuses it "
        "for what nobody could verify, and once the list is adopted its letter reads as the "
        "deliberation's refusal", dossier=dossier, what=what), Location(),
        severity="warning", hint=Message(
            "Ask the applicant for the missing piece (CRPA L114-5) and record the jury's "
            "proposal as postponed ({outcome_option} ajourné) until it is checked; then "
            "record the decision taken on it ({stage_option} vote). If the piece was asked "
            "for and never came, say so in {motivation_option}.",
            outcome_option=naming("outcome"), stage_option=naming("stage"),
            motivation_option=naming("motivation")))]


def unreferenced_vote(dossier: str, reference: str | None,
                      naming: Naming = as_option) -> list[Diagnostic]:
    """``vote-unreferenced``: a vote about to be recorded with no deliberation's reference
    (``reference``: the entry's, ``--reference``'s or else ``meeting.vote.reference``'s,
    :func:`isgrid.journal._what_it_granted`): the minutes and the annex cannot name the
    deliberation that took it (until call.yaml gives ``meeting.vote.reference``)."""
    if reference is not None:
        return []
    return [Diagnostic("vote-unreferenced", Message(
        "the vote on {dossier} names no deliberation: neither {reference_option} nor "
        "meeting.vote.reference in call.yaml gives one, and the minutes cannot name it",
        dossier=dossier, reference_option=naming("reference")), Location(),
        severity="warning", hint=Message(
            "Give the deliberation's reference: {example}, or meeting.vote.reference in "
            "call.yaml for the votes of the séance (docs/decisions.md).",
            example=naming("reference", "CP-2026-06-02")))]


def dates_contradicted(call: Call, dossier: str, reference: str | None, at: str | None
                       ) -> list[Diagnostic]:
    """The ``deliberation-dates`` warnings that recording ``dossier``'s vote (at the
    deliberation ``reference``, dated ``at``) brings, with the journal line it will be: those
    of the journal with it (:func:`isgrid.call.deliberations.date_warnings`, the one check)
    that the loaded ``call``'s warnings do not already say (its loading checked the journal
    as it is, with that very function)."""
    entries = call.journal or ()
    vote = call.config.meeting.vote if call.config.meeting is not None else None
    said = [w for w in call.warnings if w.code == "deliberation-dates"]
    after = date_warnings(journal_votes(entries, (dossier, len(entries) + 1, reference, at)),
                          main_vote_of(vote, call.config.timezone), str(journal_path(call.folder)))
    return [w for w in after if w not in said]
