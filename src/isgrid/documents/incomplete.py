"""What a document would go out without, said before it is written (docs/decisions.md,
docs/reports.md).

* ``annex-holder-missing``: the CP annex (``isgrid minutes --kind cp-annex``, ``isgrid
  report --kind cp-annex``) lists dossiers whose holder it cannot name: their « Porteur »
  cell is a dash.  The annex goes to an elected assembly, which votes each grant to a
  beneficiary: the secretariat must know.  The rows are the annex's own
  (:func:`.minutes.build_minutes`), the holder the fact it reads
  (:func:`.annex.holder_fact`): one rule, never a second reading of the facts.
  ``isgrid call check`` says it too when the call names the vote (``meeting.vote``).
* ``letters-no-signatory``: the applicants' letters (``isgrid report --kind feedback``)
  are written without ``letters.signatory``: nobody signs them.
* ``decision-unmotivated``: a decision against isgrid's proposal without a motivation:
  its letter would not say why (:func:`unmotivated`; ``isgrid decide`` asks it of the
  decision it is about to record, ``call check`` and ``report --kind feedback`` of the
  decisions recorded).

:func:`call_warnings` is what ``isgrid call check`` says of a call's documents as the
call is now (it scores the call only when one of them needs the result).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ..call.dossiers import dossier_tables
from ..call.model import Call
from ..engine import Result
from ..errors import Diagnostic, Location, Message, Plural, Quote
from ..messages import Naming, as_option
from .annex import holder_fact, holder_of

#: The dossiers named in a message, at most (« DN-201, DN-202, … »).
SHOWN = 8


def holder_warnings(call: Call, result: Result, reference: str | None = None,
                    ) -> list[Diagnostic]:
    """An ``annex-holder-missing`` warning when the annex lists dossiers without their
    holder: all of them, or some (named)."""
    from .minutes import build_minutes

    # the annex's own rows: the dossiers it lists, each named or not (one reading)
    rows = build_minutes(call, result, "cp-annex", call.config.lang, None, reference)["rows"]
    missing = [r["id"] for r in rows if not r["named"]]
    if not missing:
        return []
    meeting = call.config.meeting
    fact = holder_fact(meeting.attribuant if meeting is not None else None)
    if len(missing) == len(rows):
        message: Message = Plural(
            "the CP annex lists {n} dossier and it has no holder (the fact {fact}): its "
            "holder cell is a dash",
            "the CP annex lists {n} dossiers and none has a holder (the fact {fact}): its "
            "holder column is a dash on every row", len(rows), fact=Quote(fact))
    else:
        message = Plural(
            "the CP annex lists {n} dossier without its holder (the fact {fact}): "
            "{dossiers}; its holder cell is a dash",
            "the CP annex lists {n} dossiers without their holder (the fact {fact}): "
            "{dossiers}; their holder cells are a dash", len(missing),
            dossiers=", ".join(missing[:SHOWN]) + (", …" if len(missing) > SHOWN else ""),
            fact=Quote(fact))
    declared = fact in call.grid.grid.facts
    if call.config.intake is not None:
        hint = Message(
            'Map the holder\'s column of the export under intake.facts in call.yaml '
            '(`{fact}: "<label of its column>"`{declare}) and run isgrid intake again; or '
            "write `{fact}: …` in each dossier's file.", fact=fact,
            declare="" if declared else Message(
                ", the fact declared under set: `facts.{fact}: {{type: string}}`", fact=fact))
    else:
        hint = _files_hint(call, fact, "" if declared else Message(
            "; declare the fact in call.yaml under set: `facts.{fact}: {{type: string}}`",
            fact=fact))
    return [Diagnostic("annex-holder-missing", message,
                       Location(str(call.folder / "call.yaml")), severity="warning",
                       hint=hint)]


def _files_hint(call: Call, fact: str, declare: str) -> Message:
    """Where to write the holder: the call's own sources of dossiers (review s16 guide,
    finding 9: a call read from dossiers.xlsx was told of dossiers.csv) -- each dossier's
    file (dossiers/<id>.yaml) and the tables :func:`isgrid.call.dossiers.dossier_tables`
    reads (dossiers.csv, dossiers.xlsx, or call.yaml's ``dossier_table.file``)."""
    tables = ", ".join(p.relative_to(call.folder).as_posix()
                       for p in dossier_tables(call.folder, call.config))
    if tables and not (call.folder / "dossiers").is_dir():
        return Message("Give a `{fact}` column to {tables}{declare}.", fact=fact,
                       tables=tables, declare=declare)
    if tables:
        return Message("Write `{fact}: …` in each dossier's file (dossiers/<id>.yaml), or give "
                       "a `{fact}` column to {tables}{declare}.", fact=fact, tables=tables,
                       declare=declare)
    return Message("Write `{fact}: …` in each dossier's file (dossiers/<id>.yaml){declare}.",
                   fact=fact, declare=declare)


def signatory_warnings(call: Call) -> list[Diagnostic]:
    """A ``letters-no-signatory`` warning when the letters have no signatory."""
    letters = call.config.letters
    if letters is not None and letters.signatory and letters.signatory.strip():
        return []
    return _letters_warning(
        call, "letters-no-signatory",
        Message("the letters are written without a signatory: call.yaml has no "
                "letters.signatory"),
        Message('Add to call.yaml:\n    letters:\n      signatory: "{example}"\n  (the '
                'name and quality of who signs; see docs/calls.md, "Letters to '
                'applicants").', example=SIGNATORY[call.config.lang])
        if letters is None else Message(
            'Add under letters: in call.yaml:\n      signatory: "{example}"\n  (the name and '
            'quality of who signs).', example=SIGNATORY[call.config.lang]))


def _letters_warning(call: Call, code: str, message: Message, hint: Message
                     ) -> list[Diagnostic]:
    """A warning about the letters' block of call.yaml: at ``letters`` when call.yaml has
    one, else at the file (:func:`signatory_warnings`, :func:`appeal_warnings`)."""
    return [Diagnostic(code, message, Location(
        str(call.folder / "call.yaml"),
        key_path="letters" if call.config.letters is not None else None),
        severity="warning", hint=hint)]


#: The example signatory of the hints, in the letters' words (the call's ``lang``): an
#: English call's letters ended with « La Présidente du Conseil régional » when its
#: secretariat copied the hint as told.
SIGNATORY = {"fr": "La Présidente du Conseil régional", "en": "The Programme Director"}


def appeal_warnings(call: Call, result: Result) -> list[Diagnostic]:
    """A ``letters-appeal-default`` warning when an English call's decided letters state
    the general means of appeal (``letter.appeal.general``, :func:`.letters.french_appeal`):
    call.yaml has no ``letters.appeal``, and the vote has decided every dossier (a
    proposal's letter states no appeal).  A French call's default is French law's."""
    from .letters import french_appeal

    letters = call.config.letters
    if french_appeal(call.config.lang) or (letters is not None and letters.appeal) \
            or not (result.voted and result.decided_count == len(result.dossiers)):
        return []
    return _letters_warning(
        call, "letters-appeal-default",
        Message("the decided letters state a general means of appeal, with no time limit: "
                "call.yaml has no letters.appeal"),
        Message('Write the routes and time limits of appeal that apply to your '
                'programme under letters: in call.yaml, `appeal: "…"` (see '
                'docs/calls.md, "Letters to applicants"); French administrative law\'s '
                "are the default of a French call only."))


def unmotivated(result: Any, dossier: str, stage: str,
                at: Location | None = None, naming: Naming = as_option) -> list[Diagnostic]:
    """A warning when ``dossier``'s decision at ``stage`` in ``result`` goes against what
    the engine proposed (its ``overridden`` flag, one rule: the engine's), has no
    motivation and is the decision the applicant's letter states: the dossier's decision in
    effect (``decision.seq``, the engine's :func:`isgrid.engine.decide.effective`), which
    the letter would state with no reason (``--reason`` stays internal).  A decision a later
    one replaced (a jury's « ajourné » before the vote's « non retenu »), or a withdrawal
    since, is not what the letter says: nothing to warn about.  The one check: ``isgrid
    decide`` asks it of the decision it is about to record (``at`` None: the options are at
    fault), :func:`unmotivated_in_journal` of the decisions recorded (``at``: the journal
    line).  ``naming``: how the options are named (:func:`isgrid.decide`: its parameters)."""
    decision = result.dossier(dossier).decision
    decided = decision.stages.get(stage)
    if (decided is None or not decided.overridden or decided.motivation
            or decided.seq != decision.seq):
        return []
    message = (Message("the decision on {dossier} goes against isgrid's proposal and has no "
                       "{motivation_option}: the applicant's letter will not say why",
                       dossier=dossier, motivation_option=naming("motivation"))
               if at is None else
               Message("the decision on {dossier} goes against isgrid's proposal as the call "
                       "is now and has no motivation: the applicant's letter will not say why",
                       dossier=dossier))
    return [Diagnostic("decision-unmotivated", message, at or Location(), severity="warning",
                       hint=Message('Record it again with the words the applicant will read: '
                                    '{motivation_option} "…" ({reason_option} stays internal).',
                                    motivation_option=naming("motivation"),
                                    reason_option=naming("reason")))]


def unmotivated_in_journal(call: Any, result: Any,
                           dossiers: Collection[str] | None = None) -> list[Diagnostic]:
    """:func:`unmotivated` for every decision of the journal (the latest of each dossier's
    stages, of ``dossiers`` only when given), at its journal line, in journal order.

    The engine judges « decided ≠ proposed » against the proposal of the call as it is now
    (docs/decisions.md): a budget raised after the séance can turn a decision that agreed
    with the proposal, recorded without a motivation, into one that goes against it."""
    from ..call.journal import journal_path

    path = str(journal_path(call.folder))
    found = sorted((decided.seq, d.id, stage) for d in result.dossiers
                   if dossiers is None or d.id in dossiers
                   for stage, decided in d.decision.stages.items())
    return [w for seq, did, stage in found
            for w in unmotivated(result, did, stage, Location(path, line=seq))]


def call_warnings(call: Call) -> list[Diagnostic]:
    """What ``isgrid call check`` says of the call's documents as the call is now: the
    decisions recorded without a motivation that go against the proposal (a budget raised
    after the séance can turn one that agreed with it), and, when the call names its vote
    (``meeting.vote``), an annex that would not name its beneficiaries.  The call is scored
    only when one of them needs the result: a decision without a motivation, or a dossier
    without its holder (a national call's check stays a check)."""
    from ..call.journal import in_effect

    unmotivated_ = any(e.kind == "decision" and not e.motivation
                       for e in in_effect(call.journal or ()))
    meeting = call.config.meeting
    # an annex row lacks its holder only if some dossier has none: checked on the facts
    # first, so that a call whose dossiers all name theirs is not scored for it
    annexed = meeting is not None and meeting.vote is not None and any(
        not holder_of(d.facts, meeting) for d in call.dossiers)
    if not (unmotivated_ or annexed):
        return []
    from ..engine import score

    result = score(call)
    return [*(unmotivated_in_journal(call, result) if unmotivated_ else []),
            *(holder_warnings(call, result) if annexed else [])]
