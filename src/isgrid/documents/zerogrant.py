"""A vote « retenu » of 0 € already in a journal: no grant.

``isgrid decide`` refuses a « retenu » holding 0 € since session 21 (:mod:`isgrid.journal`,
docs/decisions.md §1, "A vote of 0 €"); a journal recorded before holds such votes as they
were.  The engine reads them as written (the dossier is retained, its ``amount_granted`` is
0): the minutes count it as retained.  A grant is money (SCDL Subventions' ``montant``,
« Montant total de la subvention attribuée »): the open-data export leaves these dossiers
out (:func:`isgrid.documents.opendata.scdl_rows`) and ``isgrid call check`` names the
journal's entry, the dossier and what to record instead (:func:`zero_grant_warnings`).  The
one rule, :func:`grants_nothing`, reads the amount the engine gives; nothing is recomputed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Diagnostic, Location, Message
from ..messages import Money
from .text import half_up

if TYPE_CHECKING:
    from ..call.model import Call
    from ..engine.dossier import DossierResult
    from ..engine.result import Result


def montant(amount: float | int) -> str:
    """An amount as the open-data export writes ``montant``: to the cent, rounded half up
    as every number a document writes (:func:`~isgrid.messages.half_up`)."""
    return half_up(float(amount), 2)


def grants_nothing(d: DossierResult) -> bool:
    """A vote granted the dossier (:attr:`~isgrid.engine.dossier.DossierResult.
    amount_granted`, None before a vote) an amount written 0.00 to the cent, as the export
    writes ``montant`` (:func:`montant`)."""
    granted = d.amount_granted
    return granted is not None and float(montant(granted)) == 0


def might_grant_nothing(call: Call) -> bool:
    """Whether the journal in effect holds a vote « retenu » that may hold 0 €: recorded
    with 0, or without an amount (an older journal: the amount the dossier holds is read
    at every rendering).  ``isgrid call check`` scores the call only then."""
    from ..call.journal import in_effect

    return any(e.kind == "decision" and e.stage == "vote" and e.outcome == "retenu"
               and not e.amount for e in in_effect(call.journal or ()))


def zero_grant_warnings(call: Call, result: Result) -> list[Diagnostic]:
    """One ``vote-zero-grant`` warning per dossier a standing vote retained with 0 €, at
    the journal's line of that vote (its ``seq``), with what to record instead."""
    from ..call.journal import journal_path

    file = str(journal_path(call.folder))
    said = []
    for d in sorted(result.dossiers, key=lambda d: d.id):
        vote = d.decision.stages.get("vote")
        if vote is None or not grants_nothing(d):
            continue
        said.append(Diagnostic(
            "vote-zero-grant",
            Message("entry {seq} of the journal records the vote \"selected\" of {dossier} "
                    "with {amount}: a dossier selected with no money is not a grant, and "
                    "isgrid export does not publish it", seq=vote.seq, dossier=d.id,
                    amount=Money(0)),
            Location(file, line=vote.seq),
            severity="warning",
            hint=Message("Cancel this entry (isgrid journal cancel CALL {seq} --by … --reason "
                         "…), then record what the deliberation decided: \"not selected\" "
                         "(isgrid decide CALL {dossier} --stage vote --outcome not-selected, "
                         "the applicant's words in --motivation), or the amount voted "
                         "(--outcome selected --amount …).", seq=vote.seq, dossier=d.id)))
    return said
