"""The discussion agenda: disagreement weighted by closeness to the funding line.

A committee has little time; the dossiers worth discussing are those where the
assessors disagree **and** where the disagreement could change the outcome.  A
big disagreement far above or far below the funding line matters less than a
moderate one right at it.

For every eligible dossier with a position (below) still in the call (a withdrawn
one has nothing left to discuss), and every rated criterion
that counts (not eliminatory) with at least two usable ratings:

* u_c = spread_c / (max_c - min_c of the scale), in [0, 1];
* disagreement D = max_c u_c (the worst criterion decides);
* closeness w = tau / (tau + delta), where delta is the distance to the line:
  in points of the total (scored mode, tau = 5 points), or in ranks
  (checklist and profile modes, tau = 2 ranks);
* priority = D x w.

The line is the engine's (``Result.current.line``: the proposal's, or the one after
decisions, as the committee report draws it), placed halfway between the two
dossiers it is drawn between (the last funded above it, the first at or below it:
their totals in scored mode, their ranks in the other modes; a tie at the line is the
first below it: :func:`isgrid.analysis.zone.line_position`, the rule of ``isgrid
sensitivity`` too), or the threshold when the call selects
nothing.  Without a line (a selection that every ranked dossier fits,
:func:`isgrid.analysis.zone.no_line`, or no selection in the checklist and profile modes),
w = 1 and the agenda is ordered by disagreement alone.  Dossiers with D = 0 are not listed
(:func:`build_agenda`), save where discussion can change the outcome (below: near the line
or a floor, the jurors agreeing or not; priority 0, after the disputed, the nearest to the
line first); ties are ordered by D, then closeness to the line, then id.

At the interne level the jurors' overall opinions (opinions/*.csv) count too
(:func:`opinion_disagreement`): a dossier whose jurors are split, at least one
favorable and one défavorable, has u = 1 (the whole opinion scale); one whose
proposed amounts differ widely, max > 1.5 x min, has u = (max - min) / max (the
share of the highest amount the lowest would cut, above 1/3 by then).  D is
then the largest u of the criteria, the opinions and the amounts, so a dossier
whose ratings agree but whose jurors do not is on the agenda, with its reasons.

**Only where discussion can change the outcome** (the committee report, ``near_floor``
given): a dossier stays on the agenda when it is near the funding line (distance at most
tau: 5 points, or 2 ranks; or one of the two dossiers the line is drawn between, the zone
grise's :func:`isgrid.analysis.zone.line_neighbours`), near a floor (one juror's level from the other side of a
floor: :func:`isgrid.analysis.zone.floor_edges`, the zone grise's rule), or when its
jurors are far apart (a spread of at least half the scale, ``u >= 0.5``), or when their
overall opinions or amounts disagree (the amount granted is at stake).  Each entry says
why (``why``: ``line``, ``line-above``/``line-below``, ``floor``, ``spread``, ``opinions``),
which the report writes in plain French; D and w stay inside this module.  Near the line
means at most tau from it (``line``, « proche de la ligne »); one of the two dossiers the
line is drawn between farther than tau is ``line-above``/``line-below`` (« à 8,9 points
de la ligne de financement, le dernier dossier financé au-dessus d'elle »), never said near.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

from ..analysis.zone import first_below, line_neighbours, line_position, line_total
from ..engine import DossierResult, Result
from ..grid.model import Grid
from ..jury.opinions import Summary
from ..vocabulary import Status
from .passed_over import passed_over

TAU_POINTS = 5.0
TAU_RANKS = 2.0
#: proposed amounts differ widely when the highest is more than this times the lowest
AMOUNT_RATIO = 1.5
OPINIONS_SPLIT = "opinions-split"
#: a spread of at least half the scale is worth discussing wherever the dossier stands
HALF_SCALE = 0.5
AMOUNTS_SPREAD = "amounts-spread"
#: ``AgendaEntry.why`` of the two dossiers the line is drawn between, farther than tau
LINE_ABOVE, LINE_BELOW = "line-above", "line-below"
PASSED_OVER = "passed-over"  # ranked above a dossier a decision retained (.passed_over)
#: (u, reasons) per dossier id: the disagreement of the jurors' opinions
OpinionSpread = dict[str, tuple[float, tuple[str, ...]]]


@dataclass(frozen=True)
class AgendaEntry:
    """One dossier on the agenda."""

    id: str
    disagreement: float
    closeness: float
    priority: float
    distance: float | None
    position: float
    criteria: list[tuple[str, float]] = field(default_factory=list)  # (criterion, u) desc
    reasons: tuple[str, ...] = ()  # OPINIONS_SPLIT, AMOUNTS_SPREAD: the jurors' opinions
    #: why discussion can change it: "line" (at most tau from the line), "line-above" or
    #: "line-below" (next to the line, farther than tau), "floor", "spread", "opinions"
    why: tuple[str, ...] = ()


def opinion_disagreement(s: Summary) -> tuple[float, tuple[str, ...]]:
    """The disagreement u of a dossier's opinions, and why: (0.0, ()) when they agree.

    Split opinions (a favorable and a défavorable) give u = 1; amounts whose highest is
    more than AMOUNT_RATIO times the lowest give u = (max - min) / max (1 when a juror
    proposes 0 €).  The larger u counts; réservé beside either opinion is a nuance.
    """
    u = 0.0
    reasons: list[str] = []
    if s.counts.get("favorable") and s.counts.get("défavorable"):
        u = 1.0
        reasons.append(OPINIONS_SPLIT)
    lo, hi = s.amount_min, s.amount_max
    if lo is not None and hi is not None and hi > AMOUNT_RATIO * lo:
        u = max(u, (hi - lo) / hi)
        reasons.append(AMOUNTS_SPREAD)
    return u, tuple(reasons)


def disagreements(grid: Grid, dossier: DossierResult) -> list[tuple[str, float]]:
    """(criterion, u_c) for every counted criterion rated at least twice, u_c desc."""
    return _disagreements(_counted(grid), dossier)


def _counted(grid: Grid) -> list[tuple[str, float]]:
    """(criterion id, scale range) of the counted criteria, in id order."""
    out = []
    for c in grid.criteria():
        if c.eliminatory:
            continue
        scale = grid.scales[c.scale]
        out.append((c.id, scale.max - scale.min))
    return sorted(out, key=itemgetter(0))


def _disagreements(counted: list[tuple[str, float]],
                   dossier: DossierResult) -> list[tuple[str, float]]:
    crits = dossier.criteria
    out: list[tuple[str, float]] = []
    for cid, rng in counted:  # id order, so that the stable sort below breaks ties by id
        s = crits.get(cid)
        if s is None or s.n < 2 or s.spread is None:
            continue
        out.append((cid, float(s.spread) / rng if rng > 0 else 0.0))
    out.sort(key=itemgetter(1), reverse=True)  # u desc, then id (reverse keeps stability)
    return out


def line_value(grid: Grid, result: Result) -> float | None:
    """The funding line: a total (scored mode) or a rank position (other modes).

    It is the line of the selection the result states (``Result.current.line``, the
    engine's one rule: the proposal's, or the decided one after a withdrawal or a
    decision), taken halfway between the two dossiers the documents draw it between
    (:func:`isgrid.analysis.zone.line_neighbours`: the last funded above it, the first
    at or below it: :func:`isgrid.analysis.zone.line_position`, the rule ``isgrid
    sensitivity`` reads too); at an open tie, halfway between the last funded and the
    tied dossiers, the first below it (the report's sentence says so).  Without a
    selection, the threshold (scored mode) or no line; a selection without a line
    (every ranked dossier fits: :func:`isgrid.analysis.zone.no_line`) has none either:
    nothing is measured from a line that is not there."""
    scored = result.grid["mode"] == "scored"

    def at(d: DossierResult | None) -> float | None:
        if d is None:
            return None
        if scored:  # its ranking total where the grid ranks with ranking weights
            return line_total(d)
        return float(d.rank) if d.rank is not None else None

    now = result.current
    if now is None:
        return float(grid.threshold) if scored and grid.threshold is not None else None
    if now.line is None:  # every ranked dossier fits (isgrid.analysis.zone.no_line)
        return None
    above, below = (at(result.dossier(i)) if i is not None else None
                    for i in line_neighbours(result))
    line = line_position(above, below)
    if line is not None:
        return line
    return float(grid.threshold) if scored and grid.threshold is not None else None


def build_agenda(grid: Grid, result: Result,
                 opinions: OpinionSpread | None = None) -> list[AgendaEntry]:
    """The agenda entries of a result, most urgent first.  ``opinions``: the
    :func:`opinion_disagreement` of the dossiers whose jurors disagree (interne)."""
    return _agenda(grid, result, None, opinions or {})[0]


def agenda_top(grid: Grid, result: Result, size: int,
               opinions: OpinionSpread | None = None,
               near_floor: set[str] | None = None) -> tuple[list[AgendaEntry], int]:
    """The first ``size`` entries of :func:`build_agenda` (then any dossier a repêchage
    passed over past them: never left out), and how many it has in all.

    Only those entries list their criteria (a national call has tens of
    thousands of dossiers, and the committee sees the first twenty).  ``near_floor``
    (the dossiers one juror's level from a floor): only the dossiers where discussion
    can change the outcome are kept (module docstring), each with its ``why``.
    """
    return _agenda(grid, result, size, opinions or {}, near_floor)


def _why(delta: float | None, tau: float, dis: float, near_floor: bool,
         opinions: bool, beside: str | None = None, passed: bool = False) -> tuple[str, ...]:
    """Why discussion can change a dossier's outcome: ``dis`` is the criteria's largest
    spread, ``opinions`` that the jurors' opinions or amounts disagree, ``beside`` that the
    line is drawn next to it (:func:`isgrid.analysis.zone.line_neighbours`: ``line-above``
    for the last funded above it, ``line-below`` for the first below it).  ``line``: near
    the line, at most tau from it (the one closeness the agenda has, :data:`TAU_POINTS`,
    :data:`TAU_RANKS`); a neighbour of the line farther than that is ``beside``, never
    said near it (« proche de la ligne (8,9 points) » read wrong on a 100-point total)."""
    out = []
    if delta is not None and delta <= tau + 1e-9:
        out.append("line")
    elif delta is not None and beside:
        out.append(beside)
    if near_floor:
        out.append("floor")
    if dis + 1e-9 >= HALF_SCALE:
        out.append("spread")
    if opinions:
        out.append("opinions")
    if passed:  # above a dossier a decision retained, unfunded (.passed_over)
        out.append(PASSED_OVER)
    return tuple(out)


def _agenda(grid: Grid, result: Result, limit: int | None,
            opinions: OpinionSpread,
            near_floor: set[str] | None = None) -> tuple[list[AgendaEntry], int]:
    dossiers = result.dossiers
    scored = result.grid["mode"] == "scored"
    line = line_value(grid, result)
    tau = TAU_POINTS if scored else TAU_RANKS
    n_ranked = sum(1 for d in dossiers if d.rank is not None)
    counted = _counted(grid)
    # the two dossiers the line is drawn between, however far apart: the zone grise's,
    # with every dossier equally first below it (a tie at the line: each of its members)
    beside: dict[str, str] = {}
    passed = set(passed_over(result)) if near_floor is not None else set()
    if near_floor is not None:
        above = line_neighbours(result)[0]
        beside = dict.fromkeys(first_below(result), LINE_BELOW)
        if above is not None:
            beside[above] = LINE_ABOVE
    rows: list[tuple[float, float, float, float | None, float, DossierResult]] = []
    for d in dossiers:
        if d.eligible is not True or d.status == Status.RETIRE:
            continue  # a withdrawn dossier has left the competition: nothing to discuss
        if scored:
            at = line_total(d)  # on the line's scale: the ranking total, if any
            if at is None:
                continue
            pos = at
        else:
            pos = float(d.rank) if d.rank is not None else float(n_ranked + 1)
        crits = d.criteria
        dis = 0.0  # the largest u_c (what _disagreements would list first)
        for cid, rng in counted:
            s = crits.get(cid)
            if s is None or s.n < 2 or s.spread is None:
                continue
            u = float(s.spread) / rng if rng > 0 else 0.0
            if u > dis:
                dis = u
        crit_dis = dis
        spread = opinions.get(d.id)
        if spread is not None and spread[0] > dis:
            dis = spread[0]
        delta = abs(pos - line) if line is not None else None
        if near_floor is not None:
            # where discussion can change the outcome: near the line or a floor, the
            # jurors agreeing or not (the agenda says so; its zone grise lists them too)
            if not _why(delta, tau, crit_dis, d.id in near_floor, spread is not None,
                        beside.get(d.id), d.id in passed):
                continue
        elif dis <= 0:
            continue
        w = 1.0 if delta is None else tau / (tau + delta)
        rows.append((dis * w, dis, w, delta, pos, d))
    rows.sort(key=lambda r: (-r[0], -r[1], r[3] if r[3] is not None else 0.0, r[5].id))
    # the first ``limit``, and after them every dossier a repêchage passed over that falls
    # past the limit (.passed_over): its outcome is a decision the committee must discuss,
    # however low its priority (no disagreement, far from the line) puts it
    kept = rows if limit is None else rows[:limit] + [r for r in rows[limit:]
                                                      if r[5].id in passed]
    entries = [AgendaEntry(
        id=d.id, disagreement=dis, closeness=w, priority=p, distance=delta, position=pos,
        criteria=[(c, u) for c, u in _disagreements(counted, d) if u > 0],
        reasons=opinions[d.id][1] if d.id in opinions else (),
        why=_why(delta, tau, max((u for _, u in _disagreements(counted, d)), default=0.0),
                 d.id in (near_floor or ()), d.id in opinions, beside.get(d.id),
                 near_floor is not None and d.id in passed),
    ) for p, dis, w, delta, pos, d in kept]
    return entries, len(rows)
