"""What ``isgrid decide`` warns about before it records a decision (``--strict``: nothing is
recorded): an unusual amount, a decision against isgrid's proposal without a motivation.

The warnings are about the options, named in them: no file is at fault, nothing is
recorded yet.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..errors import Diagnostic, Location, Message
from ..messages import Money


class Preview(NamedTuple):
    """The result as it will be once the decision is recorded as entry ``seq``."""

    result: Any
    seq: int


def preview_decision(call: Any, fields: dict[str, Any],
                     counts: tuple[int, int, int] | None) -> Preview:
    """Score the call with the decision added to the journal it read, before it is recorded:
    the engine says whether it overrides its proposal (one rule: the engine's)."""
    from ..call.journal import GENESIS, Entry, journal_of
    from ..engine import Scenario, score

    entries = journal_of(call)
    votes: dict[str, Any] = dict(zip(("votes_for", "votes_against", "abstentions"),
                                     counts or (None,) * 3, strict=True))
    entry = Entry.model_construct(seq=len(entries) + 1, prev=GENESIS, hash=GENESIS,
                                  **fields, **votes)
    return Preview(score(call, Scenario(journal=[*entries, entry])), entry.seq)


def unmotivated(preview: Preview, dossier: str, stage: str) -> list[Diagnostic]:
    """A warning when the decision, without ``--motivation``, goes against what the engine
    proposed: the applicant's letter would state it with no reason (``--reason`` stays
    internal)."""
    if not preview.result.dossier(dossier).decision.stages[stage].overridden:
        return []
    return [Diagnostic("decision-unmotivated", Message(
        "the decision on {dossier} goes against isgrid's proposal and has no --motivation: "
        "the applicant's letter will not say why", dossier=dossier), Location(),
        severity="warning",
        hint='Record it again with the words the applicant will read: --motivation "…" '
             "(--reason stays internal).")]


def unusual_amount(value: float, minimum: float | None, requested: float | None,
                   typed: str) -> list[Diagnostic]:
    """Warnings for a granted amount below the call's minimum grant, or above what the
    dossier asked; about the option, named in them (no file is at fault: nothing is recorded
    yet).  The hint names a slip only when the amount typed (``typed``) could be one: « 12,5 »
    for 12 500 € (thousands written with a decimal comma), « 240 000 » for 24 000 € (a zero
    too many)."""
    out = []
    if minimum is not None and value < minimum:
        meant = round(value * 1000, 2)
        out.append(Diagnostic("amount-unusual", Message(
            "--amount {amount} is below the call's minimum grant ({minimum})",
            amount=Money(value), minimum=Money(minimum)), Location(),
            severity="warning",
            hint=Message("Check the amount typed ({typed} for {meant}?); record a new "
                         "decision to correct it.", typed=typed.strip(), meant=Money(meant))
            if 0 < value < 1000 and meant >= minimum else None))
    if requested is not None and value > requested:
        out.append(Diagnostic("amount-unusual", Message(
            "--amount {amount} is more than the dossier asked ({requested})",
            amount=Money(value), requested=Money(requested)), Location(),
            severity="warning",
            hint=Message("Check the amount typed (a zero too many: {meant}?); record a new "
                         "decision to correct it.", meant=Money(round(value / 10, 2)))
            if value >= 10 * requested > 0 else
            Message("Check the amount typed: if the vote granted more than the dossier asked, "
                    "there is nothing to do; otherwise record a new decision to correct it.")))
    return out
