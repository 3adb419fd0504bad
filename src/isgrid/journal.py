"""Recording the séance: a decision, a withdrawal, a consensus value, a cancellation.

Each function here is one act of the séance, with every check it needs before the
call's journal (``journal.jsonl``, :mod:`isgrid.call.journal`) is written: the refusals
(an unknown dossier or criterion, a value already held, a dossier already withdrawn,
an entry that cannot be cancelled) raise :class:`~isgrid.errors.CallError` or
:class:`~isgrid.errors.UsageError` and write nothing; the warnings (an unusual amount, a
date the vote contradicts, a constraint it breaks, a decision without motivation...) are
said before the entry is written, to ``warn`` when given (raise in it to record
nothing: the command line's ``--strict``), and returned with what was recorded::

    call = isgrid.load_call("my-call")
    done = isgrid.decide(call, "D3", outcome="retenu", amount="15 000", stage="vote",
                         by="Board", reason="decision B-2026-04-117")
    done.entry.seq, done.after.dossier("D3").status, done.warnings

The commands ``isgrid decide``, ``withdraw``, ``consensus set`` and ``journal cancel``
are one call each to these functions (:mod:`isgrid.cli.decisions`,
:mod:`isgrid.cli.journal`), then word the :class:`Recorded` they return.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .call.gridstamp import grid_stamp
from .call.inputstamp import inputs_stamp
from .call.interested import by_interested_warning
from .errors import CallError, Diagnostic, Location, Message, Quote, UsageError
from .messages import Money, Naming, Quotes, as_parameter, did_you_mean

if TYPE_CHECKING:
    from .call.journal import Entry
    from .call.model import Call
    from .engine import Result

__all__ = ["Recorded", "cancel_entry", "check_reference", "decide", "set_consensus", "withdraw"]

#: what is told the warnings (a non-empty list of them), group by group, before the entry
#: is written: the command line's ``State.handle_warnings``
Warn = Callable[[list[Diagnostic]], None]


@dataclass(frozen=True)
class Recorded:
    """What one act of the séance recorded.

    ``entry``: the journal entry appended (its ``seq``, ``hash``...); ``before`` and
    ``after``: the call's typed results without it and with it (:class:`isgrid.Result`);
    ``warnings``: every warning said before it was written, in order; ``cancelled``: for
    a cancellation, the entry it cancels."""

    entry: Entry
    before: Result
    after: Result
    warnings: tuple[Diagnostic, ...] = ()
    cancelled: Entry | None = None


class _Said:
    """The warnings of one act: each group told to ``warn`` at once, all kept."""

    def __init__(self, warn: Warn | None) -> None:
        self.warn = warn
        self.all: list[Diagnostic] = []

    def __call__(self, diags: Sequence[Diagnostic]) -> None:
        diags = [d for d in diags if d.severity == "warning"]
        self.all.extend(diags)
        if diags and self.warn is not None:
            self.warn(diags)


def _as_now(call: Call) -> Call:
    """``call`` with its journal as the file holds it now: an act recorded since it was
    loaded (by this module on the same ``call``, or by another command) is counted by
    the checks and by the result before the next one.  The call itself is not changed."""
    import dataclasses

    from .call.journal import read_journal

    if call.journal is None:  # a Call built without load_call: its journal is read anew
        return call
    now = tuple(read_journal(call.folder))
    return call if now == call.journal else dataclasses.replace(call, journal=now)


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def known_dossier(call: Call, typed: str) -> str:
    """The call's dossier ``typed`` names, read as every typed id is
    (:func:`~isgrid.call.dossier_facts.typed_id`: « DN-214 » pasted with a space after it
    is DN-214); an unknown one is refused (exit 1) with the id it resembles."""
    from .call.dossier_facts import typed_id
    from .call.dossiers import dossier_places

    dossier = typed_id(typed)
    ids = [d.id for d in call.dossiers]
    if dossier not in set(ids):
        raise CallError("unknown dossier", [Diagnostic(
            "unknown-dossier", Message("the call has no dossier {dossier}",
                                       dossier=Quote(dossier)), Location(str(call.folder)),
            hint=did_you_mean(dossier, ids) or Message(
                "Check the dossier id against {places}.",
                places=dossier_places(call.folder, call.config)))])
    return dossier


def check_reference(reference: str | None, stage: str, naming: Naming = as_parameter
                    ) -> str | None:
    """A deliberation's reference, stripped; refused (:class:`UsageError`, exit 2) without
    the vote stage or when empty.  The command line checks it before it reads the call
    (``naming``: :func:`~isgrid.messages.as_option`, its messages name « --reference »;
    called from Python they name the parameter, « reference »)."""
    if reference is None:
        return None
    if stage != "vote":
        raise UsageError("reference needs the vote stage", [Diagnostic(
            "bad-option", Message("{reference_option} is a deliberation's reference: it is "
                                  "recorded with a vote, not at the {stage} stage",
                                  reference_option=naming("reference"), stage=stage),
            Location(),  # the options, named in the message
            hint=Message("Add {stage_vote} (the vote of the deliberation), or leave "
                         "{reference_option} out.", stage_vote=naming("stage", "vote"),
                         reference_option=naming("reference")))])
    if not reference.strip():
        raise UsageError("empty reference", [Diagnostic(
            "bad-option", Message("{reference_option} is empty",
                                  reference_option=naming("reference")), Location(),
            hint=Message("Give the deliberation's reference, for example {example}, or leave "
                         "{reference_option} out (meeting.vote's is then the dossier's).",
                         example=naming("reference", "CP-2026-06-02"),
                         reference_option=naming("reference")))])
    return reference.strip()


def _parse_votes(text: str, naming: Naming) -> tuple[int, int, int]:
    """``7/1/2`` (or ``7,1,2``, ``7-1-2``): pour, contre, abstentions (an error names
    the option or the parameter, not a file)."""
    import re

    m = re.fullmatch(r"\s*(\d{1,6})\s*[/,;-]\s*(\d{1,6})\s*[/,;-]\s*(\d{1,6})\s*", text)
    if m is None:
        raise CallError("bad votes", [Diagnostic(
            "bad-decision", Message("{votes_option} {value} is not three counts",
                                    votes_option=naming("votes"), value=Quote(text[:40])),
            Location(), hint=Message("Give for/against/abstentions, for example {example}.",
                                     example=naming("votes", "7/1/2")))])
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def _entry_checked(kind: str, stage: str, outcome: str | None = None) -> None:
    """The entry's stage and outcome, checked before anything is scored (as
    :func:`isgrid.call.journal_append.append` checks them): the command line's choices always
    pass; a program's ``outcome="selected"`` is refused, naming the words expected."""
    from pydantic import ValidationError

    from .call.journal import GENESIS, Entry
    from .validation import pydantic_message

    try:
        Entry.model_validate({"seq": 1, "kind": kind, "stage": stage, "dossier": "-",
                              "by": "-", "reason": "-", "prev": GENESIS, "hash": GENESIS,
                              **({"outcome": outcome} if outcome is not None else {})})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CallError("the entry is not valid", [Diagnostic(
            "bad-decision", Message("{where}: {error}",
                                    where=".".join(str(p) for p in first["loc"]),
                                    error=pydantic_message(first)), Location())]) from None


def decide(call: Call, dossier: str, *, outcome: str, by: str, reason: str,
           stage: str = "jury", amount: str | float | None = None,
           motivation: str | None = None, votes: str | tuple[int, int, int] | None = None,
           reference: str | None = None, at: str | None = None,
           warn: Warn | None = None, naming: Naming = as_parameter) -> Recorded:
    """Record the outcome of ``dossier`` at ``stage`` (``isgrid decide``).

    ``outcome``: ``retenu``, ``réserve``, ``non retenu`` or ``ajourné`` (a withdrawal is
    :func:`withdraw`'s: « retiré » is refused as the command line refuses it); ``amount``: the
    amount granted, a number or a text in the call's language (``"15 000"``);
    ``votes``: (for, against, abstentions) or a text ``"7/1/2"``; ``reference``: with the
    vote stage, the deliberation's reference.  A vote is written with what it granted
    when they are not given: ``meeting.vote``'s reference and date, and a « retenu »'s
    amount as the dossier holds it (:func:`_what_it_granted`).  Warned before it is written: an amount
    unusual for the dossier, a vote that names no deliberation, a date the vote contradicts, a correction read as a
    confirmation, a decision without motivation, a portfolio constraint it breaks."""
    from .call.journal import read_journal
    from .call.journal_append import append
    from .documents.incomplete import unmotivated
    from .engine import Scenario, score
    from .engine.decision_checks import (
        dates_contradicted,
        preview_decision,
        read_as_confirmation,
        unreferenced_vote,
        unusual_amount,
        unverified_refusal,
    )
    from .grid.facts import fact_labels
    from .io.numbers import parse_amount

    call = _as_now(call)

    _decision_outcome(outcome, naming)
    reference = check_reference(reference, stage, naming)
    dossier = known_dossier(call, dossier)
    value: float | None = None
    typed = amount if isinstance(amount, str) else ""
    if isinstance(amount, str):
        parsed = parse_amount(amount, call.config.lang or "fr")
        if parsed.value is None:
            raise CallError("bad amount", [Diagnostic(
                "bad-amount", Message("{amount_option} {problem}",
                                      amount_option=naming("amount"), problem=parsed.problem),
                Location(), hint=parsed.hint)])  # the option, named in the message
        value = parsed.value
    elif amount is not None:
        value = float(amount)
    counts = _parse_votes(votes, naming) if isinstance(votes, str) else votes
    if motivation is not None and not motivation.strip():
        raise CallError("empty motivation", [Diagnostic(
            "bad-decision", Message("{motivation_option} is empty",
                                    motivation_option=naming("motivation")), Location(),
            hint=Message("Give the words the applicant will read, or leave "
                         "{motivation_option} out.", motivation_option=naming("motivation")))])
    fields: dict[str, Any] = {
        "kind": "decision", "stage": stage, "dossier": dossier, "outcome": outcome,
        "amount": _num(value) if value is not None else None, "by": by, "reason": reason,
        "at": at, "motivation": motivation.strip() if motivation is not None else None,
        "reference": reference}
    _entry_checked("decision", stage, outcome)
    _nothing_granted(fields, naming)
    if stage == "vote":  # what the vote granted, sealed with it (docs/decisions.md §1)
        _what_it_granted(call, fields, counts)
        _nothing_granted(fields, naming, held=amount is None)
    said = _Said(warn)
    before = score(call)  # the typed results, read as they are (no JSON of every dossier)
    if value is not None and outcome == "retenu":  # a slip of the keyboard is said before
        # it is recorded; the amount voted is recorded as it is
        funding = call.config.funding
        costs = next((d.facts.get("eligible_costs") for d in call.dossiers
                      if d.id == dossier), None)
        said(unusual_amount(
            value, before.rules.minimum if before.rules is not None else None,
            before.dossier(dossier).amounts.requested, typed,
            cap=funding.cap if funding is not None else None,
            rate=funding.rate if funding is not None else None,
            costs=float(costs) if isinstance(costs, int | float)
            and not isinstance(costs, bool) else None,
            step=funding.round if funding is not None else 0.01, naming=naming))
    # recorded in the name of a member out of its deliberation (review recours, finding 1)
    said(by_interested_warning(call, dossier, by, "decision", naming("by")))
    # a jury's refusal of what nobody could verify yet (review recours, finding 11)
    said(unverified_refusal(before, dossier, stage, outcome, fact_labels(call.grid.grid),
                            naming))
    if stage == "vote":  # a date this vote contradicts is said at once, not next time
        said(unreferenced_vote(dossier, fields["reference"], naming))
        said(dates_contradicted(call, dossier, reference, at))
    if stage == "vote" and outcome == "retenu":  # a correction meant, a confirmation read?
        said(read_as_confirmation(before, dossier, reference, at, naming))
    preview = None
    if motivation is None or before.constraints is not None:
        preview = preview_decision(call, fields, counts)
    if motivation is None and preview is not None:
        said(unmotivated(preview.result, dossier, stage, naming=naming))
    if preview is not None:
        said(_broken(call, before, preview.result))
    entry = append(call.folder, votes=counts, grid=grid_stamp(call),
                   inputs=inputs_stamp(call), **fields)
    # the preview is the result of this very entry (its hashes aside, which no line below
    # reads), unless another entry was appended in between
    after = (preview.result if preview is not None and preview.seq == entry.seq
             else score(call, Scenario(journal=read_journal(call.folder))))
    return Recorded(entry, before, after, tuple(said.all))


#: a decision's outcomes (the journal's « retiré » is a withdrawal's: :func:`withdraw`), as
#: the command line offers them (``isgrid decide --outcome``)
DECISION_OUTCOMES = ("retenu", "réserve", "non retenu", "ajourné")


def _decision_outcome(outcome: str, naming: Naming) -> None:
    """Refuse an outcome no decision has (« retiré », « selected ») with the command line's
    words for a value not among its choices (:class:`UsageError`, exit 2)."""
    if outcome in DECISION_OUTCOMES:
        return
    raise UsageError("not a decision's outcome", [Diagnostic(
        "bad-option", Message("Invalid value for {name}: {problem}",
                              name=Quote(naming("outcome")), problem=Message(
                                  "{value} is not one of {choices}.", value=Quote(outcome),
                                  choices=Quotes(DECISION_OUTCOMES))),
        Location(), hint="A decision's outcome is one of these; a withdrawal is recorded "
                         "by its own act, withdraw().")])


def _nothing_granted(fields: dict[str, Any], naming: Naming, held: bool = False) -> None:
    """Refuse a « retenu » of 0 €, typed (``amount=0``) or, at the vote, the amount the
    dossier holds (``held``: :func:`_what_it_granted` wrote it): no grant, where the CP annex,
    the letter and the SCDL open data would publish one of 0 € (docs/decisions.md §1, "A vote
    of 0 €"); the decision meant is « non retenu »."""
    value = fields["amount"]
    if fields["outcome"] != "retenu" or value is None or value != 0:
        return
    said = (Message("the vote \"selected\" on {dossier} would grant {amount}, the amount the "
                    "dossier holds (the jury's, else the rules'): not a grant, but the CP annex, "
                    "the letter and the open data would publish one",
                    dossier=fields["dossier"], amount=Money(0)) if held else
            Message("{amount_option} {amount}: a dossier selected with no money is not a "
                    "grant, but the CP annex, the letter and the open data would publish a "
                    "grant of {amount}", amount_option=naming("amount"), amount=Money(0)))
    raise CallError("a grant of 0", [Diagnostic(
        "bad-amount", said, Location(),  # the options, named in the message
        hint=Message("If the deliberation did not fund the project, record \"not selected\" "
                     "({outcome_option}), why in {reason_option} and the applicant's words in "
                     "{motivation_option}; otherwise give the amount voted with "
                     "{amount_option}.", outcome_option=naming("outcome"),
                     reason_option=naming("reason"), motivation_option=naming("motivation"),
                     amount_option=naming("amount")))])


def _what_it_granted(call: Call, fields: dict[str, Any],
                     counts: tuple[int, int, int] | None) -> None:
    """Write into a vote's ``fields`` what it granted when the command did not say it, as
    the call gives it at this moment, so that the journal's chain holds it and no later
    edit of a file moves it: its deliberation, ``meeting.vote``'s reference without
    ``--reference``, and that deliberation's date, ``meeting.vote.date``, without ``--at``
    (only for ``meeting.vote``'s deliberation: another one's day is its ``--at``); for a
    « retenu », the amount the dossier holds with it (the jury's, else the rules'), without
    ``--amount``.  What the call cannot give (no ``meeting.vote``, an amount still unknown)
    stays out, and is read as before (docs/decisions.md §1, "What a vote granted")."""
    from .engine.decision_checks import preview_decision
    from .engine.status import main_vote

    main = main_vote(call.config)
    if fields["reference"] is None and main.reference is not None:
        fields["reference"] = main.reference
    if (fields["at"] is None and main.date is not None
            and fields["reference"] in (None, main.reference)):
        fields["at"] = main.date
    if fields["amount"] is None and fields["outcome"] == "retenu":
        granted = preview_decision(call, fields, counts).result.dossier(
            fields["dossier"]).amounts.granted
        if granted is not None:
            fields["amount"] = _num(granted)


def _broken(call: Call, before: Result, with_it: Result) -> list[Diagnostic]:
    """The portfolio constraints the decided selection met before an entry and no longer
    meets with it (``with_it``: the result with it, :func:`preview_decision`):
    ``constraint-broken`` warnings, said before it is recorded."""
    from .engine.portfolio import broken_by

    if before.constraints is None or with_it.constraints is None:
        return []
    return broken_by(before.constraints.decided, with_it.constraints.decided,
                     str(call.folder / "call.yaml"))


def withdraw(call: Call, dossier: str, *, by: str, reason: str, stage: str = "jury",
             at: str | None = None, warn: Warn | None = None) -> Recorded:
    """Record that ``dossier`` was withdrawn (``isgrid withdraw``): the engine proposes
    the first reserve dossier that fits in its place (``after.withdrawals``).  Refused
    when the journal already holds its withdrawal; warned before it is written: a
    portfolio constraint it breaks."""
    from .call.journal import in_effect, journal_of, read_journal
    from .call.journal_append import append
    from .engine import Scenario, score

    call = _as_now(call)

    dossier = known_dossier(call, dossier)
    _entry_checked("withdrawal", stage)
    last = next((e for e in reversed(in_effect(journal_of(call)))
                 if e.dossier == dossier and e.kind in ("decision", "withdrawal")), None)
    if last is not None and last.kind == "withdrawal":  # said « not selected » the 2nd time
        raise CallError("already withdrawn", [Diagnostic(
            "bad-decision", Message("{dossier} is already withdrawn (journal entry {seq})",
                                    dossier=dossier, seq=last.seq),
            Location(str(call.folder / "journal.jsonl")),
            hint="Nothing to record: the journal already holds the withdrawal.")])
    said = _Said(warn)
    before = score(call)
    if before.constraints is not None:  # a constraint it breaks
        from .engine.decision_checks import preview_decision

        said(_broken(call, before, preview_decision(call, {
            "kind": "withdrawal", "stage": stage, "dossier": dossier, "by": by,
            "reason": reason, "at": at}, None).result))
    entry = append(call.folder, kind="withdrawal", stage=stage, dossier=dossier, by=by,
                   reason=reason, at=at, grid=grid_stamp(call),
                   inputs=inputs_stamp(call))
    after = score(call, Scenario(journal=read_journal(call.folder)))
    return Recorded(entry, before, after, tuple(said.all))


def set_consensus(call: Call, dossier: str, criterion: str, value: str | float, *,
                  by: str, reason: str, at: str | None = None,
                  warn: Warn | None = None, naming: Naming = as_parameter) -> Recorded:
    """Record the committee's ``value`` of ``criterion`` for ``dossier`` (``isgrid
    consensus set``): it replaces the jurors' aggregate.  ``value``: as the scale writes
    it, in the call's language (``"2,5"`` in a French call), or a number.  Refused: an
    unknown criterion, a value not on its scale, the value the journal or call.yaml
    already holds; warned: a value the jurors' ratings already give, a ``by`` who stayed out
    of the dossier's deliberation (``naming``: how the messages name ``by``)."""
    from .call.journal import in_effect, journal_of, read_journal
    from .call.journal_append import append
    from .engine import Scenario, score
    from .grid.scales import levels_hint, parse_value
    from .messages import decimal_text, plain_number

    call = _as_now(call)

    dossier = known_dossier(call, dossier)
    g = call.grid.grid
    crits = {c.id: c for c in g.criteria()}
    where = Location()  # the command's own arguments: no file to point at
    if criterion not in crits:
        raise CallError("unknown criterion", [Diagnostic(
            "unknown-criterion", Message("the grid has no criterion {criterion}",
                                         criterion=Quote(criterion)), where,
            hint=did_you_mean(criterion, crits))])
    if not isinstance(value, str):
        value = decimal_text(plain_number(value), call.config.lang or "fr")
    parsed = parse_value(value, g.scales[sid := crits[criterion].scale], sid,
                         call.config.lang)
    if parsed.error or parsed.value is None:
        raise CallError("bad value", [Diagnostic(
            "bad-consensus", Message("consensus value: {value}",
                                     value=parsed.error or Message('no value')), where,
            hint=levels_hint(g.scales[sid]))])
    same = next((e for e in reversed(in_effect(journal_of(call))) if e.kind == "consensus"
                 and (e.dossier, e.criterion) == (dossier, criterion)), None)
    if same is not None and same.value == _num(parsed.value):  # the journal keeps all: once
        raise CallError("same value", [Diagnostic(
            "bad-consensus", Message("{criterion} of {dossier} is already {value} (journal "
                                     "entry {seq})", criterion=criterion, dossier=dossier,
                                     value=value, seq=same.seq), where,
            hint="Nothing to record: the journal already holds this value.")])
    if same is None:  # call.yaml's own consensus, when the journal has none for it
        from .call.load import consensus_values

        held = consensus_values(call.config, call.grid).get((dossier, criterion))
        if held is not None and held[0] is not None and held[0] == parsed.value:
            raise CallError("same value", [Diagnostic(
                "bad-consensus", Message("{criterion} of {dossier} is already {value} "
                                         "(call.yaml's consensus)", criterion=criterion,
                                         dossier=dossier, value=value),
                Location(str(call.folder / "call.yaml")),
                hint="Nothing to record: call.yaml already holds this value.")])
    said = _Said(warn)
    before = score(call)  # the typed results, read as they are (no JSON of every dossier)
    old = before.dossier(dossier).criteria[criterion].value
    if old is not None and abs(old - parsed.value) < 1e-9:  # said before it is sealed
        said([Diagnostic(
            "consensus-unchanged", Message(
                "{criterion} of {dossier} is already {value} by the jurors' ratings: the "
                "consensus changes nothing now, and keeps {value} whatever the ratings "
                "become", criterion=criterion, dossier=dossier, value=value), where,
            severity="warning", hint=Message(
                "Recorded: right when the committee confirms the jurors' value. If another "
                "value was meant, record it now (the latest consensus counts)."))])
    said(by_interested_warning(call, dossier, by, "consensus", naming("by")))
    entry = append(call.folder, kind="consensus", dossier=dossier, criterion=criterion,
                   value=_num(parsed.value), by=by, reason=reason, at=at,
                   grid=grid_stamp(call), inputs=inputs_stamp(call))
    after = score(call, Scenario(journal=read_journal(call.folder)))
    return Recorded(entry, before, after, tuple(said.all))


def cancel_entry(call: Call, seq: int, *, by: str, reason: str, at: str | None = None) -> Recorded:
    """Cancel journal entry ``seq``, recorded by mistake (``isgrid journal cancel``): it
    then counts for nothing, and stays in the journal (``Recorded.cancelled``).  Refused:
    an entry the journal does not have, one that is not a consensus, a decision nor a
    withdrawal, one already cancelled."""
    from .call.journal import CANCELLABLE, cancelled, journal_path, read_journal
    from .call.journal_append import append
    from .engine import Scenario, score

    call = _as_now(call)

    entries = read_journal(call.folder)
    where = Location(str(journal_path(call.folder)))
    if seq < 1 or seq > len(entries):
        raise CallError("no such entry", [Diagnostic(
            "bad-decision", Message("the journal has no entry {seq} (its last is entry {last})",
                                    seq=seq, last=len(entries))
            if entries else Message("the journal has no entry yet"), where,
            hint="`isgrid journal show` lists the entries with their numbers.")])
    target = entries[seq - 1]
    if target.kind not in CANCELLABLE:
        raise CallError("not cancellable", [Diagnostic(
            "bad-decision", Message("entry {seq} is not a consensus, a decision nor a "
                                    "withdrawal: it cannot be cancelled", seq=seq), where,
            hint="A cancellation recorded by mistake is undone by recording the cancelled "
                 "entry again (decide, withdraw or consensus set).")])
    gone = cancelled(entries)
    if seq in gone:
        raise CallError("already cancelled", [Diagnostic(
            "bad-decision", Message("entry {seq} is already cancelled (entry {by})",
                                    seq=seq, by=gone[seq]), where,
            hint="Nothing to record: the journal already holds the cancellation.")])
    before = score(call)
    entry = append(call.folder, kind="cancellation", stage=target.stage, dossier=target.dossier,
                   by=by, reason=reason, at=at, cancels=seq, grid=grid_stamp(call),
                   inputs=inputs_stamp(call))
    after = score(call, Scenario(journal=read_journal(call.folder)))
    return Recorded(entry, before, after, (), cancelled=target)
