"""The call's tie-break in words, and the dossiers it parted at the funding line: the one
place the applicants' letters, the committee report (section 1, its ranking's flags, the
zone grise) and the fiches read, so that the jury reads what the applicant reads.

Two dossiers at the same total on either side of the funding line: the call's cascade
(call.yaml's ``tie_breaks``, else the grid's: :func:`isgrid.engine.pipeline.tie_breaks_of`)
ranked one after the other, and the line passes between them.  Nothing here ranks: the
ranks, totals, the selection and the line are the engine's :class:`~isgrid.engine.Result`;
a dossier is « parted » when the result ranks it after a funded dossier of the same total
and the same ranking total (not tied with it: a tie left by the cascade is the engine's
``tie`` flag, and a tie at the line its ``tie-at-line``).  The result does not record which
step of the cascade parted them: the cascade is named whole, each step as the call names
it (its section's, criterion's or fact's label; a date's order in a date's words).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..engine import DossierResult
from ..engine.pipeline import tie_breaks_of
from ..grid.facts import fact_label
from ..i18n import join_names
from ..vocabulary import EPS, Status
from .text import shown_flags

if TYPE_CHECKING:
    from .context import Builder

#: The flag a document shows on a dossier the call's tie-break put after the last funded
#: dossier at the same total (``tie-broken:<that dossier's id>``): the documents' own, as
#: :data:`isgrid.documents.text.TIE_SETTLED`; the engine's flags stay whole in the result.
TIE_BROKEN = "tie-broken"


def funding_line(b: Builder) -> tuple[float, bool] | None:
    """The last funded dossier's total (:attr:`Result.current`'s selection), and whether a
    vote granted it (:attr:`DossierResult.granted_by_vote`, the engine's one rule: a
    dossier at the line a vote retained): « le dernier dossier financé » only then, before
    it is proposed.  None when none is funded or scored: the same for every letter, worked
    out once (:meth:`Builder.once`)."""
    def make() -> tuple[float, bool] | None:
        now = b.result.current
        funded = [b.by_id[i] for i in now.selected] if now is not None else []
        scored = [(float(x.total), x.granted_by_vote) for x in funded if x.total is not None]
        if not scored:
            return None
        line = min(total for total, _ in scored)
        return line, any(voted for total, voted in scored if total == line)

    return b.once("line", make)


def cascade(b: Builder) -> str | None:
    """The call's tie-break cascade in words, each step named as the call names it
    (« la note de la section « Projet » (la plus haute d'abord), puis « Date de dépôt du
    dossier » (la plus ancienne d'abord) »); None when the call has none.  Section 1 of the
    committee report states it, the letters and the jury's sentences
    (:func:`letter_words`, :func:`jury_words`) name it."""
    return b.once("tie-cascade", lambda: _cascade(b))


def _cascade(b: Builder) -> str | None:
    steps = tie_breaks_of(b.call)
    if not steps:
        return None
    sections = {s.id: s.label for s in b.grid.sections}
    named = []
    for step in steps:
        kind, _, key = step.by.partition(":")
        label = (sections.get(key, key) if kind == "section" else
                 b.crit[key].label if kind == "criterion" and key in b.crit else
                 fact_label(b.grid.facts, key))
        spec = b.grid.facts.get(key) if kind == "fact" else None
        dated = spec is not None and spec.type in ("date", "datetime")
        named.append(b.t(f"tiebreak.{kind}.{step.order}{'.date' if dated else ''}",
                         label=label))
    return b.t("tiebreak.then").join(named)


def parted(b: Builder) -> dict[str, str]:
    """Each dossier the call's tie-break put after the last funded dossier at its total
    (the funding line passes between them), with that dossier's id; worked out once for
    the document.  Not a dossier funded, tied at the line (its tie has its own words),
    decided (the decision is the reason), at another total, or ordered by the ranking
    weights (another ranking total) rather than the cascade."""
    return b.once("tie-parted", lambda: _parted(b))


def _parted(b: Builder) -> dict[str, str]:
    line = funding_line(b)
    now = b.result.current
    if line is None or now is None or cascade(b) is None:
        return {}
    at_line = [x for x in (b.by_id[i] for i in now.selected)
               if x.total is not None and x.rank is not None
               and abs(float(x.total) - line[0]) <= EPS]
    out: dict[str, str] = {}
    for d in b.result.dossiers:
        if d.total is None or d.rank is None or d.selected is True \
                or "tie-at-line" in d.flags or d.decision.outcome is not None \
                or d.status not in (Status.RESERVE, Status.NON_RETENU) \
                or abs(float(d.total) - line[0]) > EPS:
            continue
        above = [x for x in at_line if x.rank is not None and d.rank is not None
                 and x.rank < d.rank and x.ranking_total == d.ranking_total
                 and abs(float(x.total or 0) - float(d.total)) <= EPS]
        if above:
            out[d.id] = max(above, key=lambda x: x.rank or 0).id
    return out


def flags_of(b: Builder, d: DossierResult) -> tuple[str, ...]:
    """``d``'s flags as the committee report and the fiches show them
    (:func:`.text.shown_flags`), and :data:`TIE_BROKEN` when the call's tie-break put it
    after the last funded dossier at its total (:func:`parted`): what its letter tells the
    applicant, the jury reads too."""
    flags = shown_flags(b.result, d)
    above = parted(b).get(d.id)
    return flags if above is None else (*flags, f"{TIE_BROKEN}:{above}")


def parted_below(b: Builder, did: str) -> list[str]:
    """The dossiers the call's tie-break put after ``did``, the last funded dossier at
    their total (:func:`parted`), in rank order."""
    return [x for x, above in parted(b).items() if above == did]


def _granted(b: Builder) -> bool:
    line = funding_line(b)
    return line is not None and line[1]


def letter_words(b: Builder, d: DossierResult) -> str | None:
    """The letter's sentence to an applicant the call's tie-break put after the last funded
    dossier at the same total (« À total égal avec le dernier dossier financé, votre dossier
    a été classé après lui par le départage que prévoit l'appel : … »; « proposé au
    financement » before a vote granted it); None for any other dossier (:func:`parted`)."""
    if d.id not in parted(b):
        return None
    # « financé » once a vote granted the dossier at the line, else « proposé »: the
    # letter's comparison with the line says it by the same rule (funding_line)
    return b.t("reason.tie-break" if _granted(b) else "reason.tie-break.proposed",
               steps=cascade(b))


def jury_words(b: Builder, above: str) -> str:
    """The same sentence for the jury (the ranking's flag, the fiche, the zone grise), of a
    dossier the call's tie-break put after ``above``: « à total égal avec D3 (dernier
    dossier proposé au financement), classé après lui par le départage que prévoit
    l'appel : … »."""
    return b.t("tiebreak.jury.granted" if _granted(b) else "tiebreak.jury",
               above=above, steps=cascade(b) or "")


def above_words(b: Builder, did: str) -> str | None:
    """The zone grise's words for ``did``, the last funded dossier at the line's total, when
    the call's tie-break put others of its total after it (« à total égal avec D4, classé
    avant lui par le départage que prévoit l'appel »); None otherwise."""
    below = parted_below(b, did)
    if not below:
        return None
    return b.t(f"tiebreak.above.{'one' if len(below) == 1 else 'other'}",
               below=join_names(below, b.lang))
