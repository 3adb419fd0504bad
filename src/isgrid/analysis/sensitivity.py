"""Where the decision is fragile: ``isgrid sensitivity CALL`` (and ``score --sensitivity``).

The funding line is where the selection walk stops (a budget, or
``selection.top``), in the jury's proposal.  The two dossiers either side of it are
the zone grise's (:func:`isgrid.analysis.zone.proposal_neighbours`, the rule the
committee report draws the line by): the last dossier funded above it and the first
ranked dossier at or below it.  The **line value** is halfway between their totals
(the one of them there is, when there is one; a total is what the ranking orders: the
ranking total when the grid ranks with ranking weights, :func:`ranking_totals`).  A
dossier is **near the line** when it
is eligible, has a total, and that total is within ``margin`` points (call.yaml
``sensitivity: {margin: 5}``, default 5 points out of 100) of the line value; the two
dossiers either side of the line (with those tied with the first below it:
:func:`isgrid.analysis.zone.first_below`) and every ranked dossier whose selection is
undecided are always near.

« Not selected » is one reading here: ``selected is False``.  A ranked dossier whose
selection is undecided (``None``: its amount is « à vérifier », or it ties at the line)
is neither selected nor not selected: it does not place the line (but a tie at the
line, which is at or below it), and it is always near.  Without a line (every ranked
dossier fits the budget or the top: :func:`isgrid.analysis.zone.no_line`), there is no
line value, nothing is near a line, and only the undecided dossiers are looked at.

For each dossier near the line:

(a) **leave one juror out**: every assessor with ratings is removed in turn
    (all their ratings); does the dossier's selection change?
(b) **one level**: every usable rating of the dossier is moved, one at a time,
    to the next level of its scale up, then down; does the dossier's selection
    change?
(c) with ``draws`` (``--draws N``): N seeded draws; in each, every dossier's
    own raters are resampled with replacement (a dossier rated by j1, j2, j3
    gets three raters drawn from j1, j2, j3; one drawn twice counts twice), so
    that no dossier is ever left without a rater; optionally every criterion
    and section weight is multiplied by a factor drawn uniformly in
    [1 - w, 1 + w], w from ``sensitivity: {weights: w}`` (default
    :data:`~isgrid.call.blocks.WEIGHT_PERTURBATION`: none).  Reported: the
    share of draws in which the dossier is selected (an undecided tie counts
    as not selected), its rank interval (5th to 95th percentile, nearest rank,
    of its rank over the draws in which it is ranked), and the share of draws
    in which it is not ranked.

"Selection changes" compares the selected value (true / false / undecided).
The dossiers whose selection changes under (a) or (b) form the **zone grise**
that the committee must discuss.  Eligibility is held fixed.

Every variant is scored by the engine (:class:`isgrid.engine.batch.Batch`):
only the dossiers a variant changes are re-aggregated and re-judged, then the
whole call is ranked and walked once per distinct variant; the draws are
aggregated many at a time (stacked blocks of rows).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..call.blocks import SensitivityConfig
from ..call.model import Call
from ..engine import Result
from ..engine.batch import Batch
from ..engine.judge import ranks_differently
from ..errors import CallError, Diagnostic, Location, Message
from ..grid.model import Grid
from .rescoring import Outcome, not_scored, outcome_of
from .zone import NoLine, first_below, line_position, no_line, proposal_neighbours

#: Rows aggregated in one stacked block of draws (memory: about 40 bytes a row).
BLOCK_ROWS = 2_000_000


def sensitivity_config(call: Call) -> SensitivityConfig:
    """The call's ``sensitivity`` block (validated with call.yaml), or its defaults."""
    cfg = call.config.sensitivity
    return cfg if cfg is not None else SensitivityConfig()


@dataclass
class Change:
    """One variation that changes a dossier's selection."""

    kind: str  # "without" or "level"
    assessor: str
    criterion: str | None = None
    before: float | None = None
    after: float | None = None
    selected: bool | None = None  # the new selection
    total: float | None = None  # the new total


@dataclass
class DossierSensitivity:
    id: str
    total: float | None
    rank: int | None
    selected: bool | None
    leave_one_out: list[Change] = field(default_factory=list)
    one_level: list[Change] = field(default_factory=list)
    probability: float | None = None
    rank_interval: tuple[int, int] | None = None
    unranked_share: float | None = None

    @property
    def grey(self) -> bool:
        return bool(self.leave_one_out or self.one_level)


@dataclass
class Sensitivity:
    line_value: float | None
    margin: float
    near: list[DossierSensitivity]
    draws: int
    seed: int
    weights: float
    all_draws: dict[str, DossierSensitivity] = field(default_factory=dict)
    no_line: NoLine | None = None  # the proposal draws no line: why
    #: the grid ranks with ranking weights: the line and the margin are on ranking totals
    ranking: bool = False

    @property
    def zone_grise(self) -> list[str]:
        return [d.id for d in self.near if d.grey]


def _line(at: dict[str, float | None], neighbours: tuple[str | None, str | None]
          ) -> float | None:
    """The line value: halfway between the ranking totals ``at`` of the two dossiers either
    side of the line (:func:`isgrid.analysis.zone.proposal_neighbours`), the one there is
    when one of them is missing, None without a line
    (:func:`isgrid.analysis.zone.line_position`, the committee report's rule)."""
    above, below = (at[d] if d is not None else None for d in neighbours)
    return line_position(above, below)


def ranking_totals(batch: Batch) -> dict[str, float | None]:
    """Each dossier's place on the ranking's scale, the call's own ratings: what the engine
    ranks by (its ranking key: the ranking total when the grid gives ranking weights that
    differ from its weights, else the total; None without a total).  The line is drawn in
    the ranking's order, so it is measured on that scale: on plain totals, a grid whose
    ranking weights differ put the line between two totals the ranking does not order,
    and called near it dossiers the ranking puts far from it."""
    return {d: (float(k[0]) if k else None)
            for d, k in zip(batch.ids, batch.base.key, strict=True)}


def near_line(ids: list[str], eligible: dict[str, bool | None], base: Outcome,
              margin: float, neighbours: tuple[str | None, str | None],
              below: Iterable[str] = (), at: dict[str, float | None] | None = None
              ) -> tuple[float | None, list[str]]:
    """(the line value, the dossiers near it in rank order): module docstring.
    ``neighbours``: the two dossiers either side of the line in ``base``'s proposal
    (:func:`isgrid.analysis.zone.proposal_neighbours`); ``below``: every dossier equally
    first below it (:func:`isgrid.analysis.zone.first_below`), each always near.  ``at``:
    each dossier's ranking total (:func:`ranking_totals`), the scale the line and the
    margin are measured on; default its total (a grid without ranking weights)."""
    at = base.total if at is None else at
    line = _line(at, neighbours)
    always = {d for d in neighbours if d is not None} | set(below)
    # undecided (« à vérifier », a tie at the line): neither selected nor not selected
    always |= {d for d in ids if base.rankable[d] and base.selected[d] is None}
    near = []
    for d in ids:
        t = at[d]
        if eligible[d] is not True or t is None:
            continue
        if d in always or (line is not None and abs(t - line) <= margin + 1e-9):
            near.append(d)
    near.sort(key=lambda d: (base.rank[d] is None, base.rank[d] or 0, -(base.total[d] or 0), d))
    return line, near


def _levels(call: Call) -> dict[int, list[float]]:
    """The levels of each criterion's scale, by column of the rating table."""
    g = call.grid.grid
    col = {cid: i for i, cid in enumerate(call.table.criterion_ids)}
    return {col[c.id]: sorted(float(lv.value) for lv in g.scales[c.scale].levels)
            for c in g.criteria() if c.id in col}


def _no_line(call: Call) -> CallError:
    return CallError("no funding line", [Diagnostic(
        "call-invalid", Message("the call has no funding line (no budget and no selection.top)"),
        Location(str(call.folder / "call.yaml"), key_path="budget"),
        hint="Set `budget:` or `selection: {top: K}` in call.yaml.")])


def _has_line(call: Call) -> bool:
    sel = call.config.selection
    return call.config.budget is not None or (sel is not None and sel.top is not None)


def analyse(call: Call, result: Result, *, draws: int | None = None,
            seed: int | None = None) -> Sensitivity:
    """The sensitivity report of a scored call with a funding line (module docstring).

    ``result`` is the call's result; the analysis re-scores the jury's proposal
    itself (the journal's consensus values apply, not its decisions)."""
    if call.grid.grid.resolved_mode() != "scored":
        raise not_scored(call, Message("sensitivity"))
    if not _has_line(call):
        raise _no_line(call)
    cfg = sensitivity_config(call)
    batch = Batch(call, result=result)
    ids = batch.ids
    base = outcome_of(ids, batch.propose())
    eligible = dict(zip(ids, batch.eligible, strict=True))
    line, near_ids = near_line(ids, eligible, base, cfg.margin, proposal_neighbours(result),
                               first_below(result, proposal=True), ranking_totals(batch))
    near = [DossierSensitivity(d, base.total[d], base.rank[d], base.selected[d])
            for d in near_ids]
    index = {d: i for i, d in enumerate(ids)}
    rows = batch.rows
    starts = np.searchsorted(rows.dossier, np.arange(len(ids) + 1)).tolist()
    _leave_one_out(batch, near, index, starts)
    _one_level(batch, call, near, index, starts)
    n_draws = cfg.draws if draws is None else draws
    used_seed = cfg.seed if seed is None else seed
    report = Sensitivity(line, cfg.margin, near, n_draws, used_seed, cfg.weights,
                         no_line=no_line(result, proposal=True),
                         ranking=ranks_differently(call.grid.grid))
    if n_draws > 0:
        report.all_draws = _bootstrap(batch, base, n_draws, used_seed, cfg.weights, starts)
        for n in near:
            b = report.all_draws[n.id]
            n.probability, n.rank_interval, n.unranked_share = (
                b.probability, b.rank_interval, b.unranked_share)
    return report


def _leave_one_out(batch: Batch, near: list[DossierSensitivity], index: dict[str, int],
                   starts: list[int]) -> None:
    """(a): each assessor's ratings removed in turn; only the dossiers they rated change."""
    rows = batch.rows
    assessor = rows.assessor
    names = batch.assessor_ids
    present = sorted(set(assessor.tolist()), key=lambda a: names[a])
    for a in present:
        theirs = assessor == a
        touched = np.unique(rows.dossier[theirs]).tolist()
        picks = [np.flatnonzero(~theirs[starts[d]:starts[d + 1]]) + starts[d] for d in touched]
        judged = batch.judge(batch.block(touched, picks))
        out = batch.propose(judged, {d: k for k, d in enumerate(touched)})
        for n in near:
            i = index[n.id]
            if out.selected[i] != n.selected:
                n.leave_one_out.append(Change("without", names[a], selected=out.selected[i],
                                              total=out.total[i]))


def _one_level(batch: Batch, call: Call, near: list[DossierSensitivity],
               index: dict[str, int], starts: list[int]) -> None:
    """(b): each usable rating of a near dossier moved one level up, then down.

    Ratings with the same value on the same criterion of the same dossier make
    the same variant: each distinct variant is judged once (the variants of many
    near dossiers in one block), and the call is ranked and walked once per distinct place of the
    dossier in the ranking (:meth:`~isgrid.engine.batch.Batch.selected_if`)."""
    # near dossiers a block at a time: a national call has thousands of them, each with
    # two variants of its every rating (memory stays about BLOCK_ROWS rows)
    widest = max((starts[index[n.id] + 1] - starts[index[n.id]] for n in near), default=1)
    step = max(1, BLOCK_ROWS // max(1, 2 * widest * widest))
    for at in range(0, len(near), step):
        _one_level_block(batch, call, near[at:at + step], index, starts)


def _one_level_block(batch: Batch, call: Call, near: list[DossierSensitivity],
                     index: dict[str, int], starts: list[int]) -> None:
    rows = batch.rows
    levels = _levels(call)
    names = batch.assessor_ids
    cids = batch.criterion_ids
    steps: dict[tuple[int, float], list[float]] = {}  # (column, value): the levels next to it
    variants: dict[tuple[int, int, float, float], int] = {}
    origin: list[int] = []
    spans: list[tuple[int, int, int]] = []  # (first row, end, the row changed)
    new_values: list[float] = []
    moves: list[tuple[DossierSensitivity, str, str, float, float, int]] = []
    for n in near:
        d = index[n.id]
        lo, hi = starts[d], starts[d + 1]
        crit = rows.criterion[lo:hi].tolist()
        assessor = rows.assessor[lo:hi].tolist()
        value = rows.value[lo:hi].tolist()
        mine = sorted(range(hi - lo), key=lambda x: (cids[crit[x]], names[assessor[x]]))
        for x in mine:
            ci, v = crit[x], value[x]
            nexts = steps.get((ci, v))
            if nexts is None:
                ups = [y for y in levels[ci] if y > v + 1e-9]
                downs = [y for y in levels[ci] if y < v - 1e-9]
                nexts = steps[(ci, v)] = ([ups[0]] if ups else []) + (
                    [downs[-1]] if downs else [])
            for new in nexts:
                key = (d, ci, v, new)
                k = variants.get(key)
                if k is None:
                    k = variants[key] = len(origin)
                    origin.append(d)
                    spans.append((lo, hi, lo + x))
                    new_values.append(new)
                moves.append((n, names[assessor[x]], cids[ci], v, new, k))
    if not origin:
        return
    # each variant: its dossier's rows, one value changed (gathered at once)
    lengths = np.array([h - lo for lo, h, _ in spans], dtype=np.int64)
    firsts = np.array([lo for lo, _, _ in spans], dtype=np.int64)
    ends = np.cumsum(lengths)
    idx = np.repeat(firsts - (ends - lengths), lengths) + np.arange(int(ends[-1]))
    value_all = rows.value[idx]
    changed_at = (ends - lengths) + np.array([r - lo for lo, _, r in spans], dtype=np.int64)
    value_all[changed_at] = np.array(new_values, dtype=np.float64)
    picks = np.split(idx, ends[:-1])
    judged = batch.judge(batch.block(origin, picks, value=value_all))
    chosen: dict[int, bool | None] = {}  # each variant's selection, once: moves share them
    for n, aid, cid, before, after, k in moves:
        if k not in chosen:
            chosen[k] = batch.selected_if(origin[k], judged, k)
        selected = chosen[k]
        if selected != n.selected:
            n.one_level.append(Change("level", aid, cid, before, after, selected,
                                      judged.total[k]))


def perturbed_grid(grid: Grid, uniform: Callable[[float, float], float], w: float) -> Grid:
    """Every criterion and section weight multiplied by ``uniform(1 - w, 1 + w)``."""
    if w <= 0:
        return grid
    sections = []
    for s in grid.sections:
        crits = [c.model_copy(update={"weight": float(c.weight if c.weight is not None else 1)
                                      * float(uniform(1 - w, 1 + w))}) for c in s.criteria]
        sections.append(s.model_copy(update={
            "criteria": crits,
            "weight": float(s.weight if s.weight is not None else 1)
            * float(uniform(1 - w, 1 + w)),
        }))
    return grid.model_copy(update={"sections": sections})


def _percentile(sorted_vals: list[int], q: float) -> int:
    """Nearest-rank percentile of a sorted list (q in [0, 1])."""
    i = max(0, math.ceil(q * len(sorted_vals)) - 1)
    return sorted_vals[min(i, len(sorted_vals) - 1)]


def rater_groups(batch: Batch, starts: list[int]) -> tuple[Any, Any, Any, Any]:
    """Each dossier's raters as groups of rating rows (rows are sorted by dossier, assessor).

    Returns (group start row, group length, first group of each dossier, number of
    raters of each dossier)."""
    rows = batch.rows
    n_rows = len(rows.dossier)
    if not n_rows:
        n = len(batch.ids)
        return (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(n, np.int64),
                np.zeros(n, np.int64))
    new = np.ones(n_rows, dtype=bool)
    new[1:] = (rows.dossier[1:] != rows.dossier[:-1]) | (rows.assessor[1:] != rows.assessor[:-1])
    g_start = np.flatnonzero(new)
    g_len = np.diff(np.append(g_start, n_rows))
    g_dossier = rows.dossier[g_start]
    raters = np.bincount(g_dossier, minlength=len(batch.ids))
    first = np.zeros(len(batch.ids), dtype=np.int64)
    first[1:] = np.cumsum(raters)[:-1]
    return g_start, g_len, first, raters


def resample(rng: np.random.Generator, first: Any, raters: Any) -> Any:
    """One draw: for every dossier, as many of its raters as it has, drawn with
    replacement (group indices, dossier by dossier)."""
    slot_dossier = np.repeat(np.arange(len(raters)), raters)
    u = rng.random(len(slot_dossier))
    m = raters[slot_dossier]
    return first[slot_dossier] + np.minimum((u * m).astype(np.int64), m - 1)


def _bootstrap(batch: Batch, base: Outcome, n: int, seed: int, w: float,
               starts: list[int]) -> dict[str, DossierSensitivity]:
    """(c): ``n`` draws, each resampling every dossier's own raters (and the weights)."""
    ids = batch.ids
    n_d = len(ids)
    g_start, g_len, first, raters = rater_groups(batch, starts)
    rows = batch.rows
    entropy = seed % (1 << 64)
    rng_raters = np.random.default_rng([entropy, 0])
    rng_weights = np.random.default_rng([entropy, 1])
    # each dossier's raters summed once: a draw adds up its chosen raters' sums
    rr = batch.rater_rows(np.repeat(np.arange(len(g_start), dtype=np.int64), g_len),
                          len(g_start))
    # a block holds about BLOCK_ROWS rating rows, or as many of the raters' cells, beside
    # the cells of its dossiers (a call still being rated has few raters for its dossiers)
    cells = n_d * len(batch.criterion_ids)
    per_draw = max(1, cells + (len(g_start) * len(batch.criterion_ids) if rr is not None
                               else len(rows.dossier)))
    chunk = max(1, min(n, BLOCK_ROWS // per_draw))
    selected = np.zeros(n_d, dtype=np.int64)
    ranks = np.zeros((n, n_d), dtype=np.int32)  # 0: not ranked
    done = 0
    while done < n:
        c = min(chunk, n - done)
        groups = [resample(rng_raters, first, raters) for _ in range(c)]
        chosen = np.concatenate(groups)
        draw_of_group = np.repeat(np.arange(c, dtype=np.int64), [len(x) for x in groups])
        block_dossier = draw_of_group * n_d + rows.dossier[g_start[chosen]]
        origin = np.tile(np.arange(n_d, dtype=np.int64), c)
        stage1 = (batch.aggregate_raters(rr, origin, chosen, block_dossier) if rr is not None
                  else None)
        if stage1 is None:  # the chosen raters' rating rows, aggregated
            lengths = g_len[chosen]
            idx = np.repeat(g_start[chosen] - np.concatenate(([0], np.cumsum(lengths)[:-1])),
                            lengths)
            idx += np.arange(len(idx), dtype=np.int64)  # the rows of each chosen rater
            stage1 = batch.aggregate(type(rows)(
                origin, np.repeat(block_dossier, lengths), rows.assessor[idx],
                rows.criterion[idx], rows.value[idx]))
        values, short = stage1
        # the weights of each draw, in draw order; the draws judged in one pass
        grids = [perturbed_grid(batch.grid, rng_weights.uniform, w) for _ in range(c)] \
            if w > 0 else []
        for k, (taken, rank) in enumerate(batch.draws(origin, values, short, grids)):
            selected += taken
            ranks[done + k] = rank
        done += c
    res: dict[str, DossierSensitivity] = {}
    for i, d in enumerate(ids):
        col = ranks[:, i]
        rk = np.sort(col[col > 0]).tolist()
        res[d] = DossierSensitivity(
            d, base.total[d], base.rank[d], base.selected[d],
            probability=int(selected[i]) / n,
            rank_interval=(_percentile(rk, 0.05), _percentile(rk, 0.95)) if rk else None,
            unranked_share=(n - len(rk)) / n)
    return res


def _change(c: Change) -> dict[str, Any]:
    out: dict[str, Any] = {"assessor": c.assessor, "selected": c.selected, "total": c.total}
    if c.kind == "level":
        out |= {"criterion": c.criterion, "from": c.before, "to": c.after}
    return out


def sensitivity_data(s: Sensitivity) -> dict[str, Any]:
    """The report as plain data (JSON)."""
    return {
        "line": s.line_value,
        "no_line": s.no_line.why if s.no_line is not None else None,
        "margin": s.margin,
        "draws": s.draws,
        "seed": s.seed,
        "weights": s.weights,
        "zone_grise": s.zone_grise,
        "near": [
            {"id": n.id, "total": n.total, "rank": n.rank, "selected": n.selected,
             "leave_one_out": [_change(c) for c in n.leave_one_out],
             "one_level": [_change(c) for c in n.one_level],
             "probability": n.probability,
             "rank_interval": list(n.rank_interval) if n.rank_interval else None,
             "unranked_share": n.unranked_share, "zone_grise": n.grey}
            for n in s.near],
        "all": {d: {"probability": b.probability,
                    "rank_interval": list(b.rank_interval) if b.rank_interval else None,
                    "unranked_share": b.unranked_share}
                for d, b in s.all_draws.items()},
    }
