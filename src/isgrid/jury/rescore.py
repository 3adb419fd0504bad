"""Scoring a call again with changed ratings or weights, fast.

Calibration and sensitivity score the same call hundreds of times with one
juror removed, one rating moved by a level, or weights perturbed.  Re-loading
the call each time would be slow, so this module keeps the usable ratings as
a plain map and re-runs the engine's own pieces (:func:`isgrid.combine.aggregate`,
:func:`isgrid.modes.scored`, :func:`isgrid.select.rank` and the walks) on it.
Eligibility, proposed amounts and tie-break facts are taken as in the engine
and held fixed (people rate eligibility, not the jury's numbers).

:meth:`Rescorer.check` compares a re-run on the unchanged ratings with the
engine's result: every analysis calls it first, so that if the engine and this
module ever drift apart the analysis stops instead of reporting wrong numbers.
Scored mode only: the other modes have no total and no funding line by total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..callmodel import Call
from ..calls import consensus_values
from ..combine import aggregate
from ..errors import CallError, Diagnostic, Location
from ..facts import fact_value
from ..model import Grid
from ..modes import scored
from ..money import money
from ..select import Entry, rank, walk_budget, walk_top

EPS = 1e-9

#: (dossier, criterion) -> assessor -> value (usable ratings only)
Values = dict[tuple[str, str], dict[str, float]]


@dataclass
class Outcome:
    """One re-run: per dossier its total, rank and selection."""

    total: dict[str, float | None]
    rank: dict[str, int | None]
    selected: dict[str, bool | None]
    rankable: dict[str, bool]


def usable_values(call: Call) -> Values:
    """The usable ratings (not n/a, not empty, not from a déport) of scoring criteria."""
    conflicted = {(c.assessor, c.dossier) for c in call.config.conflicts}
    scoring = {c.id for c in call.grid.grid.criteria() if not c.eliminatory}
    out: Values = {}
    for r in call.ratings:
        if r.criterion not in scoring or r.na or r.value is None:
            continue
        if (r.assessor, r.dossier) in conflicted:
            continue
        out.setdefault((r.dossier, r.criterion), {})[r.assessor] = float(r.value)
    return out


def not_scored(call: Call, what: str) -> CallError:
    mode = call.grid.grid.resolved_mode()
    return CallError(f"{what} needs a scored grid", [Diagnostic(
        "mode-mismatch", f"{what} works on totals; this grid is in {mode} mode",
        Location(str(call.folder / "call.yaml"), key_path="grid"),
        hint="Calibration and sensitivity apply to scored grids.")])


class Rescorer:
    def __init__(self, call: Call, result: dict[str, Any]) -> None:
        g = call.grid.grid
        if g.resolved_mode() != "scored":
            raise not_scored(call, "this analysis")
        self.call = call
        self.grid = g
        cfg = call.config
        self.how = cfg.aggregator or g.effective_aggregator()
        self.scoring = [c for c in g.criteria() if not c.eliminatory]
        self.renormalise = cfg.missing == "renormalise"
        self.min_ratings = cfg.min_ratings
        self.consensus = {k: v[0] for k, v in consensus_values(cfg, call.grid).items()}
        self.tie_breaks = cfg.tie_breaks if cfg.tie_breaks is not None else g.tie_breaks
        self.result = result
        recs = {d["id"]: d for d in result["dossiers"]}
        self.eligible = {d.id: recs[d.id]["eligible"] for d in call.dossiers}
        self.facts = {d.id: d.facts for d in call.dossiers}
        self.ids = [d.id for d in call.dossiers]
        # (proposed amount, selectable), as the engine computes them before the walk
        self.money = {d.id: money(d.facts, cfg)[1:3] for d in call.dossiers}
        self.base_values = usable_values(call)
        self._parts: dict[str, tuple[float | None, bool, Entry | None]] | None = None

    @property
    def has_line(self) -> bool:
        sel = self.call.config.selection
        return self.call.config.budget is not None or (sel is not None and sel.top is not None)

    def _dossier(self, did: str, values: Values, g: Grid) -> tuple[
            float | None, bool, Entry | None]:
        """One dossier's total, rankability and ranking entry."""
        stats: dict[str, dict[str, Any]] = {}
        short_any = False
        for c in self.scoring:
            vals = list(values.get((did, c.id), {}).values())
            cons = self.consensus.get((did, c.id))
            value = cons if cons is not None else aggregate(vals, self.how)
            if self.min_ratings and len(vals) < self.min_ratings and cons is None:
                value = None
                short_any = True
            stats[c.id] = {"value": value}
        mo = scored(g, self.scoring, stats, renormalise=self.renormalise)
        ok = self.eligible[did] is True and mo.rankable and not short_any
        entry = None
        if ok:
            ties = [self._tie(tb.by, mo.sections, stats, did) for tb in self.tie_breaks]
            proposed, selectable = self.money[did]
            entry = Entry(did, mo.key, ties, proposed, selectable)
        return mo.total, ok, entry

    def run(self, values: Values, grid: Grid | None = None,
            changed: set[str] | None = None) -> Outcome:
        """Score, rank and walk again.  ``changed``: only these dossiers' ratings differ
        from the call's (the others are taken from the unchanged run)."""
        g = grid or self.grid
        cfg = self.call.config
        if changed is not None and grid is None and self._parts is None:
            self._parts = {d: self._dossier(d, self.base_values, g) for d in self.ids}
        totals: dict[str, float | None] = {}
        rankable: dict[str, bool] = {}
        entries: list[Entry] = []
        for did in self.ids:
            if changed is not None and grid is None and did not in changed \
                    and self._parts is not None:
                total, ok, base_entry = self._parts[did]
                entry = None if base_entry is None else Entry(
                    base_entry.id, base_entry.key, base_entry.tie_values,
                    base_entry.proposed, base_entry.selectable)
            else:
                total, ok, entry = self._dossier(did, values, g)
            totals[did] = total
            rankable[did] = ok
            if entry is not None:
                entries.append(entry)
        ordered = rank(entries, [tb.order for tb in self.tie_breaks])
        sel = cfg.selection
        walked = False
        if cfg.budget is not None:
            walk_budget(ordered, float(cfg.budget), sel.rule if sel else "rank-order",
                        partial=bool(cfg.funding and cfg.funding.partial),
                        minimum=float(cfg.funding.minimum) if cfg.funding and
                        cfg.funding.minimum else None, reserve_n=0)
            walked = True
        elif sel is not None and sel.top is not None:
            walk_top(ordered, sel.top, 0)
            walked = True
        ranks: dict[str, int | None] = {did: None for did in self.ids}
        selected: dict[str, bool | None] = {
            did: (False if walked else None) for did in self.ids}
        for e in ordered:
            ranks[e.id] = e.rank
            # as the engine: a ranked dossier whose amount cannot be computed is
            # neither selected nor refused (status "à vérifier")
            unknown_amount = cfg.budget is not None and e.proposed is None
            selected[e.id] = e.selected if walked and not unknown_amount else None
        return Outcome(totals, ranks, selected, rankable)

    def _tie(self, by: str, sections: dict[str, float | None],
             stats: dict[str, dict[str, Any]], did: str) -> Any:
        kind, _, ref = by.partition(":")
        if kind == "section":
            return sections.get(ref)
        if kind == "criterion":
            s = stats.get(ref)
            return s["value"] if s else None
        v = fact_value(self.facts[did], ref)
        return v if isinstance(v, int | float | str) and not isinstance(v, bool) else None

    def check(self) -> Outcome:
        """Re-run on the unchanged ratings; stop if it differs from the engine's result."""
        base = self.run(self.base_values)
        for d in self.result["dossiers"]:
            did = d["id"]
            t = base.total[did]
            same_total = (t is None and d["total"] is None) or (
                t is not None and d["total"] is not None and abs(t - d["total"]) < 1e-6)
            if not same_total or base.rank[did] != d["rank"] or \
                    base.selected[did] != d["selected"]:
                raise RuntimeError(
                    f"re-scoring {did} does not reproduce the engine (total {t} vs "
                    f"{d['total']}, rank {base.rank[did]} vs {d['rank']}, selected "
                    f"{base.selected[did]} vs {d['selected']}): a bug in isgrid.jury")
        return base
