"""The zone grise: the dossiers whose outcome a discussion can still change.

One rule, one place: the séance view (``isgrid watch``), the tableau de séance
(``isgrid report --kind seance``) and the committee report all call
:func:`zone_grise` and show what it returns; no template recomputes it.

A dossier is in the zone grise for one or more of these reasons (:data:`REASONS`):

* ``line-above`` / ``line-below``: it is the last ranked dossier funded above the funding
  line, or the first ranked dossier at or below it (:func:`line_neighbours`; the
  selection as it stands: the proposal, or the decided list after a withdrawal or a
  decision), or one of its rank tied with it (:func:`first_below`: once a decision
  settled a tie at the line without taking them, its other members are all first below
  it, none before the others; a tie settled by taking some of them leaves the others
  first below it, before the next rank).  Without a line (every ranked dossier funded: :func:`no_line`), no dossier
  is there for this reason;
* ``tie``: it ties with another dossier at the funding line (flag ``tie-at-line``) and
  no decision settled the tie yet (``Result.tie_open``).  Every dossier of the tie is
  at the line, the first ranked of them no more « below » it than the others: a tied
  dossier is never ``line-above`` nor ``line-below``;
* ``floor-edge``: a floor criterion's value is one juror's level from the other side of
  its floor: one usable rating moved one level *down* would put the value below the
  floor while it is at or above it, or one rating moved one level *up* would put it at
  or above the floor while it is below.  Every usable rating of the criterion is moved
  in turn, through the engine (:class:`isgrid.engine.batch.Batch`: the call's
  aggregator, consensus values, ``min_ratings``), and the floor is read by the
  engine's rule (:func:`isgrid.engine.judge.below_floor`).  A consensus value holds
  the cell: such a criterion is never on the edge.  A crossing counts only when it
  changes whether the dossier is ranked, as the engine judges the moved ratings
  (:meth:`isgrid.engine.batch.Batch.judge`: every floor, the threshold, enough
  ratings): a dossier under the threshold, or under another floor, either way is not
  on the edge (no one-level move changes its fate).  Scored grids only;
* ``to-check``: its eligibility is still to check (status « à vérifier »).

Dossiers refused (irrecevable) or withdrawn are never in the zone grise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..call.model import Call
from ..engine import Budget, DossierResult, Result
from ..engine.judge import below_floor_many
from ..vocabulary import Status

#: Why a dossier is in the zone grise, in the order documents list them.
REASONS = ("line-above", "line-below", "tie", "floor-edge", "to-check")


@dataclass(frozen=True)
class FloorEdge:
    """A floor criterion one rating's level away from the other side of its floor."""

    criterion: str
    value: float | None  # the criterion's value now (aggregate or consensus)
    floor: float
    #: "down": at or above the floor now, one juror one level lower puts it below;
    #: "up": below the floor now, one juror one level higher puts it at or above.
    direction: str
    after: float | None  # the value after that one move


@dataclass(frozen=True)
class GreyDossier:
    """One dossier of the zone grise and why."""

    id: str
    reasons: tuple[str, ...]
    floor_edges: tuple[FloorEdge, ...] = field(default_factory=tuple)


#: :func:`floor_edges`: how many one-rating variants are aggregated together.
_VARIANTS_AT_ONCE = 16_384


def _scale_levels(call: Call) -> dict[str, list[float]]:
    g = call.grid.grid
    return {c.id: sorted(float(lv.value) for lv in g.scales[c.scale].levels)
            for c in g.criteria()}


def floor_edges(call: Call, result: Result) -> dict[str, tuple[FloorEdge, ...]]:
    """Dossier id -> its floor criteria on the edge (module docstring); scored grids only.

    Only eligible dossiers are looked at (a refused dossier's floors change nothing),
    and a crossing only when the engine, judging the moved ratings, ranks the dossier
    where it did not or no longer ranks it (module docstring).  Computed on whole columns: every move of one rating is a variant of its cell, and
    all variants are aggregated at once by the engine (a national call has 100,000)."""
    from ..engine.batch import Batch

    grid = call.grid.grid
    if grid.resolved_mode() != "scored":
        return {}
    floored = [c for c in grid.criteria() if not c.eliminatory and c.floor is not None]
    if not floored:
        return {}
    batch = Batch(call, result=result)
    ids = batch.ids
    rows = batch.rows
    col_of = {cid: i for i, cid in enumerate(batch.criterion_ids)}
    scoring_j = {c.id: j for j, c in enumerate(batch.scoring)}
    levels = _scale_levels(call)
    base_values = batch.base_values
    by_id = {d.id: d for d in result.dossiers}
    looked = np.array([(d := by_id.get(did)) is not None and d.eligible is True
                       and d.status not in (Status.RETIRE,) for did in ids], dtype=bool)
    # each floor criterion's column in the values, its floor, and which dossiers fail it
    col_j = np.array([scoring_j[c.id] for c in floored], dtype=np.int64)
    floors = np.array([float(c.floor) for c in floored])  # type: ignore[arg-type]
    fails = below_floor_many(base_values[:, col_j], floors).T  # (floor criterion, dossier)
    # every usable rating of a floor criterion of a dossier looked at, by whole columns:
    # its criterion's next level up (below the floor now) or down (at or above it)
    cand_rows: list[Any] = []
    cand_new: list[Any] = []
    cand_order: list[Any] = []
    for k, c in enumerate(floored):
        ci = col_of.get(c.id)
        if ci is None:
            continue
        r = np.flatnonzero((rows.criterion == ci) & looked[rows.dossier])
        if not len(r):
            continue
        up = fails[k][rows.dossier[r]]
        lv = np.asarray(levels[c.id], dtype=float)
        v = rows.value[r].astype(float)
        hi_i = np.searchsorted(lv, v + 1e-9, side="right")  # first level > v
        lo_i = np.searchsorted(lv, v - 1e-9, side="left") - 1  # last level < v
        ok = np.where(up, hi_i < len(lv), lo_i >= 0) & ~np.isnan(v)
        pick = np.where(up, np.minimum(hi_i, len(lv) - 1), np.maximum(lo_i, 0))
        cand_rows.append(r[ok])
        cand_new.append(lv[pick[ok]])
        cand_order.append(np.full(int(ok.sum()), k))
    if not cand_rows:
        return {}
    r_all = np.concatenate(cand_rows)
    new_all = np.concatenate(cand_new)
    k_all = np.concatenate(cand_order)
    d_all = rows.dossier[r_all]
    # the order moves are looked at: dossier, then the floor criteria's order, then the
    # rating's row; one variant per (dossier, criterion, value, new value), the first
    order = np.lexsort((r_all, k_all, d_all))
    r_all, new_all, k_all, d_all = r_all[order], new_all[order], k_all[order], d_all[order]
    v_all = rows.value[r_all].astype(float)
    same = np.lexsort((new_all, v_all, k_all, d_all))  # equal moves side by side
    starts = np.ones(len(same), dtype=bool)
    starts[1:] = ((d_all[same[1:]] != d_all[same[:-1]]) | (k_all[same[1:]] != k_all[same[:-1]])
                  | (v_all[same[1:]] != v_all[same[:-1]])
                  | (new_all[same[1:]] != new_all[same[:-1]]))
    first = np.sort(np.minimum.reduceat(same, np.flatnonzero(starts)))
    r_v, d_v, k_v, new_v = r_all[first], d_all[first], k_all[first], new_all[first]
    # A variant moves one rating: only its cell's value can change, and only that value
    # is read.  Its block holds that cell's ratings alone (the rows by dossier, then
    # criterion; a cell's statistics do not depend on the order of its rows).
    n_crit = max(1, len(batch.criterion_ids))
    cell_of_row = rows.dossier * n_crit + rows.criterion
    by_cell = np.argsort(cell_of_row, kind="stable")
    cell_key = cell_of_row[by_cell]
    place = np.empty(len(by_cell), dtype=np.int64)
    place[by_cell] = np.arange(len(by_cell))  # a rating row's position in by_cell
    j_v = col_j[k_v]
    before_v = base_values[d_v, j_v]
    after_v = np.empty(len(d_v), dtype=float)
    fails_now = fails[k_v, d_v]
    #: the move crosses the floor and changes whether the engine ranks the dossier
    crossed = np.zeros(len(d_v), dtype=bool)
    ranked_now = np.array(batch.base.rankable, dtype=bool)
    # The variants are independent: aggregated _VARIANTS_AT_ONCE at a time, the block and
    # the aggregate's arrays stay bounded (all at once, a national call's 100,000 variants
    # added a quarter of a gigabyte to the committee report's and the séance's peak).
    for at in range(0, len(d_v), _VARIANTS_AT_ONCE):
        part = slice(at, at + _VARIANTS_AT_ONCE)
        p = place[r_v[part]]
        lo = np.searchsorted(cell_key, cell_key[p], side="left")
        lengths = np.searchsorted(cell_key, cell_key[p], side="right") - lo
        offset = np.cumsum(lengths) - lengths  # where each variant's rows start in the block
        picks = by_cell[np.repeat(lo - offset, lengths) + np.arange(int(lengths.sum()))]
        values = rows.value[picks]
        values[offset + (p - lo)] = new_v[part]  # the moved rating
        after, _ = batch.aggregate(batch.block(d_v[part], picks, value=values,
                                               lengths=lengths))
        after_v[part] = after[np.arange(len(p)), j_v[part]]
        flips = np.flatnonzero(fails_now[part] != below_floor_many(after_v[part],
                                                                   floors[k_v[part]]))
        if not len(flips):
            continue
        # the crossings judged by the engine: the dossier's values with the moved cell's
        # (a move changes no count of ratings: too few ratings stays as it was)
        origin = d_v[part][flips]
        moved = base_values[origin].copy()
        moved[np.arange(len(flips)), j_v[part][flips]] = after_v[part][flips]
        judged = batch.judge(batch.block(origin, np.zeros(0, dtype=np.int64),
                                         lengths=np.zeros(len(flips), dtype=np.int64)),
                             values=moved, short=batch.base_short[origin])
        crossed[at + flips] = np.array(judged.rankable, dtype=bool) != ranked_now[origin]
    found: dict[str, dict[str, FloorEdge]] = {}
    for x in np.flatnonzero(crossed).tolist():
        c = floored[int(k_v[x])]
        mine = found.setdefault(ids[int(d_v[x])], {})
        if c.id not in mine:
            mine[c.id] = FloorEdge(c.id, _num(before_v[x]), float(floors[k_v[x]]),
                                   "up" if fails_now[x] else "down", _num(after_v[x]))
    return {did: tuple(edges[c.id] for c in floored if c.id in edges)
            for did, edges in found.items()}


def _num(x: object) -> float | None:
    v = float(x)  # type: ignore[arg-type]
    return None if v != v else v


def line_neighbours(result: Result, *, withdrawn: bool = False
                    ) -> tuple[str | None, str | None]:
    """(the last ranked dossier funded above the funding line, the first ranked one at or
    below it) in the selection as it stands (:attr:`~isgrid.engine.Result.current`: the
    proposal, or the decided list after a withdrawal or a decision, with its line,
    ``Budget.line``: the two dossiers the documents draw the line between).  Without a
    line (nothing left below the selection: :func:`no_line`), (None, None): nothing is
    above a line that is not there.

    The one rule of where the line is: the documents draw it above the second
    (``withdrawn=True``: a withdrawn dossier below the line is below it, and the line
    is drawn above it, never under it as if it were funded); the discussion agenda and the
    zone grise look at the two dossiers next to it, and skip withdrawn ones (nobody
    discusses them).  :func:`proposal_neighbours` reads the jury's proposal by the same
    rule."""
    return _neighbours(result, result.current, withdrawn)


def line_total(d: DossierResult) -> float | None:
    """Where a dossier (a :class:`~isgrid.engine.dossier.DossierResult`) stands on the
    scale the funding line is measured on: its ranking total when the grid ranks with
    ranking weights that differ from its weights (``ranking_total``), else its total.  The
    line is drawn in the ranking's order, so its value and every distance to it are read
    on that scale (:func:`line_position`; ``isgrid sensitivity`` reads the engine's same
    ranking key, :func:`isgrid.analysis.sensitivity.ranking_totals`): the result's one
    reading of it, :attr:`~isgrid.engine.dossier.DossierResult.ranking_key`."""
    return d.ranking_key


def line_position(above: float | None, below: float | None) -> float | None:
    """Where the funding line sits between the two dossiers it is drawn between
    (:func:`line_neighbours`, :func:`proposal_neighbours`), given their totals (scored
    mode) or ranks: halfway between them, the one value there is when the other is
    missing, None without either.  The one rule of the line's value: the committee
    report's agenda and fiches (:func:`isgrid.documents.agenda.line_value`) and
    ``isgrid sensitivity`` read it here, so that the same proposal gives the same line
    in both, a tie at the line included (the tied dossiers are the first below it:
    the line is halfway between the last funded and them, as the report's sentence
    says, never on the tied dossiers' own total)."""
    if above is not None and below is not None:
        return (above + below) / 2
    return above if above is not None else below


def proposal_neighbours(result: Result) -> tuple[str | None, str | None]:
    """:func:`line_neighbours` in the jury's proposal (``Selection.proposed`` and its
    line), decisions and withdrawals left out: what ``isgrid sensitivity`` analyses (it
    re-scores the proposal, :mod:`isgrid.analysis.sensitivity`).  A dossier withdrawn
    since is still in the proposal's competition, so it counts."""
    sel = result.selection
    return _neighbours(result, sel.proposed if sel is not None else None, True)


def _neighbours(result: Result, now: Budget | None, withdrawn: bool
                ) -> tuple[str | None, str | None]:
    """The rule of :func:`line_neighbours`, on the selection ``now``."""
    if now is None or now.line is None:
        return None, None
    funded = set(now.selected)
    line = now.line
    ranked = [d for d in result.dossiers if d.rank is not None
              and (withdrawn or d.status != Status.RETIRE)]
    above = [d.id for d in ranked if d.rank is not None and d.rank < line and d.id in funded]
    below = next((d.id for d in ranked if d.rank is not None and d.rank >= line), None)
    return (above[-1] if above else None), below


def first_below(result: Result, *, proposal: bool = False) -> tuple[str, ...]:
    """Every ranked dossier equally first below the funding line, in the result's order:
    :func:`line_neighbours`' second (``proposal``: :func:`proposal_neighbours`') and the
    others of its rank not funded (tied with it: the other members of a tie at the line
    a decision settled without taking them are below it as much as the first of them),
    withdrawn ones skipped but in the proposal.  Empty without a line.

    A tie at the line a decision settled by taking some of its members leaves the others
    at the rank of the last dossier funded: the line is drawn below the whole tie (a rank
    is never split, docs/decisions.md, "The funding line after decisions"), yet those
    left out are the first below it, before the next rank (found by a review: DN-201 of a
    tie at rank 9 retained, DN-228 left out, and DN-219, rank 11, called « premier
    dossier sous la ligne »)."""
    sel = result.selection
    now = (sel.proposed if sel is not None else None) if proposal else result.current
    above, below = _neighbours(result, now, proposal)
    if now is None or below is None:
        return ()
    funded = set(now.selected)

    def left_at(rank: int | None) -> tuple[str, ...]:
        return tuple(d.id for d in result.dossiers if d.rank == rank and d.id not in funded
                     and (proposal or d.status != Status.RETIRE))

    tied_left = left_at(result.dossier(above).rank) if above is not None else ()
    return tied_left or left_at(result.dossier(below).rank)


#: :class:`NoLine`: every ranked dossier still in the call is funded (but those whose
#: status is « à vérifier »: their selection waits for a check, not for the envelope).
ALL_FUNDED = "all-funded"
#: :class:`NoLine`: nothing is left below the selection, but some ranked dossiers are not
#: funded for another reason than the line (a dossier ``skip`` passed over above the last
#: one funded, one a maximum blocked, an amount under the minimum grant).
NONE_LEFT_BELOW = "none-left-below"


@dataclass(frozen=True)
class NoLine:
    """Why a selection draws no funding line (:func:`no_line`)."""

    why: str  # ALL_FUNDED or NONE_LEFT_BELOW
    top: int | None  # the selection is the first ``top`` dossiers (no budget)
    waiting: tuple[str, ...]  # ranked, not funded, « à vérifier »

    def text(self, lang: str) -> str:
        """The one sentence every document writes where the line would be
        (``locale/seance.json``, ``line.none.*``)."""
        from ..i18n import translator

        t = translator("seance", lang)
        out = t(f"line.none.{self.why}.{'top' if self.top is not None else 'budget'}",
                k=self.top)
        if self.waiting:
            out += " " + t("line.none.to-check", ids=", ".join(self.waiting))
        return out


def no_line(result: Result, *, proposal: bool = False) -> NoLine | None:
    """Why the selection as it stands (``proposal``: the jury's proposal) draws no
    funding line; None when it draws one, or when the call selects nothing (no budget,
    no top).

    The engine's line (``Budget.line``) is None when nothing is left below the
    selection; :func:`line_neighbours` then names no dossier, and every document says so
    in the same words (:meth:`NoLine.text`: the committee report, its zone grise and
    agenda, the tableau de séance, ``isgrid sensitivity``): nothing is « au-dessus de la
    ligne »."""
    sel = result.selection
    if sel is None:
        return None
    now = sel.proposed if proposal else result.current
    if now is None or now.line is not None:
        return None
    funded = set(now.selected)
    why = ALL_FUNDED
    waiting: list[str] = []
    for d in result.dossiers:
        if d.rank is None or d.id in funded:
            continue
        status = d.computed.status if proposal else d.status
        if status == Status.A_VERIFIER:
            waiting.append(d.id)
        elif proposal or status != Status.RETIRE:
            why = NONE_LEFT_BELOW
    return NoLine(why, sel.top if now.budget is None else None, tuple(waiting))


def zone_grise(call: Call, result: Result,
               edges: dict[str, tuple[FloorEdge, ...]] | None = None) -> list[GreyDossier]:
    """The zone grise of a scored call's result, in the result's order (module docstring).
    ``edges``: :func:`floor_edges` of the same call and result, when the caller has them."""
    above, _ = line_neighbours(result)
    below = set(first_below(result))
    if edges is None:
        edges = floor_edges(call, result)
    out: list[GreyDossier] = []
    for d in result.dossiers:
        if d.status in (Status.IRRECEVABLE, Status.RETIRE):
            continue
        reasons: list[str] = []
        if result.tie_open(d):  # tied at the line and nobody settled it yet: every tied
            reasons.append("tie")  # dossier is at the line, none the first below it
        elif d.id == above:
            reasons.append("line-above")
        elif d.id in below:  # the first below it, and those tied with it (first_below)
            reasons.append("line-below")
        if d.id in edges:
            reasons.append("floor-edge")
        if d.status == Status.A_VERIFIER:
            reasons.append("to-check")
        if reasons:
            out.append(GreyDossier(d.id, tuple(reasons), edges.get(d.id, ())))
    return out
