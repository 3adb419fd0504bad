"""The call's tie-break in words, and the dossiers it parted at the funding line or at the
end of the reserve list: the one place the applicants' letters, the committee report
(section 1, its ranking's flags, the zone grise) and the fiches read, so that the jury
reads what the applicant reads.

Nothing here ranks nor compares totals: the engine records, where it ranks, each dossier
whose ranking key equals the rank above's and that the cascade (call.yaml's
``tie_breaks``, else the grid's: :func:`isgrid.engine.pipeline.tie_breaks_of`) put after
it, with the step that did: its flag ``tie-broken:<by>`` (docs/result.md).  A dossier is
« parted » at a cut when that flag links it, rank after rank, to the last funded dossier
(the funding line) or, not retained, to the last dossier of the reserve list (the reserve
cut): the line passes between equal totals.  The step that parted them is named as the
call names it (its section's, criterion's or fact's label; a date's order in a date's
words), with the steps before it that found them equal; the whole cascade is stated once,
in section 1 of the committee report (:func:`cascade`).  When the grid ranks with its
ranking weights, the ranking key is the *ranking* total (the engine's ``ranking_total``),
not the total the documents show: the words say « à total de classement égal » (« same
ranking total »), and the letter gives that total (:func:`total_word`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..engine import DossierResult
from ..engine.pipeline import tie_breaks_of
from ..grid.facts import fact_label
from ..i18n import join_names
from ..vocabulary import EPS, Status
from . import dossier_models as dm
from .consensus_effect import consensus_flags
from .text import fmt_number, ranks_by_ranking_total, shown_flags

if TYPE_CHECKING:
    from .context import Builder

#: The engine's flag on a dossier the call's tie-break put after the rank above at an equal
#: ranking key: ``tie-broken:<by>``, ``<by>`` the step that did (``fact:submitted_at``).
TIE_BROKEN = "tie-broken"


@dataclass(frozen=True, slots=True)
class Parted:
    """A dossier the call's tie-break put after the last dossier before a cut."""

    above: str  # the last funded dossier (``line``), or the reserve's last (``reserve``)
    by: str  # the step that parted them: the first of the cascade whose values differ
    cut: Literal["line", "reserve"]


def broken_by(d: DossierResult) -> str | None:
    """The step of the cascade that put ``d`` after the rank above it at an equal ranking
    key (the engine's ``tie-broken:<by>`` flag), or None."""
    for f in d.flags:
        head, _, by = f.partition(":")
        if head == TIE_BROKEN:
            return by
    return None


def total_word(b: Builder, d: DossierResult | None = None) -> str:
    """What two dossiers a tie-break parted have equal: « total », or « total de
    classement » when the grid ranks with its ranking weights (``d``'s ``ranking_total``;
    without a dossier, the result's: :func:`.text.ranks_by_ranking_total`)."""
    ranking = (d.ranking_total is not None if d is not None
               else b.once("ranks-by-ranking-total", lambda: ranks_by_ranking_total(b.result)))
    return b.t("tiebreak.total.ranking" if ranking else "tiebreak.total")


@dataclass(frozen=True, slots=True)
class Line:
    """The funding line as a letter compares with it: the last funded dossier in the
    ranking's order, on the scale the ranking used (:attr:`DossierResult.ranking_key`)."""

    value: float  # its ranking key: its ranking total when the grid ranks with ranking weights
    ranking: bool  # the grid ranks with ranking weights: ``value`` is a ranking total
    granted: bool  # a vote granted it (« le dernier dossier financé »), else proposed


def funding_line(b: Builder) -> Line | None:
    """The last funded dossier (:attr:`Result.current`'s selection) in the ranking's
    order: the lowest ranking key among the funded (the engine's: the ranking total when
    the grid ranks with ranking weights, else the total), and whether a vote granted it
    (:attr:`DossierResult.granted_by_vote`, the engine's one rule: a dossier at the line a
    vote retained): « le dernier dossier financé » only then, before it is proposed.
    None when none is funded or scored: the same for every letter, worked out once
    (:meth:`Builder.once`)."""
    def make() -> Line | None:
        now = b.result.current
        funded = [b.by_id[i] for i in now.selected] if now is not None else []
        scored = [(x.ranking_key, x) for x in funded if x.ranking_key is not None]
        if not scored:
            return None
        value = min(key for key, _ in scored)
        at = [x for key, x in scored if key <= value + EPS]
        return Line(value=value, ranking=any(x.ranking_total is not None for x in at),
                    granted=any(x.granted_by_vote for x in at))

    return b.once("line", make)


def cascade(b: Builder) -> str | None:
    """The call's tie-break cascade in words, each step named as the call names it
    (« la note de la section « Projet » (la plus haute d'abord), puis « Date de dépôt du
    dossier » (la plus ancienne d'abord) »); None when the call has none.  Section 1 of the
    committee report states it; the letters and the jury's sentences name the step that
    parted two dossiers (:func:`step_words`)."""
    def make() -> str | None:
        steps = tie_breaks_of(b.call)
        if not steps:
            return None
        return b.t("tiebreak.then").join(_step(b, s.by, s.order) for s in steps)

    return b.once("tie-cascade", make)


def cascade_heading(b: Builder) -> str:
    """The heading of :func:`cascade`: what the dossiers it parts have equal (« Départage
    des ex æquo (totaux égaux) », « … (totaux de classement égaux) »: :func:`total_word`)."""
    ranking = b.once("ranks-by-ranking-total", lambda: ranks_by_ranking_total(b.result))
    return b.t("call.tie-breaks.ranking" if ranking else "call.tie-breaks")


def _kind_label(b: Builder, by: str) -> tuple[str, str, bool]:
    """A step's kind (section, criterion, fact), its label as the call names it, and
    whether it is a date."""
    kind, _, key = by.partition(":")
    sections = {s.id: s.label for s in b.grid.sections}
    label = (sections.get(key, key) if kind == "section" else
             b.crit[key].label if kind == "criterion" and key in b.crit else
             fact_label(b.grid.facts, key))
    spec = b.grid.facts.get(key) if kind == "fact" else None
    return kind, label, spec is not None and spec.type in ("date", "datetime")


def _step(b: Builder, by: str, order: str) -> str:
    kind, label, dated = _kind_label(b, by)
    return b.t(f"tiebreak.{kind}.{order}{'.date' if dated else ''}", label=label)


def step_words(b: Builder, by: str) -> str:
    """The step ``by`` of the call's cascade in words, with its order, and the steps before
    it, which found the dossiers equal (« « Date de dépôt » (la plus ancienne d'abord),
    après égalité sur la note de la section « Besoin social » »)."""
    steps = tie_breaks_of(b.call)
    at = next((i for i, s in enumerate(steps) if s.by == by), None)
    if at is None:  # not the call's cascade any more: its name as recorded
        return by
    said = _step(b, by, steps[at].order)
    if not at:
        return said
    before = [b.t(f"tiebreak.name.{_kind_label(b, s.by)[0]}", label=_kind_label(b, s.by)[1])
              for s in steps[:at]]
    return b.t("tiebreak.after-equal", step=said, before=join_names(before, b.lang))


def parted(b: Builder) -> dict[str, Parted]:
    """Each dossier the call's tie-break put after the last dossier before a cut, worked
    out once for the document: a dossier below the funding line after the last funded
    dossier, or a dossier not retained after the reserve's last (the nearer cut), linked
    to it rank after rank by the engine's ``tie-broken`` flag (equal ranking keys all the
    way), the step that parted them the first of the cascade among the links'.  Not a
    dossier funded, tied at the line (its tie has its own words), decided (the decision is
    the reason), or without a total (a verdict or a profile: no « total égal »)."""
    return b.once("tie-parted", lambda: _parted(b))


def _groups(b: Builder) -> tuple[list[list[DossierResult]], dict[str, int]]:
    """The ranking, a group per rank in order, and each ranked dossier's group: worked out
    once for the document."""
    def make() -> tuple[list[list[DossierResult]], dict[str, int]]:
        groups: list[list[DossierResult]] = []
        for d in sorted((x for x in b.result.dossiers if x.rank is not None),
                        key=lambda x: x.rank or 0):
            if groups and groups[-1][0].rank == d.rank:
                groups[-1].append(d)
            else:
                groups.append([d])
        return groups, {d.id: i for i, g in enumerate(groups) for d in g}

    return b.once("rank-groups", make)


def _parted(b: Builder) -> dict[str, Parted]:
    now = b.result.current
    steps = [s.by for s in tie_breaks_of(b.call)]
    if now is None or not steps:
        return {}
    groups, _ = _groups(b)
    funded, reserve = set(now.selected), set(now.reserve)

    def last(ids: set[str]) -> int | None:
        return max((i for i, g in enumerate(groups) if any(x.id in ids for x in g)),
                   default=None)

    def run(to: int | None) -> dict[int, str]:
        """Each group after group ``to`` linked to it by the engine's flag, rank after rank
        (equal ranking keys all the way), with the step that parted it from ``to``: the
        first of the cascade among the links' (linear: one walk down from the cut)."""
        out: dict[int, str] = {}
        if to is None:
            return out
        first: str | None = None
        for j in range(to + 1, len(groups)):
            by = broken_by(groups[j][0])
            if by is None:
                break  # another ranking key: not at the cut's total
            if first is None or _index(steps, by) < _index(steps, first):
                first = by
            out[j] = first
        return out

    last_funded, last_reserve = last(funded), last(reserve)
    at_line, at_reserve = run(last_funded), run(last_reserve)
    out: dict[str, Parted] = {}
    for gi, group in enumerate(groups):
        for d in group:
            if d.total is None or d.selected is True or "tie-at-line" in d.flags \
                    or d.decision.outcome is not None \
                    or d.status not in (Status.RESERVE, Status.NON_RETENU):
                continue
            # not retained: the reserve's cut, the nearer one, when there is a reserve
            # above it; else the funding line
            if d.status == Status.NON_RETENU and last_reserve is not None \
                    and last_reserve < gi:
                if gi in at_reserve:
                    out[d.id] = Parted(_last_of(groups[last_reserve], reserve),
                                       at_reserve[gi], "reserve")
            elif last_funded is not None and gi in at_line:
                out[d.id] = Parted(_last_of(groups[last_funded], funded), at_line[gi], "line")
    return out


def _index(steps: list[str], by: str) -> int:
    return steps.index(by) if by in steps else len(steps)


def _last_of(group: list[DossierResult], ids: set[str]) -> str:
    return [x.id for x in group if x.id in ids][-1]


def flags_of(b: Builder, d: DossierResult) -> list[dm.Flag]:
    """``d``'s flags as the committee report and the fiches show them
    (:func:`.text.shown_flags`, each in :meth:`Builder.flag`'s words); the engine's
    ``tie-broken`` said of ``d``: the sentence its letter says at a cut (:func:`parted`:
    « à total égal avec D3 (dernier dossier proposé au financement), classé après lui par
    le départage que prévoit l'appel : … »), else whom it follows (« à total égal avec D1,
    classé après lui par … »); a ``disagreement`` on a criterion a consensus settled for
    ``d`` (call.yaml's or the journal's: the result's cell) says so and at what value
    (« désaccord : … (ALS-5), réglé par consensus à 3 (Bon) »): the chair read an open
    disagreement the jury had settled."""
    out = []
    for code in shown_flags(b.result, d):
        flag = b.flag(code)
        head, _, arg = code.partition(":")
        if head == TIE_BROKEN:
            flag = flag.model_copy(update={"text": jury_words(b, d) or flag.text})
        elif head == "disagreement" and (settled := _consensus_words(b, d, arg)) is not None:
            flag = flag.model_copy(update={"text": settled})
        out.append(flag)
    # a floor reached by a consensus value only: its status depends on it (s15 recours F7)
    return out + consensus_flags(b, d)


def _consensus_words(b: Builder, d: DossierResult, cid: str) -> str | None:
    """The disagreement flag's words when a consensus value settled ``cid`` for ``d``."""
    cell = d.criteria.get(cid)
    value = cell.get("consensus") if cell is not None else None
    if value is None or cid not in b.crit:
        return None
    c = b.crit[cid]
    label = b.level_label(c, float(value))
    shown = fmt_number(float(value), b.lang, 0 if float(value).is_integer() else 2)
    return b.t("flag.disagreement.settled", arg=f"{c.label} ({cid})",
               value=f"{shown} ({label})" if label else shown)


def parted_below(b: Builder, did: str) -> list[str]:
    """The dossiers the call's tie-break put after ``did``, the last funded dossier at
    their total (:func:`parted`, at the funding line), in rank order."""
    return [x for x, p in parted(b).items() if p.above == did and p.cut == "line"]


def _granted(b: Builder) -> bool:
    line = funding_line(b)
    return line is not None and line.granted


def letter_words(b: Builder, d: DossierResult) -> str | None:
    """The letter's sentence to an applicant the call's tie-break put after the last
    dossier before a cut, at the same total (« À total égal avec le dernier dossier
    financé, votre dossier a été classé après lui par le départage que prévoit l'appel :
    … »; « proposé au financement » before a vote granted it; « le dernier dossier de la
    liste de réserve » at the reserve's cut); None for any other dossier (:func:`parted`)."""
    p = parted(b).get(d.id)
    if p is None:
        return None
    # « financé » once a vote granted the dossier at the line, else « proposé »: the
    # letter's comparison with the line says it by the same rule (funding_line)
    key = ("reason.tie-break.reserve" if p.cut == "reserve" else
           "reason.tie-break" if _granted(b) else "reason.tie-break.proposed")
    said = b.t(key, steps=step_words(b, p.by), total=total_word(b, d))
    if d.ranking_total is None:
        return said
    # the letter shows the total, not the ranking total: the one that was equal, said
    value = fmt_number(float(d.ranking_total), b.lang)
    return f"{said} {b.t('reason.tie-break.ranking', value=value)}"


def jury_words(b: Builder, d: DossierResult) -> str | None:
    """The jury's sentence of ``d``, which the call's tie-break put after the rank above
    at an equal total (the ranking's flag, the fiche, the zone grise): at a cut, its
    letter's (« à total égal avec D3 (dernier dossier proposé au financement), classé
    après lui par le départage que prévoit l'appel : … », « … (dernier dossier de la liste
    de réserve) … »), else « à total égal avec D1, classé après lui par … »; None without
    the engine's flag."""
    p = parted(b).get(d.id)
    if p is not None:
        key = ("tiebreak.jury.reserve" if p.cut == "reserve" else
               "tiebreak.jury.granted" if _granted(b) else "tiebreak.jury")
        return b.t(key, above=p.above, steps=step_words(b, p.by), total=total_word(b, d))
    by = broken_by(d)
    above = _rank_above(b, d)
    if by is None or above is None or d.total is None:
        return None
    return b.t("tiebreak.jury.other", above=above, steps=step_words(b, by),
               total=total_word(b, d))


def _rank_above(b: Builder, d: DossierResult) -> str | None:
    """The last dossier (in the ranking's order) of the rank just above ``d``'s."""
    groups, at = _groups(b)
    i = at.get(d.id)
    return groups[i - 1][-1].id if i else None


def above_words(b: Builder, did: str) -> str | None:
    """The zone grise's words for ``did``, the last funded dossier at the line's total, when
    the call's tie-break put others of its total after it (« à total égal avec D4, classé
    avant lui par le départage que prévoit l'appel »); None otherwise."""
    below = parted_below(b, did)
    if not below:
        return None
    return b.t(f"tiebreak.above.{'one' if len(below) == 1 else 'other'}",
               below=join_names(below, b.lang), total=total_word(b, b.by_id[did]))
