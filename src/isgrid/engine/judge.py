"""The three ways grids judge: checklist, profile, scored.

Each function takes the per-criterion statistics of one dossier (``value`` is
the aggregate or the consensus) and returns a :class:`ModeOutcome`.  Only the
scored mode ever produces a total; the profile mode never does, by
construction (DESIGN.md, "Three ways grids judge").
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..grid.check import counts_as
from ..grid.logic import at_least, effective_verdict
from ..grid.model import Criterion, Grid, VerdictRule
from ..grid.weights import effective_weights as effective_weights
from ..grid.weights import item_weight
from ..vocabulary import EPS, TOTAL_DECIMALS

VERDICT_RANK = {"caractérisé": 2, "partiellement": 1, "non caractérisé": 0}


@dataclass(slots=True)
class ModeOutcome:
    complete: bool
    total: float | None = None
    verdict: str | None = None
    profile: dict[str, Any] | None = None
    checklist: dict[str, Any] | None = None
    sections: dict[str, float | None] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    states: dict[str, str | None] = field(default_factory=dict)
    key: tuple[float, ...] = ()
    rankable: bool = False
    incomplete: bool = False  # "incomplet" status: a needed value is missing
    ranking_total: float | None = None  # scored, with ranking weights: what ranks


def short_of(value: Any, bound: Any) -> Any:
    """``value`` does not reach ``bound``: the rule of floors and of the threshold.

    Within :data:`EPS` counts as reached.  Works on a number or a numpy array
    (the engine judges every dossier at once; self-assessment one answer).
    """
    return value + EPS < bound


def below_floor(value: float | None, floor: float | None) -> bool:
    """A criterion's floor is not reached (a missing value does not reach it either)."""
    return floor is not None and (value is None or bool(short_of(value, float(floor))))


def below_floor_many(values: Any, floors: Any) -> Any:
    """:func:`below_floor` over arrays: a missing value (NaN) does not reach its floor."""
    import numpy as np

    values = np.asarray(values, dtype=np.float64)
    return np.isnan(values) | short_of(values, np.asarray(floors, dtype=np.float64))


def ranks_differently(grid: Grid) -> bool:
    """The grid gives ranking weights that differ from its weights: a ``ranking_total``."""
    items: list[Any] = [*grid.sections, *grid.criteria()]
    return any(i.ranking_weight is not None and float(i.ranking_weight) != item_weight(i)
               for i in items)


def scored(grid: Grid, scoring: list[Criterion], stats: dict[str, dict[str, Any]],
           *, renormalise: bool, eff: dict[str, float] | None = None) -> ModeOutcome:
    """Total, floors, threshold, section scores of one dossier (see :func:`scored_many`)."""
    import numpy as np

    values = np.array([[np.nan if stats[c.id]["value"] is None else stats[c.id]["value"]
                        for c in scoring]], dtype=np.float64).reshape(1, len(scoring))
    return scored_many(grid, scoring, values, renormalise=renormalise, eff=eff)[0]


def weighted_total(grid: Grid, scoring: list[Criterion], values: Any, eff: Mapping[str, Any],
                   renormalise: bool) -> Any:
    """total = N x sum(eff_c x s_c) / sum(eff_c), N = ``total.out_of`` (100 by default),
    s_c the criterion's value as a share of its scale; NaN where a value is missing
    (unless ``renormalise``: then over the criteria that have one).

    Whole columns are combined criterion by criterion in grid order, so each
    dossier's sums are the same floating-point operations in the same order as a
    loop over its criteria would do.
    """
    import numpy as np

    n_d = values.shape[0]
    missing = np.isnan(values)
    num = np.zeros(n_d)
    den = np.zeros(n_d)
    for j, c in enumerate(scoring):
        scale = grid.scales[c.scale]
        s = (values[:, j] - scale.min) / (scale.max - scale.min)
        ok = ~missing[:, j]
        num = np.where(ok, num + eff[c.id] * s, num)
        den = np.where(ok, den + eff[c.id], den)
    any_missing = missing.any(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        total = np.where((~any_missing | renormalise) & (den > 0),
                         grid.out_of() * num / den, np.nan)
    # Shares of scales (0.6, 0.7...) are not exact in binary: 3 + 3.5 + 3.5 out of 15
    # would come out as 9.999999999999998.  Totals are kept to TOTAL_DECIMALS places, far
    # below any difference a grid can make (EPS), so that a sum of scores is the sum.
    return np.round(total, TOTAL_DECIMALS)


@dataclass(frozen=True)
class ScoredColumns:
    """:func:`scored_columns`' answer: one entry per row of ``values`` (numpy arrays)."""

    total: Any  # float64, NaN without a total
    key: Any  # float64: what ranks (the ranking total where the grid has one, else total)
    ranking: Any  # float64 or None: the ranking total, when the grid ranks differently
    rankable: Any  # bool: a total, every floor and the threshold reached
    missing: Any  # bool (rows x criteria)
    floor_fail: Any  # bool (rows x criteria)
    below_threshold: Any  # bool


def scored_columns(grid: Grid, scoring: list[Criterion], values: Any, *, renormalise: bool,
                   eff: Mapping[str, Any] | None = None,
                   ranking_eff: Mapping[str, Any] | None = None) -> ScoredColumns:
    """Total, ranking key, floors and threshold of every row of ``values`` at once, as
    columns (what :func:`scored_many` makes its records of; sensitivity's draws rank
    these directly, hundreds of thousands of rows).

    ``values``: array (dossiers x scoring criteria) of the aggregates, NaN where
    missing (results do not depend on how many dossiers are scored together).
    ``eff``: precomputed weights.  Floors and the threshold read the total with
    the plain weights; the ranking key is the total with the ranking weights
    (``ranking_total``, set only when the grid gives ranking weights that differ).

    A weight of ``eff`` (and of ``ranking_eff``, the ranking weights, which then
    replace the grid's) may be an array with one weight per row instead of a
    number: the rows of many weight draws are then scored in one pass, each row
    with the very operations a number would give it (sensitivity's draws).
    """
    import numpy as np

    if eff is None:
        eff = effective_weights(grid, scoring)
    n_d = values.shape[0]
    missing = np.isnan(values)
    total = weighted_total(grid, scoring, values, eff, renormalise)
    ranking = None
    if ranking_eff is not None:
        ranking = weighted_total(grid, scoring, values, ranking_eff, renormalise)
    elif ranks_differently(grid):
        ranking = weighted_total(grid, scoring, values,
                                 effective_weights(grid, scoring, ranking=True), renormalise)
    has_total = ~np.isnan(total)
    floor_fail = np.zeros((n_d, len(scoring)), dtype=bool)
    for j, c in enumerate(scoring):
        if c.floor is not None:
            floor_fail[:, j] = missing[:, j] | short_of(values[:, j], float(c.floor))
    below_threshold = np.zeros(n_d, dtype=bool)
    if grid.threshold is not None:
        below_threshold = has_total & short_of(total, float(grid.threshold))
    rankable = has_total & ~floor_fail.any(axis=1) & ~below_threshold
    return ScoredColumns(total, total if ranking is None else ranking, ranking, rankable,
                         missing, floor_fail, below_threshold)


def nan_as_none(column: Any) -> list[float | None]:
    """A float column as a list, None where NaN (numpy lays it out, not a Python loop): how
    the engine hands a column of values to per-dossier code."""
    import numpy as np

    out = column.astype(object)
    out[np.isnan(column)] = None
    return out.tolist()  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class ScoredRows:
    """:func:`scored_rows`' answer: the fields of each row's :class:`ModeOutcome` in the
    scored mode, one list per field (the pipeline reads a national call's 20,000 dossiers
    from these lists, without a record, a flags list and a states dict each)."""

    complete: list[bool]
    total: list[float | None]
    sections: list[dict[str, float | None]]  # read-only (FrozenDict), one per row
    flags: list[tuple[str, ...] | list[str]]  # () where a row has none (shared)
    key: list[tuple[float, ...]]
    rankable: list[bool]
    incomplete: list[bool]
    ranking_total: list[float | None]


def scored_rows(grid: Grid, scoring: list[Criterion], values: Any, *, renormalise: bool,
                eff: Mapping[str, Any] | None = None,
                ranking_eff: Mapping[str, Any] | None = None) -> ScoredRows:
    """Total, floors, threshold, section scores and flags of every row at once: the
    columns of :func:`scored_columns` (same arguments) as lists, with the sections and
    the flags; :func:`scored_many` makes its records of them."""
    import numpy as np

    from .result import FrozenDict

    if eff is None:
        eff = effective_weights(grid, scoring)
    n_d = values.shape[0]
    sc = scored_columns(grid, scoring, values, renormalise=renormalise, eff=eff,
                        ranking_eff=ranking_eff)
    missing = sc.missing
    any_missing = missing.any(axis=1)
    sections: dict[str, list[float | None]] = {}
    col = {c.id: j for j, c in enumerate(scoring)}
    for sec in grid.sections:
        sn = np.zeros(n_d)
        sd = np.zeros(n_d)
        for c in sec.criteria:
            if c.id not in eff:
                continue
            j = col[c.id]
            scale = grid.scales[c.scale]
            w = eff[c.id]
            ok = ~missing[:, j]
            sn = np.where(ok, sn + w * (values[:, j] - scale.min) / (scale.max - scale.min), sn)
            sd = np.where(ok, sd + w, sd)
        with np.errstate(invalid="ignore", divide="ignore"):
            sv = np.where(sd > 0, sn / sd, np.nan)
        sections[sec.id] = nan_as_none(sv)
    # flags, only where something is wrong (a list made for those rows alone)
    flags: list[tuple[str, ...] | list[str]] = [()] * n_d
    # (each flag's text made once per criterion; the positions read as Python ints)
    word = "renormalised" if renormalise else "incomplete"
    for texts, where in (([f"{word}:{c.id}" for c in scoring], missing),
                         ([f"below-floor:{c.id}" for c in scoring], sc.floor_fail)):
        at_d, at_c = np.nonzero(where)
        for di, j in zip(at_d.tolist(), at_c.tolist(), strict=True):
            _flag(flags, di, texts[j])
    for di in np.flatnonzero(sc.below_threshold).tolist():
        _flag(flags, di, "below-threshold")
    totals = nan_as_none(sc.total)
    keys = sc.key.tolist()
    sec_ids = [sec.id for sec in grid.sections]
    # each row's sections, one read-only map per dossier made by map() (no Python frame per
    # row: 20,000 maps 7.2 -> 5.9 ms); each row holds one value per section id
    by_dossier = zip(*(sections[k] for k in sec_ids), strict=True) if sec_ids \
        else itertools.repeat((), n_d)
    section_maps: list[dict[str, float | None]] = list(
        map(FrozenDict, map(zip, itertools.repeat(sec_ids), by_dossier)))
    no_total = [t is None for t in totals]
    ranking: list[float | None] = [None] * n_d if sc.ranking is None else [
        None if nt else k for k, nt in zip(keys, no_total, strict=True)]
    return ScoredRows(
        (~any_missing).tolist(), totals,
        section_maps, flags,
        [() if nt else (k,) for k, nt in zip(keys, no_total, strict=True)],
        sc.rankable.tolist(), no_total, ranking)


def _flag(flags: list[tuple[str, ...] | list[str]], di: int, flag: str) -> None:
    """``flag`` added to row ``di``'s flags (its list made at its first flag)."""
    row = flags[di]
    if isinstance(row, list):
        row.append(flag)
    else:
        flags[di] = [flag]


def scored_many(grid: Grid, scoring: list[Criterion], values: Any, *, renormalise: bool,
                eff: Mapping[str, Any] | None = None,
                ranking_eff: Mapping[str, Any] | None = None) -> list[ModeOutcome]:
    """Total, floors, threshold, section scores of every dossier at once: the records
    of :func:`scored_rows` (same arguments)."""
    r = scored_rows(grid, scoring, values, renormalise=renormalise, eff=eff,
                    ranking_eff=ranking_eff)
    return [ModeOutcome(r.complete[di], r.total[di], None, None, None, r.sections[di],
                        list(r.flags[di]), {}, r.key[di], r.rankable[di], r.incomplete[di],
                        r.ranking_total[di]) for di in range(len(r.total))]


def checklist(grid: Grid, scoring: list[Criterion], stats: dict[str, dict[str, Any]],
              allowed: list[str] | None) -> ModeOutcome:
    """Verdict: caractérisé, partiellement, non caractérisé or indéterminé.

    A grid that flags no criterion as core treats every criterion as core.  A
    core criterion known to be not met settles the verdict (non caractérisé)
    even if another core criterion is unrated: the missing rating could not
    change it.  Otherwise a core criterion without a usable rating gives
    indéterminé.
    """
    rule = effective_verdict(grid, scoring)
    core_ids = set(rule.criteria_ids())
    states: dict[str, str | None] = {}
    for c in scoring:
        a = stats[c.id]["value"]
        met = counts_as(grid, c, "met")
        partly = counts_as(grid, c, "partly")
        if a is None:
            states[c.id] = None
        elif met is not None and a + EPS >= met:
            states[c.id] = "met"
        elif partly is not None and a + EPS >= partly:
            states[c.id] = "partly"
        else:
            states[c.id] = "not-met"
    core = [c.id for c in scoring if c.id in core_ids]
    comp = [c.id for c in scoring if c.id not in core_ids]
    verdict = checklist_verdict(rule, states)
    flags = [f"incomplete:{cid}" for cid in core if states[cid] is None and verdict ==
             "indéterminé"]
    complete = all(states[c.id] is not None for c in scoring)
    detail = {
        "core": core,
        "core_met": [cid for cid in core if states[cid] == "met"],
        "core_partly": [cid for cid in core if states[cid] == "partly"],
        "core_not_met": [cid for cid in core if states[cid] == "not-met"],
        "core_missing": [cid for cid in core if states[cid] is None],
        "complementary_met": [cid for cid in comp if states[cid] == "met"],
        "complementary_partly": [cid for cid in comp if states[cid] == "partly"],
    }
    sections: dict[str, float | None] = {}
    for sec in grid.sections:
        ids = [c.id for c in sec.criteria if c.id in states]
        rated = [cid for cid in ids if states[cid] is not None]
        sections[sec.id] = (sum(1 for cid in rated if states[cid] == "met") / len(rated)
                            if rated else None)
    ok = allowed or ["caractérisé", "partiellement"]
    rankable = verdict in ok
    key = (float(VERDICT_RANK.get(verdict, -1)), float(len(detail["core_met"])),
           float(len(detail["complementary_met"])))
    return ModeOutcome(complete, None, verdict, None, detail, sections, flags, states, key,
                       rankable, verdict == "indéterminé")


# ---------------------------------------------------------------- checklist verdict rules
#: Criterion states from worst to best, as the combinators of grid/logic.py read them.
CHECKLIST_ORDER: tuple[str | None, ...] = ("not-met", "partly", "met")
VERDICT_OF_STATE: dict[str | None, str] = {
    "met": "caractérisé", "partly": "partiellement", "not-met": "non caractérisé",
    None: "indéterminé"}


def rule_state(rule: VerdictRule, states: dict[str, str | None]) -> str | None:
    """``met``, ``partly``, ``not-met`` or None (unknown) of a verdict rule.

    ``all`` is the worst part, ``any`` the best, ``at_least: K`` the K-th best
    (:func:`isgrid.grid.logic.at_least`, the eligibility rules' combinators); an
    unrated criterion makes the whole unknown only when it could change it.  A
    criterion with ``only_with`` counts as ``all`` of itself and ``any`` of those.
    """
    if rule.criterion is not None:
        own = states.get(rule.criterion)
        if not rule.only_with:
            return own
        with_ = at_least(1, [states.get(cid) for cid in rule.only_with], CHECKLIST_ORDER, None)
        return at_least(2, [own, with_], CHECKLIST_ORDER, None)
    parts = rule.all if rule.all is not None else rule.any if rule.any is not None else rule.of
    parts = parts or []
    need = (len(parts) if rule.all is not None else 1 if rule.any is not None
            else int(rule.at_least or 0))
    return at_least(need, [rule_state(p, states) for p in parts], CHECKLIST_ORDER, None)


def checklist_verdict(rule: VerdictRule, states: dict[str, str | None]) -> str:
    """caractérisé, partiellement, non caractérisé or indéterminé, by the verdict rule.

    With the default rule (every core criterion): a core criterion known to be
    not met settles it (non caractérisé) even if another is unrated; otherwise
    an unrated core criterion gives indéterminé; all met, caractérisé; else
    partiellement.
    """
    return VERDICT_OF_STATE[rule_state(rule, states)]


def verdict_needs(rule: VerdictRule, states: dict[str, str | None]) -> list[str]:
    """The criteria not met that lie on a shortest way to a « caractérisé » verdict.

    Counts how many criteria each part still needs raised to « met » (an
    ``all`` the sum of its parts, an ``at_least: K`` its K cheapest parts) and
    keeps the criteria of every cheapest choice.  Empty when the rule is met.
    Art. 2 of the loi ESS with nothing met: 1°, 2° or 3° (one raise each), not
    4°, which needs a second raise (it counts only with one of the three).
    """
    _, need = _needs(rule, states)
    return [cid for cid in rule.criteria_ids() if cid in need]


def _needs(rule: VerdictRule, states: dict[str, str | None]) -> tuple[int, set[str]]:
    if rule.criterion is not None:
        own = (0, set()) if states.get(rule.criterion) == "met" else (1, {rule.criterion})
        if not rule.only_with:
            return own
        alone = [VerdictRule.model_construct(criterion=cid) for cid in rule.only_with]
        return _combine_needs(2, [own, _combine_needs(1, [_needs(p, states) for p in alone])])
    parts = rule.all if rule.all is not None else rule.any if rule.any is not None else rule.of
    parts = parts or []
    need = (len(parts) if rule.all is not None else 1 if rule.any is not None
            else int(rule.at_least or 0))
    return _combine_needs(need, [_needs(p, states) for p in parts])


def _combine_needs(need: int, parts: list[tuple[int, set[str]]]) -> tuple[int, set[str]]:
    costs = sorted(cost for cost, _ in parts)[:need]
    if not costs or sum(costs) == 0:
        return 0, set()
    kth = costs[-1]
    out: set[str] = set()
    for cost, ids in parts:
        if 0 < cost <= kth:
            out |= ids
    return sum(costs), out


def profile(grid: Grid, scoring: list[Criterion], stats: dict[str, dict[str, Any]],
            *, renormalise: bool) -> ModeOutcome:
    """Intensity per marker and the set of markers present; never a total."""
    prof: dict[str, Any] = {}
    present: list[str] = []
    states: dict[str, str | None] = {}
    missing: list[str] = []
    for c in scoring:
        a = stats[c.id]["value"]
        prof[c.id] = a
        if a is None:
            states[c.id] = None
            missing.append(c.id)
            continue
        threshold = counts_as(grid, c, "present")
        if threshold is not None and a + EPS >= threshold:
            present.append(c.id)
            states[c.id] = "present"
        else:
            states[c.id] = "absent"
    prof["present"] = present
    complete = not missing
    flags = [f"{'renormalised' if renormalise else 'incomplete'}:{cid}" for cid in missing]
    sections: dict[str, float | None] = {}
    for sec in grid.sections:
        vals = [stats[c.id]["value"] for c in sec.criteria
                if c.id in states and stats[c.id]["value"] is not None]
        sections[sec.id] = sum(vals) / len(vals) if vals else None
    incomplete = bool(missing) and not renormalise
    rankable = not incomplete and bool(prof) and len(missing) < len(scoring)
    return ModeOutcome(complete, None, None, prof, None, sections, flags, states,
                       (float(len(present)),), rankable, incomplete)
